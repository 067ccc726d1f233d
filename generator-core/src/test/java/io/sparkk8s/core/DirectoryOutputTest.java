package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.Layout;
import io.sparkk8s.api.OutputException;
import io.sparkk8s.api.SparkLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChartOutput#directory(Path)}: only generated folders are replaced, never inside a chart, one run at a time. */
class DirectoryOutputTest {

    @TempDir
    Path out;

    static GeneratedChart chart(String name, SparkLine line, String version, int files) {
        Map<String, String> content = new TreeMap<>();
        content.put("Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
        for (int i = 0; i < files; i++) {
            content.put("templates/t" + i + ".yaml", ("# " + version + " " + i + "\n").repeat(200));
        }
        return new GeneratedChart(name, line, Layout.TOGGLE, new TreeMap<>(content));
    }

    static GenerationResult catalog(String version) {
        return new GenerationResult(List.of(
                chart("spark-4.1", SparkLine.SPARK_4_1, version, 40),
                chart("spark-3.5", SparkLine.SPARK_3_5, version, 40)));
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void everyChartCarriesTheMarkerAndASecondRunReplacesIt() throws IOException {
        ChartOutput.directory(out).write(catalog("1.0.0"));
        ChartOutput.directory(out).write(catalog("2.0.0"));

        assertThat(out.resolve("spark-4.1").resolve(ChartOutput.MARKER)).isRegularFile();
        assertThat(out.resolve("spark-3.5/Chart.yaml")).content().contains("version: 2.0.0");
        try (Stream<Path> entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("spark-4.1", "spark-3.5", ChartOutput.LOCK);
        }
    }

    @Test
    void theMarkerIsTheSameOnEveryRun() throws IOException {
        ChartOutput.directory(out.resolve("a")).write(catalog("1.0.0"));
        ChartOutput.directory(out.resolve("b")).write(catalog("1.0.0"));

        assertThat(tree(out.resolve("b/spark-4.1"))).isEqualTo(tree(out.resolve("a/spark-4.1")));
    }

    @Nested
    class AUsersOwnFolder {

        @Test
        void isKeptByteForByteAndNamedWithTheFix() throws IOException {
            Path own = Files.createDirectories(out.resolve("spark-4.1/templates"));
            Files.writeString(out.resolve("spark-4.1/notes.txt"), "mine\n");
            Files.write(own.resolve("deploy.yaml"), new byte[] {1, 2, 3});
            Map<String, String> before = tree(out.resolve("spark-4.1"));

            assertThatThrownBy(() -> ChartOutput.directory(out).write(catalog("1.0.0")))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining(out.resolve("spark-4.1").toString())
                    .hasMessageContaining("not written by spark-k8s")
                    .hasMessageContaining(ChartOutput.MARKER)
                    .hasMessageContaining("pass another --output");
            assertThat(tree(out.resolve("spark-4.1"))).isEqualTo(before);
            assertThat(out.resolve("spark-3.5"))
                    .as("nothing is written when one chart is refused")
                    .doesNotExist();
        }

        @Test
        void aFileInThePlaceOfAChartIsKept() throws IOException {
            Files.writeString(out.resolve("spark-3.5"), "keep me");

            assertThatThrownBy(() -> ChartOutput.directory(out).write(catalog("1.0.0")))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining(out.resolve("spark-3.5").toString());
            assertThat(out.resolve("spark-3.5")).content().isEqualTo("keep me");
        }
    }

    @Nested
    class InsideAChart {

        @Test
        void theChartsOrTemplatesFolderOfAChartIsRefused() throws IOException {
            Path chart = Files.createDirectories(out.resolve("mychart"));
            Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: mychart\nversion: 1.0.0\n");
            for (String nested : List.of("charts", "templates", "templates/deep/er", ".")) {
                Path target = chart.resolve(nested);

                assertThatThrownBy(() -> ChartOutput.directory(target).write(catalog("1.0.0")))
                        .as(nested)
                        .isInstanceOf(OutputException.class)
                        .hasMessageContaining(
                                target.toAbsolutePath().normalize().toString())
                        .hasMessageContaining(
                                chart.resolve("Chart.yaml").getParent().toString())
                        .hasMessageContaining("Pass a folder outside any chart");
            }
            assertThat(tree(chart)).containsOnlyKeys("Chart.yaml");
        }
    }

    @Nested
    class Concurrency {

        @Test
        void concurrentRunsIntoOneFolderAlwaysLeaveCompleteCharts() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 5; round++) {
                    List<Future<?>> runs = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        String version = round + "." + i + ".0";
                        runs.add(pool.submit(() -> ChartOutput.directory(out).write(catalog(version))));
                    }
                    for (Future<?> run : runs) {
                        run.get();
                    }
                    for (String name : List.of("spark-4.1", "spark-3.5")) {
                        Map<String, String> files = tree(out.resolve(name));
                        assertThat(files).hasSize(42).containsKey(ChartOutput.MARKER);
                        String version = files.get("Chart.yaml")
                                .replaceAll("(?s).*version: ", "")
                                .strip();
                        assertThat(files.get("templates/t39.yaml"))
                                .as("one run's files in %s", name)
                                .startsWith("# " + version + " 39");
                    }
                    assertThat(tree(out.resolve("spark-4.1")).get("Chart.yaml").replaceAll("(?s).*version: ", ""))
                            .as("both charts from the same run")
                            .isEqualTo(tree(out.resolve("spark-3.5"))
                                    .get("Chart.yaml")
                                    .replaceAll("(?s).*version: ", ""));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class AnInterruptedRun {

        @Test
        void aChartMovedAsideIsRestoredAndLeftoverStagingRemoved() throws IOException {
            ChartOutput.directory(out).write(catalog("1.0.0"));
            Files.move(out.resolve("spark-3.5"), out.resolve(".spark-3.5.old"));
            Files.createDirectories(out.resolve(".spark-4.1.staging/templates"));

            ChartOutput.directory(out)
                    .write(new GenerationResult(List.of(chart("spark-4.1", SparkLine.SPARK_4_1, "2.0.0", 1))));

            assertThat(out.resolve("spark-3.5/Chart.yaml")).content().contains("1.0.0");
            assertThat(out.resolve(".spark-3.5.old")).doesNotExist();
            assertThat(out.resolve(".spark-4.1.staging")).doesNotExist();
        }

        @Test
        void aHalfSwitchedCatalogNamesTheStaleChartWhenOnlyAnotherIsRegenerated() throws IOException {
            ChartOutput.directory(out).write(catalog("1.0.0"));
            Files.writeString(out.resolve(DirectoryOutput.SWITCHING), "spark-4.1\nspark-3.5\n");
            GenerationResult only41 =
                    new GenerationResult(List.of(chart("spark-4.1", SparkLine.SPARK_4_1, "2.0.0", 1)));

            assertThatThrownBy(() -> ChartOutput.directory(out).write(only41))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining("interrupted")
                    .hasMessageContaining("spark-3.5 may still be from the run")
                    .hasMessageContaining("Regenerate every chart at once");

            ChartOutput.directory(out).write(catalog("2.0.0"));
            assertThat(out.resolve(DirectoryOutput.SWITCHING)).doesNotExist();
        }
    }
}
