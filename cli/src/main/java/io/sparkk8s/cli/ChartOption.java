package io.sparkk8s.cli;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --chart} option of the commands that read one chart ({@code values}, {@code explain}, {@code diff},
 * {@code capacity}): a line, a chart name or a generated chart folder, 4.1 when left out. {@code validate} declares
 * its own, since it requires the option.
 */
final class ChartOption {
    @Option(
            names = "--chart",
            defaultValue = "4.1",
            paramLabel = "<chart>",
            description = "Chart: a line (4.1: the catalog's generated-charts/spark-4.1), spark-4.1 or a generated "
                    + "chart folder (default: ${DEFAULT-VALUE})")
    String chart;

    /** The line of the chart; a usage error names the option when it is neither a line nor a chart folder. */
    SparkLine line(SparkK8s.Base base) {
        return base.line(chart);
    }

    /**
     * The generated chart folder: the one given, or the catalog's chart of the line.
     *
     * @throws InvalidInputException when it holds no {@code Chart.yaml}, saying where it looked and what to do
     */
    Path folder(SparkK8s.Base base, SparkLine line) {
        Path given = Path.of(chart);
        Path folder = Files.isDirectory(given)
                ? given
                : base.catalog.resolve("generated-charts").resolve(line.chartName());
        if (!Files.isRegularFile(folder.resolve("Chart.yaml"))) {
            throw new InvalidInputException(List.of(new Problem(
                    folder.toString(),
                    "",
                    "no generated chart here (looked for "
                            + folder.toAbsolutePath().normalize().resolve("Chart.yaml")
                            + "); run 'spark-k8s generate' or pass a chart folder with --chart")));
        }
        return folder;
    }
}
