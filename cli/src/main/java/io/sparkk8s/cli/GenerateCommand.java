package io.sparkk8s.cli;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.ChartOutput;
import io.sparkk8s.core.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generates the charts of the catalog into an output folder.")
final class GenerateCommand extends SparkK8s.WithGenerator {
    @Option(
            names = "--add-catalog",
            paramLabel = "<folder>",
            description = "A further folder holding presets/ "
                    + "whose presets are added to the catalog's (repeatable; a name defined twice is an error)")
    List<Path> moreCatalogs = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            defaultValue = "generated-charts",
            paramLabel = "<folder>",
            description = "Output folder; only chart folders the generator wrote are replaced "
                    + "(default: ${DEFAULT-VALUE})")
    Path output;

    @Option(
            names = "--line",
            paramLabel = "<line>",
            description = "Spark line(s) to generate: 4.1, 3.5 " + "(repeatable; default: all)")
    List<String> lines = new ArrayList<>();

    @Option(
            names = "--preset",
            paramLabel = "<name>",
            description = "Preset(s) to include (repeatable; default: " + "all; see 'spark-k8s presets')")
    List<String> presets = new ArrayList<>();

    @Option(
            names = "--include-block",
            paramLabel = "<id>",
            description = "Only these block ids (repeatable; see " + "'spark-k8s blocks')")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude-block", paramLabel = "<id>", description = "Leave these block ids out (repeatable)")
    List<String> exclude = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "<path=value>",
            description = "Override a default of the chart, e.g. connect.replicas=2 or global.fullnameOverride=acme "
                    + "(value in YAML; repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() {
        Set<SparkLine> selected = EnumSet.noneOf(SparkLine.class);
        for (String line : lines) {
            try {
                selected.add(SparkLine.parse(line));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--line: " + e.getMessage());
            }
        }
        GenerationRequest request = GenerationRequest.forCatalog(catalog)
                .moreCatalogs(moreCatalogs)
                .lines(selected)
                .presets(presets)
                .includeBlocks(new java.util.LinkedHashSet<>(include))
                .excludeBlocks(new java.util.LinkedHashSet<>(exclude))
                .overrides(overrides)
                .build();
        Generator.refusePartialIntoCatalogOutput(request, output);
        GenerationResult result = generator().generate(request, ChartOutput.directory(output));
        List<Map<String, Object>> charts = new ArrayList<>();
        for (GeneratedChart chart : result.charts()) {
            if (!json) {
                out().printf(
                                "%s: %d files (%s layout) -> %s%n",
                                chart.name(),
                                chart.files().size(),
                                chart.layout().name().toLowerCase(),
                                output.resolve(chart.name()));
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", chart.name());
            c.put("layout", chart.layout().name().toLowerCase());
            c.put("files", chart.files().size());
            c.put("output", output.resolve(chart.name()).toString());
            charts.add(c);
        }
        return json ? printJson(Map.of("charts", charts), SparkK8s.OK) : SparkK8s.OK;
    }
}
