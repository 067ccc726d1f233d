package io.sparkk8s.cli;

import io.sparkk8s.api.OutputException;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import io.sparkk8s.core.LayeredValues;
import io.sparkk8s.core.ManifestDiff;
import io.sparkk8s.core.Reports;
import io.sparkk8s.verify.KubeVersions;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what two presets, or a values change, do to the rendered objects: renders the chart "
                    + "with helm template (Helm 3 in the JVM, lowest supported Kubernetes version) and prints each "
                    + "object (kind/name) added, removed or changed, with the changed paths and old -> new values. Each side is "
                    + "rendered twice, so values the chart generates at random do not show as changes; Secret values "
                    + "are never printed.",
            "Old side: the chart's defaults + --preset. New side: --to-preset (or the same --preset), then -f "
                    + "files and --set values.",
            "Exit status: 0 no difference, 1 differences (or invalid input), 2 usage error."
        },
        footer = {
            "",
            "Examples:",
            "  spark-k8s diff --chart 4.1 --preset minimal --to-preset connect-minio-history",
            "  spark-k8s diff --chart 4.1 --preset minimal --set connect.executor.instances=3"
        })
final class DiffCommand extends SparkK8s.WithGenerator {
    @Mixin
    ChartOption chart;

    @Option(
            names = "--preset",
            paramLabel = "<name>",
            description = "Preset of both sides (the old side's only " + "preset when --to-preset is given)")
    String preset;

    @Option(names = "--to-preset", paramLabel = "<name>", description = "Preset of the new side instead")
    String toPreset;

    @Option(
            names = {"-f", "--values"},
            paramLabel = "<values.yaml>",
            description = "Values file(s) of the new " + "side, layered in order like Helm's -f (repeatable)")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "<path=value>",
            description = "Value(s) of the new side, applied last " + "(value in YAML; repeatable)")
    Map<String, String> sets = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (toPreset == null && files.isEmpty() && sets.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "nothing to compare: give --to-preset, " + "-f or --set for the new side");
        }
        SparkLine line = chart.line(this);
        Path folder = chart.folder(this, line);
        Generator generator = generator();
        List<String> oldPresets = preset == null ? List.of() : List.of(preset);
        List<String> newPresets = toPreset != null ? List.of(toPreset) : oldPresets;
        LayeredValues before = new LayerOptions().resolve(this, generator, line, oldPresets, List.of(), Map.of());
        LayeredValues after = new LayerOptions().resolve(this, generator, line, newPresets, files, sets);
        Verifier verifier =
                Verifier.builder().kubeVersions(List.of(KubeVersions.LOWEST)).build();
        List<ManifestDiff.ObjectChange> changes = ManifestDiff.of(
                render(verifier, folder, before),
                render(verifier, folder, before),
                render(verifier, folder, after),
                render(verifier, folder, after));
        int code = changes.isEmpty() ? SparkK8s.OK : SparkK8s.INVALID;
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("chart", folder.toString());
            result.put(
                    "from",
                    before.layers().stream().map(LayeredValues.Layer::source).toList());
            result.put(
                    "to",
                    after.layers().stream().map(LayeredValues.Layer::source).toList());
            result.put("different", !changes.isEmpty());
            result.put("objects", changes.stream().map(DiffCommand::toJson).toList());
            return printJson(result, code);
        }
        out().println("--- " + LayerOptions.describe(before));
        out().println("+++ " + LayerOptions.describe(after));
        for (ManifestDiff.ObjectChange c : changes) {
            out().println(switch (c.change()) {
                        case ADDED -> "+ ";
                        case REMOVED -> "- ";
                        case CHANGED -> "~ ";
                    }
                    + c.kind() + " " + c.name());
            for (ManifestDiff.PathChange p : c.paths()) {
                out().println("    " + p.path() + ": " + text(p.from()) + " -> " + text(p.to()));
            }
        }
        out().println(changes.isEmpty() ? "No difference in the rendered objects." : summary(changes));
        out().flush();
        return code;
    }

    static String render(Verifier verifier, Path folder, LayeredValues values) {
        if (values.overlay().isEmpty()) {
            return verifier.render(folder, List.of());
        }
        Path file = null;
        try {
            file = Files.createTempFile("spark-k8s-diff-", ".yaml");
            Files.writeString(file, Reports.yaml(values.overlay()), StandardCharsets.UTF_8);
            return verifier.render(folder, List.of(file));
        } catch (IOException e) {
            throw new OutputException("cannot write a temporary values file for helm template: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a left-over temporary file does not change the result
                }
            }
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "(absent)";
        }
        if (value instanceof List<?> lines && lines.stream().allMatch(String.class::isInstance)) {
            return lines.isEmpty()
                    ? "(no line)"
                    : String.join(" | ", lines.stream().map(String::valueOf).toList());
        }
        if (value instanceof String s && s.contains("\n")) {
            return s.lines().findFirst().orElse("") + " ... (" + s.lines().count() + " lines)";
        }
        if (value instanceof Map<?, ?> map) {
            Object name = map.get("name");
            return "{" + (name == null ? "" : "name: " + name + ", ") + map.size() + " keys}";
        }
        if (value instanceof List<?> list) {
            return "[" + list.size() + (list.size() == 1 ? " item]" : " items]");
        }
        return Reports.inlineYaml(value).strip();
    }

    private static String summary(List<ManifestDiff.ObjectChange> changes) {
        long added = changes.stream()
                .filter(c -> c.change() == ManifestDiff.Change.ADDED)
                .count();
        long removed = changes.stream()
                .filter(c -> c.change() == ManifestDiff.Change.REMOVED)
                .count();
        return changes.size() + (changes.size() == 1 ? " object differs" : " objects differ") + " (" + added
                + " added, " + removed + " removed, " + (changes.size() - added - removed) + " changed).";
    }

    private static Map<String, Object> toJson(ManifestDiff.ObjectChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind());
        m.put("name", c.name());
        m.put("change", c.change().name().toLowerCase());
        m.put(
                "paths",
                c.paths().stream()
                        .map(p -> {
                            Map<String, Object> path = new LinkedHashMap<>();
                            path.put("path", p.path());
                            path.put("from", Reports.jsonValue(p.from()));
                            path.put("to", Reports.jsonValue(p.to()));
                            return path;
                        })
                        .toList());
        return m;
    }
}
