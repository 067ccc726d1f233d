package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.api.Layout;
import io.sparkk8s.api.SparkProfile;
import java.util.Collection;
import java.util.Map;

/** The generated chart README: what it deploys, blocks, presets, the values table and recipes. */
final class ChartReadme {

    private ChartReadme() {}

    static String write(Composition c) {
        SparkProfile p = c.profile();
        StringBuilder out = new StringBuilder();
        out.append("<!-- ").append(ChartRenderer.GENERATED).append(" -->\n");
        out.append("# ").append(c.chartName()).append("\n\n");
        out.append("Apache Spark ")
                .append(p.sparkVersion())
                .append(" (line ")
                .append(p.line().id())
                .append(", Scala ")
                .append(p.scalaVersion())
                .append(", Hadoop ")
                .append(p.hadoopVersion())
                .append(") on Kubernetes ")
                .append(KubernetesVersions.LOWEST)
                .append(" to ")
                .append(KubernetesVersions.HIGHEST)
                .append(".\n\n");
        if (c.layout() == Layout.SUBCHART) {
            out.append(
                            "This is an umbrella chart: `charts/` holds one subchart per block, each installable on its own. ")
                    .append("The umbrella's aliases put every block's values under the same keys as in the ")
                    .append("single-chart layout, so one values file serves both.\n\n");
        } else {
            out.append("Every block is part of this one chart and switched on or off by `<block>.enabled`.\n\n");
        }
        out.append("Default Spark image: `")
                .append(p.image().repository())
                .append(':')
                .append(p.image().tag())
                .append("`. ")
                .append(p.why())
                .append("\n\n");
        out.append("```shell\nhelm install spark ./")
                .append(c.chartName())
                .append(" --namespace spark --create-namespace\n```\n\n");

        out.append("## Blocks\n\n| block | toggle | default | what it deploys | endpoints |\n|---|---|---|---|---|\n");
        for (Composition.Part part : c.blocks()) {
            Block block = part.block();
            Object enabled =
                    part.model().find("enabled").map(v -> v.defaultValue()).orElse(false);
            StringBuilder endpoints = new StringBuilder();
            for (Endpoint e : block.endpoints()) {
                endpoints
                        .append(endpoints.length() == 0 ? "" : ", ")
                        .append(e.protocol())
                        .append(' ')
                        .append(e.port());
            }
            out.append("| ")
                    .append(block.id())
                    .append(" | `")
                    .append(block.valuesKey())
                    .append(".enabled` | ")
                    .append(enabled)
                    .append(" | ")
                    .append(block.description())
                    .append(" | ")
                    .append(endpoints)
                    .append(" |\n");
        }
        out.append("\n## Presets\n\n");
        if (c.presets().isEmpty()) {
            out.append("No preset of the catalog applies to this line.\n");
        }
        for (Preset preset : c.presets()) {
            out.append("- **")
                    .append(preset.name())
                    .append("** — ")
                    .append(preset.description())
                    .append("\n  `helm install spark ./")
                    .append(c.chartName())
                    .append(" -f ./")
                    .append(c.chartName())
                    .append("/presets/")
                    .append(preset.name())
                    .append(".yaml`\n");
        }
        out.append("\n## Values\n\n| key | type | default | description |\n|---|---|---|---|\n");
        for (ChartModel.Entry entry : c.model().entries()) {
            out.append("| `")
                    .append(entry.path())
                    .append("` | ")
                    .append(entry.value().type().label())
                    .append(" | ")
                    .append(cell(entry.value().defaultValue()))
                    .append(" | ")
                    .append(entry.value().description().replace("|", "\\|"));
            if (!entry.value().allowed().isEmpty()) {
                out.append(" One of: ")
                        .append(String.join(
                                ", ",
                                entry.value().allowed().stream()
                                        .map(a -> "`" + (a.isEmpty() ? "\"\"" : a) + "`")
                                        .toList()))
                        .append('.');
            }
            if (!entry.value().sparkConf().isEmpty()) {
                out.append(" Spark: `").append(entry.value().sparkConf()).append("`.");
            }
            out.append(" |\n");
        }
        out.append(ImageCatalogue.markdown(p.line()));
        out.append(Recipes.markdown(c));
        return out.toString();
    }

    private static String cell(Object value) {
        if (value instanceof String s && s.isEmpty()) {
            return "`\"\"`";
        }
        if (value instanceof Map<?, ?> m && m.isEmpty() || value instanceof Collection<?> l && l.isEmpty()) {
            return value instanceof Map ? "`{}`" : "`[]`";
        }
        return "`" + Yaml.inline(value).replace("|", "\\|") + "`";
    }
}
