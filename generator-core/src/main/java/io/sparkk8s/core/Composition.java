package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Layout;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Map;

/**
 * The resolved contents of one chart: the blocks with their models, the computed wiring (endpoints),
 * the composition rules and the presets that apply.
 *
 * @param profile the Spark line profile
 * @param layout the layout
 * @param blocks the blocks, in id order
 * @param endpoints every endpoint of the chart by id
 * @param rules every composition rule, with absolute paths
 * @param presets the presets that apply to the line
 * @param model the chart's whole values model (toggle shape: global, ingress, each block under its key)
 */
record Composition(
        SparkProfile profile,
        Layout layout,
        List<Part> blocks,
        Map<String, Endpoint> endpoints,
        List<Rule> rules,
        List<Preset> presets,
        ChartModel model) {

    Composition {
        blocks = List.copyOf(blocks);
        endpoints =
                java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(endpoints)); // by id on every JVM
        rules = List.copyOf(rules);
        presets = List.copyOf(presets);
    }

    /**
     * One block of the chart.
     *
     * @param block the block
     * @param model its values model for the line, overrides applied
     */
    record Part(Block block, ValuesModel model) {}

    String chartName() {
        return profile.line().chartName();
    }
}
