package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code capacity} on the catalog's charts, against totals computed by hand from the presets and the defaults. */
class CapacityCommandTest {

    /** line, preset, pods, requests.cpu, requests.memory: see the computation on the test below. */
    static final List<String> HAND = List.of(
            "4.1, airflow-connect-k8s, 8, 4550m, 10560Mi",
            "3.5, airflow-connect-k8s, 8, 4500m, 10496Mi",
            "4.1, airflow-connect-standalone, 9, 4800m, 12864Mi",
            "3.5, airflow-connect-standalone, 9, 4750m, 12800Mi",
            "4.1, airflow-spark-operator, 5, 1500m, 5632Mi",
            "3.5, airflow-spark-operator, 5, 1500m, 5632Mi",
            "4.1, airflow-spark-submit-k8s, 5, 1500m, 5632Mi",
            "3.5, airflow-spark-submit-k8s, 5, 1500m, 5632Mi",
            "4.1, connect-k8s, 9, 9050m, 23616Mi",
            "3.5, connect-k8s, 9, 9, 23Gi",
            "4.1, connect-minio-history, 5, 3550m, 8000Mi",
            "3.5, connect-minio-history, 5, 3500m, 7936Mi",
            "4.1, connect-standalone, 4, 5300m, 9280Mi",
            "3.5, connect-standalone, 4, 5250m, 9Gi",
            "4.1, data-platform-core, 8, 4300m, 11584Mi",
            "3.5, data-platform-core, 8, 4250m, 11520Mi",
            "4.1, data-science-dev, 10, 4800m, 14656Mi",
            "3.5, data-science-dev, 10, 4750m, 14592Mi",
            "4.1, jobs-connect-script, 4, 3550m, 6976Mi",
            "3.5, jobs-connect-script, 4, 3500m, 6912Mi",
            "4.1, jobs-nightly-batch, 5, 3, 7936Mi",
            "3.5, jobs-nightly-batch, 5, 3, 7936Mi",
            "4.1, jobs-one-off, 3, 2500m, 4864Mi",
            "3.5, jobs-one-off, 3, 2500m, 4864Mi",
            "4.1, jupyter-connect-k8s, 4, 3300m, 6976Mi",
            "3.5, jupyter-connect-k8s, 4, 3250m, 6912Mi",
            "4.1, jupyter-connect-standalone, 5, 3550m, 9280Mi",
            "3.5, jupyter-connect-standalone, 5, 3500m, 9Gi",
            "4.1, minimal, 2, 2050m, 3520Mi",
            "3.5, minimal, 2, 2, 3456Mi",
            "4.1, prod-like, 32, 45050m, 110644Mi",
            "3.5, prod-like, 32, 45, 110580Mi");

    static Stream<Arguments> hand() {
        return HAND.stream().map(row -> Arguments.of((Object[]) row.split(", ")));
    }

    /**
     * Every preset on both lines, computed by hand from presets/*.yaml and the blocks' defaults (values.yaml), not by
     * the code under test. The parts (requests; every memory limit equals its request, no CPU limit, so the limits
     * column is "unbounded" and the memory total again):
     *
     * <ul>
     *   <li>Connect server C: cpu 1, 2Gi; on 4.1 the TLS proxy sidecar adds 50m and 64Mi: 4.1 1050m/2112Mi, 3.5 1/2048Mi.
     *   <li>Executors E: executor.instances 2 (or dynamicAllocation.maxExecutors) of 1 core and 1g heap + Spark's
     *       minimum overhead 384m = 1408Mi: 2 pods, 2 cores, 2816Mi.
     *   <li>Airflow AF: api-server 250m/1Gi + dag-processor 250m/1Gi + scheduler 500m/2Gi + migrate Job 250m/1Gi, with
     *       postgresql 250m/512Mi: 5 pods, 1500m, 5632Mi.
     *   <li>standalone master 250m/1Gi; workers 2 x 1 cpu/2Gi by default. history-server 250m/2Gi; minio 250m/1Gi;
     *       hive-metastore 250m/1536Mi and its schema Job 250m/1536Mi; postgresql 250m/512Mi; jupyter 250m/2Gi;
     *       mlflow 250m/1Gi; a job's pod (jobs.resources) 500m/2Gi.
     * </ul>
     *
     * airflow-connect-k8s: AF + C + E = 8 pods; 4.1 1500+1050+2000 = 4550m, 5632+2112+2816 = 10560Mi; 3.5 4500m,
     * 10496Mi. airflow-connect-standalone: AF + master + 2 workers + C = 9 pods; 4.1 1500+250+2000+1050 = 4800m,
     * 5632+1024+4096+2112 = 12864Mi; 3.5 4750m, 12800Mi. airflow-spark-operator, airflow-spark-submit-k8s: AF only (no
     * Connect; jobs without apps render no pod) = 5 pods, 1500m, 5632Mi. connect-k8s: C with requests 1/3Gi (+ proxy)
     * and 8 executors (maxExecutors) of memoryLimit 2560Mi: 9 pods; 4.1 1050m+8 = 9050m, 3136+20480 = 23616Mi; 3.5 9,
     * 23552Mi = 23Gi. connect-minio-history: history + minio + C + E = 5 pods; 4.1 250+250+1050+2000 = 3550m,
     * 2048+1024+2112+2816 = 8000Mi; 3.5 3500m, 7936Mi. connect-standalone: master + 2 workers of 2 cpu/3Gi + C (no
     * executor pods) = 4 pods; 4.1 250+4000+1050 = 5300m, 1024+6144+2112 = 9280Mi; 3.5 5250m, 9216Mi = 9Gi.
     * data-platform-core: metastore + schema Job + postgresql + minio + history + C + E = 8 pods; 4.1
     * 5x250+1050+2000 = 4300m, 1536+1536+512+1024+2048+2112+2816 = 11584Mi; 3.5 4250m, 11520Mi. data-science-dev: that
     * + jupyter + mlflow = 10 pods; 4.1 4800m, 11584+2048+1024 = 14656Mi; 3.5 4750m, 14592Mi. jobs-connect-script: C +
     * E + the script's CronJob pod = 4 pods; 4.1 1050+2000+500 = 3550m, 2112+2816+2048 = 6976Mi; 3.5 3500m, 6912Mi.
     * jobs-nightly-batch: history + minio + the CronJob's driver pod + its 2 executors = 5 pods, 250+250+500+2000 =
     * 3000m, 2048+1024+2048+2816 = 7936Mi on both lines. jobs-one-off: the Job's pod + 2 executors = 3 pods, 2500m,
     * 4864Mi. jupyter-connect-k8s: jupyter + C + E = 4 pods; 4.1 3300m, 2048+2112+2816 = 6976Mi; 3.5 3250m, 6912Mi.
     * jupyter-connect-standalone: jupyter + master + 2 default workers + C = 5 pods; 4.1 250+250+2000+1050 = 3550m,
     * 2048+1024+4096+2112 = 9280Mi; 3.5 3500m, 9216Mi = 9Gi. minimal: C + 1 executor = 2 pods; 4.1 2050m,
     * 2112+1408 = 3520Mi; 3.5 2, 3456Mi. prod-like: Airflow's three servers 1000m/4Gi + history 250m/2Gi + 2 metastores
     * 500m/3Gi + minio 250m/1Gi + mlflow 250m/1Gi + postgresql 250m/512Mi + Connect (requests 2/6Gi, + proxy on 4.1) +
     * migrate Job 250m/1Gi + schema Job 250m/1536Mi + 20 executors (maxExecutors) of 2 cores and 4g + max(384, 10% of
     * 4096 = 409) = 4505Mi = 40 cores, 90100Mi: 32 pods; 4.1 45050m, 4096+2048+3072+1024+1024+512+6208+1024+1536+90100
     * = 110644Mi; 3.5 45000m = 45, 110580Mi. Whole cores and GiB print as such.
     */
    @ParameterizedTest(name = "spark-{0} {1}")
    @MethodSource("hand")
    void totalsEqualTheHandComputation(String line, String preset, String pods, String cpu, String memory) {
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
            // and the hand computation covers each of them
            List<String> reported = run.out()
                    .lines()
                    .filter(l -> l.contains(" + presets/"))
                    .map(l -> line + ", " + l.substring(l.indexOf("presets/") + 8, l.indexOf(".yaml")))
                    .toList();
            assertThat(reported).hasSize((int) presets);
            assertThat(HAND.stream()
                            .map(r -> r.substring(0, r.indexOf(", ", 5)))
                            .toList())
                    .containsAll(reported);
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

    @Test
    void withoutAQuotaFileTheChartsOwnResourceQuotaIsChecked() {
        SparkK8sTest.Run run = connectK8sWithRenderedQuota("9");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("EXCEEDS QUOTA requests.cpu: 9050m needed, quota 9");
        SparkK8sTest.Run fits = connectK8sWithRenderedQuota("10");
        assertThat(fits.exitCode()).as(fits.out() + fits.err()).isZero();
    }

    /** capacity of 4.1's connect-k8s with the chart's own ResourceQuota on, capping requests.cpu. */
    private static SparkK8sTest.Run connectK8sWithRenderedQuota(String requestsCpu) {
        return SparkK8sTest.run(
                "capacity",
                "--chart",
                "4.1",
                "--preset",
                "connect-k8s",
                "--set",
                "teamNamespace.resourceQuota.enabled=true",
                "--set",
                "teamNamespace.resourceQuota.requestsCpu=" + requestsCpu);
    }
}
