package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.ImageValues;
import io.sparkk8s.api.KubernetesVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chart.yaml, .helmignore and the preset files of a chart. */
final class ChartFiles {

    private ChartFiles() {}

    /** The chart's Chart.yaml; {@code subcharts} non-null makes it an umbrella with dependencies. */
    static String chartYaml(Composition c, List<Composition.Part> subcharts) {
        StringBuilder out = head(
                c,
                c.chartName(),
                "Apache Spark " + c.profile().line().id()
                        + " on Kubernetes, composed from blocks: "
                        + String.join(
                                ", ",
                                c.blocks().stream().map(p -> p.block().id()).toList()) + ".");
        out.append("keywords:\n");
        for (String k : List.of("spark", "spark-connect", "apache-spark", "data", "kubernetes")) {
            out.append("  - ").append(k).append('\n');
        }
        out.append("annotations:\n");
        out.append("  artifacthub.io/license: Apache-2.0\n");
        out.append("  artifacthub.io/category: ").append("analytics").append('\n');
        out.append("  artifacthub.io/containsSecurityUpdates: \"false\"\n");
        out.append("  artifacthub.io/images: |\n");
        for (Map<String, String> image : images(c)) {
            out.append("    - name: ").append(image.get("name")).append('\n');
            out.append("      image: ").append(image.get("image")).append('\n');
        }
        if (subcharts != null) {
            out.append("dependencies:\n");
            for (Composition.Part part : subcharts) {
                Block block = part.block();
                out.append("  - name: ").append(block.id()).append('\n');
                out.append("    version: ").append(ChartRenderer.CHART_VERSION).append('\n');
                out.append("    repository: ")
                        .append(quote("file://charts/" + block.id()))
                        .append('\n');
                out.append("    alias: ").append(block.valuesKey()).append('\n');
                out.append("    condition: ").append(block.valuesKey()).append(".enabled\n");
            }
        }
        return out.toString();
    }

    /** A subchart's Chart.yaml. */
    static String subchartYaml(Composition c, Block block) {
        StringBuilder out = head(c, block.id(), block.description());
        out.append("keywords:\n  - spark\n  - ").append(block.id()).append('\n');
        return out.toString();
    }

    /** The lines every Chart.yaml starts with, an umbrella's and a subchart's alike: up to the kubeVersion. */
    private static StringBuilder head(Composition c, String name, String description) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(ChartRenderer.GENERATED).append('\n');
        out.append("apiVersion: v2\n");
        out.append("name: ").append(name).append('\n');
        out.append("description: ").append(quote(description)).append('\n');
        out.append("type: application\n");
        out.append("version: ").append(ChartRenderer.CHART_VERSION).append('\n');
        out.append("appVersion: ").append(quote(c.profile().sparkVersion())).append('\n');
        out.append("kubeVersion: ")
                .append(quote(KubernetesVersions.constraint()))
                .append('\n');
        return out;
    }

    private static List<Map<String, String>> images(Composition c) {
        List<Map<String, String>> images = new ArrayList<>();
        for (Composition.Part part : c.blocks()) {
            // the images the block's model lists (ValuesModel.images), never guessed from key names
            for (ImageValues image : part.model().images()) {
                String prefix = image.prefix();
                Map<String, String> m = new LinkedHashMap<>();
                m.put(
                        "name",
                        part.block().id()
                                + (prefix.equals("image")
                                        ? ""
                                        : "-" + prefix.replace('.', '-').replace("-image", "")));
                // a Spark workload's empty default follows the release's one Spark image (global.spark.image)
                String repository = (String)
                        part.model().find(image.repositoryPath()).orElseThrow().defaultValue();
                String tag = (String)
                        part.model().find(image.tagPath()).orElseThrow().defaultValue();
                m.put(
                        "image",
                        (repository.isEmpty() ? c.profile().image().repository() : repository) + ":"
                                + (tag.isEmpty() ? c.profile().image().tag() : tag));
                images.add(m);
            }
        }
        return images;
    }

    static String helmignore() {
        return "# " + ChartRenderer.GENERATED + "\n.DS_Store\n.git/\n.gitignore\n*.swp\n*.bak\n*.tmp\n*.orig\n*~\n"
                + ".idea/\n.vscode/\n" + ChartOutput.MARKER + "\n";
    }

    /** A preset as a values file with the schema modeline. */
    static String presetFile(Preset preset) {
        return PRESET_FILES.get(preset, ChartFiles::writePresetFile);
    }

    /**
     * Preset files of recent presets (issue 18, warm generation): a preset is a record of frozen values, so an equal
     * preset gives the same file (see {@link Memo}).
     */
    private static final Memo<Preset, String> PRESET_FILES = new Memo<>(128);

    private static String writePresetFile(Preset preset) {
        StringBuilder out = new StringBuilder();
        out.append("# yaml-language-server: $schema=../values.schema.json\n");
        out.append("# Preset ").append(preset.name()).append(": ");
        out.append(String.join("\n# ", ValuesYaml.wrap(preset.description(), 96)))
                .append('\n');
        out.append("# Install: helm install <release> <chart folder> -f presets/")
                .append(preset.name())
                .append(".yaml\n");
        out.append("# ").append(ChartRenderer.GENERATED).append('\n');
        out.append(Yaml.dump(preset.values()));
        return out.toString();
    }

    static String quote(String text) {
        return Rules.quote(text);
    }
}
