package io.sparkk8s.cli;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.core.InputFiles;
import io.sparkk8s.verify.Finding;
import io.sparkk8s.verify.Gate;
import io.sparkk8s.verify.KubeVersions;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the verification gates on a chart folder (Helm lint and template for the lowest and "
                    + "highest Kubernetes version, API schemas, Pod Security restricted, references, containers, labels, "
                    + "Spark settings) and prints every gate it ran with the number of objects it checked."
        })
final class VerifyCommand extends SparkK8s.Base {
    @Parameters(
            index = "0",
            paramLabel = "<chart-folder>",
            description = "Chart folder, e.g. generated-charts/spark-4.1")
    Path chart;

    @Option(
            names = {"-f", "--values"},
            paramLabel = "<values.yaml>",
            description = "Values file(s), layered in "
                    + "order like Helm's -f: later files win, maps merge, lists are replaced (repeatable)")
    List<Path> values = new ArrayList<>();

    @Override
    public Integer call() {
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new InvalidInputException(List.of(new Problem(
                    chart.toString(),
                    "",
                    (Files.exists(chart)
                                    ? "is not a chart folder (it has no Chart.yaml)"
                                    : "no such folder (looked for "
                                            + chart.toAbsolutePath().normalize() + ")")
                            + "; pass a chart folder such as "
                            + "generated-charts/spark-4.1")));
        }
        List<Problem> problems = new ArrayList<>();
        for (Path file : values) {
            try {
                InputFiles.readMapping(file, file.toString());
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        VerificationReport report = Verifier.builder()
                .kubeVersions(KubeVersions.defaults())
                .layerValues(true)
                .extraSparkSettings(SparkSettings.catalogExtraSettings(catalog))
                .build()
                .verify(chart, values);
        int code = report.ok() ? SparkK8s.OK : SparkK8s.INVALID;
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", report.ok());
            result.put("chart", chart.toString());
            result.put("values", values.stream().map(Path::toString).toList());
            result.put("gates", report.gates().stream().map(VerifyCommand::gate).toList());
            result.put(
                    "findings",
                    report.findings().stream().map(VerifyCommand::finding).toList());
            return printJson(result, code);
        }
        out().print(report.format());
        out().println("Checked (" + report.gates().size() + " gate runs):");
        report.gates().forEach(g -> out().println("  " + g.format()));
        out().flush();
        return code;
    }

    private static Map<String, Object> gate(Gate g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", g.check());
        m.put("description", g.description());
        m.put("scope", g.scope());
        m.put("count", g.count());
        m.put("unit", g.unit());
        return m;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", f.check());
        m.put("kind", f.kind());
        m.put("name", f.name());
        m.put("path", f.path());
        m.put("message", f.message());
        m.put("source", f.source());
        return m;
    }
}
