package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not values files at all: each is exit 1 with a message that names the file and says what is
 * wrong with it and how to fix it — no stack trace, no internal error (exit 3), no hang.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {

    @TempDir
    Path dir;

    private void assertRejected(Path file, String... phrases) {
        for (String[] args : new String[][] {
            {"validate", file.toString(), "--chart", "4.1"},
            {"verify", SparkK8sTest.ROOT.resolve("generated-charts/spark-4.1").toString(), "-f", file.toString()},
            {"values", "--chart", "4.1", "--preset", "minimal", "-f", file.toString()},
            {"diff", "--chart", "4.1", "--preset", "minimal", "-f", file.toString()}
        }) {
            SparkK8sTest.Run run = SparkK8sTest.run(args);

            assertThat(run.exitCode()).as("%s %s", args[0], run.err()).isEqualTo(SparkK8s.INVALID);
            assertThat(run.err())
                    .as(args[0])
                    .contains(file.toString())
                    .contains(phrases)
                    .doesNotContain("Exception", "\tat ", "internal error")
                    .hasLineCount(1);
        }
    }

    @Test
    void aFolder() throws IOException {
        assertRejected(Files.createDirectories(dir.resolve("values")), "is a folder, not a file");
    }

    @Test
    void aMissingFile() {
        assertRejected(dir.resolve("missing.yaml"), "no such file", "check the path");
    }

    @Test
    void aFifoDoesNotHang() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        assertRejected(fifo, "not a regular file");
    }

    @Test
    void aBinaryFile() throws IOException {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertRejected(Files.write(dir.resolve("image.yaml"), bytes), "binary file, not YAML");
    }

    @Test
    void utf16WithAndWithoutAByteOrderMark() throws IOException {
        assertRejected(
                Files.write(dir.resolve("bom.yaml"), "connect:\n  enabled: true\n".getBytes(StandardCharsets.UTF_16)),
                "UTF-16",
                "save it as UTF-8");
        assertRejected(
                Files.write(dir.resolve("le.yaml"), "connect:\n  enabled: true\n".getBytes(StandardCharsets.UTF_16LE)),
                "UTF-16",
                "save it as UTF-8");
    }

    @Test
    void latin1() throws IOException {
        assertRejected(
                Files.write(
                        dir.resolve("latin1.yaml"),
                        "connect:\n  image:\n    tag: \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1)),
                "not valid UTF-8",
                "line 3",
                "save it as UTF-8");
    }

    @Test
    void aFileAboveTheSizeLimitIsRefusedBeforeParsing() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "a: \"" + "x".repeat(6 * 1024 * 1024) + "\"\n");
        long start = System.nanoTime();
        assertRejected(big, "6.0 MB", "limited to 5 MB");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
    }

    @Test
    void aLongStringBelowTheLimitIsReadQuicklyAndShownShortened() throws IOException {
        Path file = Files.writeString(
                dir.resolve("long.yaml"), "connect:\n  image:\n    tag: \"" + "x".repeat(4 * 1024 * 1024) + "\"\n");
        long start = System.nanoTime();

        SparkK8sTest.Run run = SparkK8sTest.run("validate", file.toString(), "--chart", "4.1");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.err())
                .contains("`connect.image.tag`", "(4194304 characters)")
                .hasSizeLessThan(2000);
    }

    @Test
    void nestingTwoThousandDeepIsAnErrorNotAStackOverflow() throws IOException {
        StringBuilder block = new StringBuilder("a:\n");
        for (int i = 1; i < 2000; i++) {
            block.append("  ".repeat(i)).append("b:\n");
        }
        assertRejected(Files.writeString(dir.resolve("deep.yaml"), block), "nested more than 100 levels", "line 101");
        assertRejected(
                Files.writeString(dir.resolve("flow.yaml"), "a: " + "[".repeat(2000) + "]".repeat(2000) + "\n"),
                "nested more than 100 levels");
    }

    @Test
    void aChartFolderThatDoesNotExistIsNotValid() throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "connect:\n  enabled: true\n");

        SparkK8sTest.Run run = SparkK8sTest.run("validate", values.toString(), "--chart", "/nonexistent/spark-4.1");
        SparkK8sTest.Run notAChart = SparkK8sTest.run("validate", values.toString(), "--chart", dir.toString());

        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.out()).doesNotContain("valid");
        assertThat(run.err()).contains("/nonexistent/spark-4.1", "no such folder", "generated-charts/spark-4.1");
        assertThat(notAChart.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(notAChart.err()).contains(dir.toString(), "no Chart.yaml");
    }

    @Test
    void aChartFolderIsReadForItsLine() throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "connect:\n  enabled: true\n");

        SparkK8sTest.Run run = SparkK8sTest.run(
                "validate",
                values.toString(),
                "--chart",
                SparkK8sTest.ROOT.resolve("generated-charts/spark-3.5").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid for spark-3.5");
    }

    @Test
    void valuesAndDiffNameTheLayerTheKeyTheBadValueAndTheFix() throws IOException {
        Path file = Files.writeString(
                dir.resolve("mine.yaml"), "connect:\n  executor:\n    memory: 512m\n    " + "instances: -1\n");
        for (String command : new String[] {"values", "diff"}) {
            SparkK8sTest.Run fromFile = SparkK8sTest.run(command, "--preset", "minimal", "-f", file.toString());
            SparkK8sTest.Run fromSet = SparkK8sTest.run(
                    command, "--preset", "minimal", "--set", "connect.dynamicAllocation.maxExecutors=0");

            assertThat(fromFile.exitCode()).as(command).isEqualTo(SparkK8s.INVALID);
            assertThat(fromFile.out()).as(command).isEmpty();
            assertThat(fromFile.err())
                    .as(command)
                    .contains("`connect.executor.instances` in " + file, "-1", "minimum 0")
                    .doesNotContain("Exception", "\tat ");
            assertThat(fromSet.exitCode()).as(command).isEqualTo(SparkK8s.INVALID);
            assertThat(fromSet.err())
                    .as(command)
                    .contains("`connect.dynamicAllocation.maxExecutors` in --set", "0", "minimum 1");
        }
    }

    @Test
    void anUnknownPresetOnEitherSideOfADiffGetsDidYouMean() {
        SparkK8sTest.Run from = SparkK8sTest.run("diff", "--preset", "minmal", "--to-preset", "minimal");
        SparkK8sTest.Run to = SparkK8sTest.run("diff", "--preset", "minimal", "--to-preset", "conect-k8s");

        assertThat(from.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(from.err()).contains("unknown preset 'minmal'", "did you mean 'minimal'?", "known presets:");
        assertThat(to.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(to.err()).contains("unknown preset 'conect-k8s'", "did you mean 'connect-k8s'?");
    }

    @Test
    void aDiffOfAFolderWithoutAChartSaysWhereItLooked() {
        SparkK8sTest.Run run = SparkK8sTest.run("diff", "--chart", dir.toString(), "--set", "connect.replicas=2");

        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.err()).contains(dir.toString(), "no Chart.yaml");
    }

    /** capacity reads its chart folder as diff does (one --chart option, ChartOption). */
    @Test
    void aCapacityReportOfACatalogWithoutChartsSaysWhereItLookedAndWhatToRun() {
        SparkK8sTest.Run run = SparkK8sTest.runExactly("capacity", "--catalog", dir.toString(), "--chart", "4.1");

        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.err())
                .contains(dir.resolve("generated-charts/spark-4.1/Chart.yaml").toString(), "run 'spark-k8s generate'");
    }

    @Test
    void aSetWithoutAKeyPathSaysHowToWriteIt() {
        SparkK8sTest.Run run = SparkK8sTest.run("values", "--set", ".connect=2");

        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.err()).contains("'.connect=2' has no key path", "--set connect.replicas=2");
    }
}
