package io.sparkk8s.cli;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.InputFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Checks a values file against a chart's schema and composition rules.")
final class ValidateCommand extends SparkK8s.WithGenerator {
    @Parameters(index = "0", paramLabel = "<values.yaml>", description = "Values file to check")
    Path file;

    @Option(
            names = "--chart",
            required = true,
            paramLabel = "<chart>",
            description = "Chart: a line (4.1), spark-4.1 or a generated chart folder")
    String chart;

    @Override
    public Integer call() {
        SparkLine line = line(chart);
        List<Problem> problems = generator().validate(file, line, catalog);
        if (!problems.isEmpty()) {
            input = InputFiles.readMapping(file, file.toString());
            throw new InvalidInputException(problems);
        }
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", true);
            result.put("file", file.toString());
            result.put("chart", line.chartName());
            result.put("checked", List.of("values schema", "composition rules", "template rules"));
            return printJson(result, SparkK8s.OK);
        }
        out().println(file + ": valid for " + line.chartName() + " (schema, composition rules and the "
                + "chart's template rules)"
                + (warnings.isEmpty()
                        ? ""
                        : "; " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s")
                                + " about settings that fail or do nothing at run time"));
        return SparkK8s.OK;
    }
}
