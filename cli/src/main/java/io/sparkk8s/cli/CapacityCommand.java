package io.sparkk8s.cli;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import io.sparkk8s.core.LayeredValues;
import io.sparkk8s.verify.Capacity;
import io.sparkk8s.verify.KubeVersions;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "capacity",
        mixinStandardHelpOptions = true,
        description = {
            "Prints what a release asks of its namespace, per preset: the CPU and memory requests and limits of "
                    + "every workload times its replicas, and the worst case with every Spark driver's executors at "
                    + "their maximum (dynamicAllocation.maxExecutors, or executor.instances). Hooks and Helm test "
                    + "pods are listed but not counted. Renders with helm template (Helm 3 in the JVM).",
            "With --quota, checks the totals against a ResourceQuota's spec.hard (requests.cpu, requests.memory, "
                    + "limits.cpu, limits.memory, pods); without it, against the ResourceQuota the values render "
                    + "(teamNamespace.resourceQuota), if any.",
            "Exit status: 0 fits (or no quota), 1 exceeds the quota (or invalid input), 2 usage error."
        },
        footer = {
            "",
            "Examples:",
            "  spark-k8s capacity --chart 4.1",
            "  spark-k8s capacity --chart 4.1 --preset connect-k8s --quota team-quota.yaml"
        })
final class CapacityCommand extends SparkK8s.WithGenerator {
    @Mixin
    ChartOption chart;

    @Option(
            names = "--preset",
            paramLabel = "<name>",
            description = "Preset(s) to report (repeatable); default: every preset of the chart")
    List<String> presets = new ArrayList<>();

    @Option(
            names = {"-f", "--values"},
            paramLabel = "<values.yaml>",
            description = "Values file(s) layered over each preset (repeatable)")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "<path=value>",
            description = "Value(s) applied last (value in YAML; repeatable)")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(
            names = "--quota",
            paramLabel = "<quota.yaml>",
            description = "A ResourceQuota manifest to check every preset against")
    Path quota;

    @Override
    public Integer call() {
        SparkLine line = chart.line(this);
        Path folder = chart.folder(this, line);
        Map<String, String> hard = quota == null ? Map.of() : quota(quota);
        List<String> names = presets.isEmpty() ? chartPresets(folder) : presets;
        Generator generator = generator();
        Verifier verifier =
                Verifier.builder().kubeVersions(List.of(KubeVersions.LOWEST)).build();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean exceeds = false;
        for (String preset : names) {
            LayeredValues values = new LayerOptions().resolve(this, generator, line, List.of(preset), files, sets);
            String rendered = DiffCommand.render(verifier, folder, values);
            Capacity.Report report = Capacity.of(rendered);
            List<String> over = report.exceeding(quota == null ? renderedQuota(rendered) : hard);
            exceeds |= !over.isEmpty();
            if (json) {
                results.add(toJson(preset, report, over));
            } else {
                print(LayerOptions.describe(values), report, over);
            }
        }
        int code = exceeds ? SparkK8s.INVALID : SparkK8s.OK;
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("chart", folder.toString());
            document.put("quota", hard);
            document.put("presets", results);
            return printJson(document, code);
        }
        out().flush();
        return code;
    }

    private void print(String what, Capacity.Report report, List<String> over) {
        out().println(what);
        report.format().lines().forEach(line -> out().println("  " + line));
        over.forEach(line -> out().println("  EXCEEDS QUOTA " + line));
        out().println();
    }

    private static Map<String, Object> toJson(String preset, Capacity.Report report, List<String> over) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.put(
                "workloads",
                report.workloads().stream()
                        .map(w -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("kind", w.kind());
                            o.put("name", w.name());
                            o.put("pods", w.pods());
                            o.put("counted", w.counted());
                            o.put("total", resources(w.total()));
                            return o;
                        })
                        .toList());
        m.put("total", resources(report.total()));
        m.put("pods", report.pods());
        m.put("exceeding", over);
        return m;
    }

    private static Map<String, Object> resources(Capacity.Resources r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("requestsCpu", Capacity.cpu(r.requestCpu()));
        o.put("requestsMemory", Capacity.memory(r.requestMemory()));
        o.put("limitsCpu", r.limitCpu() == null ? null : Capacity.cpu(r.limitCpu()));
        o.put("limitsMemory", r.limitMemory() == null ? null : Capacity.memory(r.limitMemory()));
        return o;
    }

    private static Map<String, String> quota(Path file) {
        try {
            return Capacity.quota(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException(
                    List.of(new Problem(file.toString(), "", "cannot read the quota file: " + e.getMessage())));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new Problem(file.toString(), "", e.getMessage())));
        }
    }

    /** The chart's own ResourceQuota (teamNamespace.resourceQuota), when the values render one; else no quota. */
    private static Map<String, String> renderedQuota(String rendered) {
        try {
            return Capacity.quota(rendered);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static List<String> chartPresets(Path folder) {
        try (Stream<Path> files = Files.list(folder.resolve("presets"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(List.of(new Problem(
                    folder.toString(), "", "no presets/ folder in the chart (" + e.getMessage() + "); give --preset")));
        }
    }
}
