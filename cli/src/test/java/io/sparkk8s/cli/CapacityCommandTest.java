package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code capacity} on the catalog's charts, against totals computed by hand from the presets and the defaults. */
class CapacityCommandTest {

    /**
     * connect-k8s: one Connect server (requests cpu 1, memory 3Gi = limit; on 4.1 the TLS proxy sidecar adds 50m and
     * 64Mi) and at most 8 executors (dynamicAllocation.maxExecutors) of 1 core and memoryLimit 2560Mi each (2g heap,
     * the remaining 512Mi the overhead): 4.1: 1050m + 8 = 9050m, 3136Mi + 20480Mi = 23616Mi; 3.5: 9000m, 23552Mi.
     * minimal: the server at its defaults (cpu 1, memory 2Gi), 1 executor of 1g + Spark's minimum overhead 384m =
     * 1408Mi and 1 core: 4.1: 2050m, 2112Mi + 1408Mi = 3520Mi; 3.5: 2000m, 3456Mi. No CPU limits: unbounded. Whole
     * cores and GiB print as such (9000m as 9, 23552Mi as 23Gi).
     */
    @ParameterizedTest(name = "spark-{0} {1}")
    @CsvSource({
        "4.1, connect-k8s, 9, 9050m, 23616Mi",
        "3.5, connect-k8s, 9, 9, 23Gi",
        "4.1, minimal, 2, 2050m, 3520Mi",
        "3.5, minimal, 2, 2, 3456Mi"
    })
    void totalsEqualTheHandComputation(String line, String preset, int pods, String cpu, String memory) {
        SparkK8sTest.Run run = SparkK8sTest.run("capacity", "--chart", line, "--preset", preset);
        assertThat(run.exitCode()).as(run.err()).isZero();
        String total = run.out()
                .lines()
                .filter(l -> l.strip().startsWith("TOTAL"))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\s+", " ")
                .strip();
        assertThat(total)
                .isEqualTo("TOTAL (executors at their maximum) " + pods + " " + cpu + " " + memory + " unbounded "
                        + memory);
    }

    @Test
    void everyPresetOfBothChartsIsReported() {
        for (String line : new String[] {"4.1", "3.5"}) {
            SparkK8sTest.Run run = SparkK8sTest.run("capacity", "--chart", line);
            assertThat(run.exitCode()).as(run.err()).isZero();
            long presets;
            try (var files = Files.list(SparkK8sTest.ROOT.resolve("generated-charts/spark-" + line + "/presets"))) {
                presets = files.count();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(run.out().lines().filter(l -> l.strip().startsWith("TOTAL")))
                    .hasSize((int) presets);
        }
    }

    @Test
    void aQuotaTooSmallExitsOneNamingWhatExceeds(@TempDir Path dir) throws IOException {
        Path quota = Files.writeString(dir.resolve("quota.yaml"), """
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: team
                spec:
                  hard:
                    requests.cpu: "9"
                    requests.memory: 24Gi
                """);
        SparkK8sTest.Run run =
                SparkK8sTest.run("capacity", "--chart", "4.1", "--preset", "connect-k8s", "--quota", quota.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("EXCEEDS QUOTA requests.cpu: 9050m needed, quota 9");
        assertThat(run.out()).doesNotContain("requests.memory: ");
        SparkK8sTest.Run fits = SparkK8sTest.run(
                "capacity",
                "--chart",
                "4.1",
                "--preset",
                "connect-k8s",
                "--set",
                "connect.dynamicAllocation.maxExecutors=7",
                "--quota",
                quota.toString());
        assertThat(fits.exitCode()).as(fits.out()).isZero();
    }
}
