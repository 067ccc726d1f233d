package io.sparkk8s.core;

import io.sparkk8s.api.BlockTemplateContext.EndpointView;
import io.sparkk8s.api.SparkProfile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine's own chart-root templates ({@code templates/root/*}: NOTES.txt, the S3 Secret, the wiring
 * ConfigMaps, the Ingress, the NetworkPolicy, validate.yaml) receive, at the root of the toggle chart, of the
 * umbrella, or of a subchart installed alone. Turned into Pebble's variables by {@link TemplateVariables}.
 *
 * @param layout {@code toggle} or {@code subchart}
 * @param line the Spark line's profile (read as in {@link io.sparkk8s.api.BlockTemplateContext#line()})
 * @param blocks the ids of the blocks of the chart (the umbrella's, for a subchart), sorted
 * @param chart the chart being rendered: {@code spark-4.1}, {@code spark-3.5}, or a subchart's block id
 * @param chartRoot true at the root of the toggle chart or the umbrella, false in a subchart
 * @param chartEndpoints the endpoints of the blocks this chart holds: every block's at the toggle chart's or the
 *     umbrella's root, the block's own in a subchart
 * @param uis the web UI endpoints among them that the Ingress routes to (empty in a subchart)
 * @param contributions the Spark settings blocks contribute to Spark-running blocks: maps of {@code key} (the
 *     contributing block's values key), {@code conf} (the Spark key) and {@code value} (a Helm expression)
 * @param s3Users the Helm condition under which a block of this chart uses S3
 * @param s3Used the Helm condition under which an S3 endpoint is known
 * @param rules the composition rules that can break in this chart: maps of {@code broken} (the Helm condition
 *     that holds when the rule is broken) and {@code message} (quoted, keys as this chart spells them)
 * @param valueKeys the top-level keys of the chart's values (empty in a subchart)
 */
record RootTemplateContext(
        String layout,
        SparkProfile line,
        List<String> blocks,
        String chart,
        boolean chartRoot,
        List<RootEndpoint> chartEndpoints,
        List<RootEndpoint> uis,
        List<Map<String, Object>> contributions,
        String s3Users,
        String s3Used,
        List<Map<String, Object>> rules,
        List<String> valueKeys) {

    RootTemplateContext {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(line, "line");
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(chart, "chart");
        chartEndpoints = List.copyOf(chartEndpoints);
        uis = List.copyOf(uis);
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(s3Users, "s3Users");
        Objects.requireNonNull(s3Used, "s3Used");
        rules = List.copyOf(rules);
        valueKeys = List.copyOf(valueKeys);
    }

    /**
     * An endpoint at a chart root, read as {@code e.id}, {@code e.port}, … and {@code e.key}.
     *
     * @param key the owning block's values key (empty in a subchart, whose values have no block key)
     * @param endpoint the endpoint
     */
    record RootEndpoint(String key, EndpointView endpoint) {
        RootEndpoint {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }
}
