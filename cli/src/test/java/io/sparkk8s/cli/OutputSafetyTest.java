package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.core.ChartOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --output} never destroys a user's folder, never writes into a chart, and serialises processes. */
class OutputSafetyTest {

    @TempDir
    Path dir;

    /** The files below a folder, without the output's lock file. */
    static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(ChartOutput.LOCK))
                    .toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void aUsersOwnChartFolderIsKeptByteForByte() throws IOException {
        Path own = Files.createDirectories(dir.resolve("spark-4.1/templates"));
        Files.writeString(dir.resolve("spark-4.1/Chart.yaml"), "apiVersion: v2\nname: mine\nversion: 9.9.9\n");
        Files.writeString(own.resolve("job.yaml"), "kind: Job\n");
        Map<String, byte[]> before = tree(dir);

        SparkK8sTest.Run run = SparkK8sTest.run("generate", "--output", dir.toString(), "--line", "4.1");

        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.err())
                .contains(dir.resolve("spark-4.1").toString(), "not written by spark-k8s", "pass another --output");
        assertThat(tree(dir)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void anOutputInsideAChartIsRefusedNamingTheChart() throws IOException {
        SparkK8sTest.Run first = SparkK8sTest.run("generate", "--output", dir.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, byte[]> before = tree(dir);

        for (String nested :
                List.of("spark-4.1/charts", "spark-4.1/templates", "spark-4.1", "spark-3.5/charts/connect")) {
            SparkK8sTest.Run run =
                    SparkK8sTest.run("generate", "--output", dir.resolve(nested).toString());

            assertThat(run.exitCode()).as(nested).isEqualTo(SparkK8s.INVALID);
            assertThat(run.err())
                    .as(nested)
                    .contains(dir.resolve(nested).toString(), "Chart.yaml", "Pass a folder outside any chart");
        }
        assertThat(tree(dir)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void aPartialGenerateIntoTheCatalogsOwnOutputIsRefusedAndTouchesNothing() throws IOException {
        Path catalogOutput = SparkK8sTest.ROOT.resolve("generated-charts");
        Map<String, byte[]> before = tree(catalogOutput);

        SparkK8sTest.Run run = SparkK8sTest.run(
                "generate", "--line", "4.1", "--preset", "minimal", "--output", catalogOutput.toString());

        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.err())
                .contains(catalogOutput.toString(), "full catalog", "--preset", "--output target/my-charts");
        assertThat(tree(catalogOutput)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void concurrentGenerateProcessesAlwaysLeaveCompleteCharts() throws Exception {
        Path out = dir.resolve("charts");
        SparkK8sTest.Run reference = SparkK8sTest.run(
                "generate", "--output", dir.resolve("reference").toString());
        assertThat(reference.exitCode()).as(reference.err()).isZero();
        Map<String, byte[]> expected = tree(dir.resolve("reference"));
        for (int round = 0; round < 2; round++) {
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                processes.add(new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-cp",
                                System.getProperty("java.class.path"),
                                SparkK8s.class.getName(),
                                "generate",
                                "--output",
                                out.toString(),
                                "--catalog",
                                SparkK8sTest.ROOT.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("p" + round + i + ".log").toFile())
                        .start());
            }
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue())
                        .as(Files.readString(dir.resolve("p" + round + i + ".log")))
                        .isZero();
            }
            Map<String, byte[]> actual = tree(out);
            assertThat(actual.keySet()).as("round %d", round).containsExactlyElementsOf(expected.keySet());
            assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        }
    }
}
