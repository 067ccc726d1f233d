package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.cli.SparkK8s;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Issue 14 item 10: Connect's executors have a placement of their own, apart from the server pod's, on both layouts.
 * Node selector, tolerations and affinity go into the executor pod template (Spark has no setting for tolerations or
 * affinity and only adds to the template's node selector); the CPU request and limit go into
 * {@code spark.kubernetes.executor.{request,limit}.cores}, since Spark replaces a CPU request of the template
 * (BasicExecutorFeatureStep; docs/facts.md). {@code ExecutorPodsRuntimeTest} shows Spark's own builder keeps them.
 */
class ExecutorPlacementTest {

    private static final String R = Rendered.RELEASE;

    static List<Path> charts() {
        return Repo.charts();
    }

    private static Map<String, String> sets(String... pairs) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sets.put(pairs[i], pairs[i + 1]);
        }
        return sets;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> executorPodSpec(Rendered out) {
        Map<String, Object> pod =
                (Map<String, Object>) new Load(LoadSettings.builder().build())
                        .loadFromString(out.configData(R + "-connect", "executor-pod-template.yaml"));
        return (Map<String, Object>) pod.get("spec");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void executorKeysPlaceTheExecutorsApartFromTheServer(Path chart) {
        Rendered out = Rendered.of(
                chart,
                List.of(),
                sets(
                        "connect.nodeSelector.pool",
                        "servers",
                        "connect.nodeSelector.zone",
                        "a",
                        "connect.tolerations[0].key",
                        "servers",
                        "connect.tolerations[0].operator",
                        "Exists",
                        "connect.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                        "1",
                        "connect.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey",
                        "kubernetes.io/hostname",
                        "connect.executor.nodeSelector.pool",
                        "spot",
                        "connect.executor.nodeSelector.disk",
                        "ssd",
                        "connect.executor.tolerations[0].key",
                        "spot",
                        "connect.executor.tolerations[0].operator",
                        "Exists",
                        "connect.executor.tolerations[0].effect",
                        "NoSchedule",
                        "connect.executor.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                + ".nodeSelectorTerms[0].matchExpressions[0].key",
                        "node.kubernetes.io/instance-type",
                        "connect.executor.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                + ".nodeSelectorTerms[0].matchExpressions[0].operator",
                        "Exists"));

        Map<String, Object> executors = executorPodSpec(out);
        Map<String, Object> server = out.podSpec("StatefulSet", R + "-connect");

        // a key of the executors wins, the server's other keys still apply (as Spark's own
        // spark.kubernetes.node.selector.* applies to driver and executors alike)
        assertThat(executors.get("nodeSelector")).isEqualTo(Map.of("pool", "spot", "disk", "ssd", "zone", "a"));
        assertThat(executors.get("tolerations"))
                .isEqualTo(List.of(Map.of("key", "spot", "operator", "Exists", "effect", "NoSchedule")));
        assertThat(executors.get("affinity").toString())
                .contains("node.kubernetes.io/instance-type")
                .doesNotContain("podAntiAffinity");
        assertThat(server.get("nodeSelector")).isEqualTo(Map.of("pool", "servers", "zone", "a"));
        assertThat(server.get("tolerations").toString()).contains("servers").doesNotContain("spot");
        assertThat(server.get("affinity").toString())
                .contains("podAntiAffinity")
                .doesNotContain("instance-type");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void withoutExecutorKeysTheExecutorsKeepTheServersNodeSelectorAndTolerationsButNotItsAffinity(Path chart) {
        Rendered out = Rendered.of(
                chart,
                List.of(),
                sets(
                        "connect.nodeSelector.pool",
                        "servers",
                        "connect.tolerations[0].key",
                        "servers",
                        "connect.tolerations[0].operator",
                        "Exists",
                        "connect.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                        "1",
                        "connect.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference"
                                + ".matchExpressions[0].key",
                        "servers",
                        "connect.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference"
                                + ".matchExpressions[0].operator",
                        "Exists"));

        Map<String, Object> executors = executorPodSpec(out);

        assertThat(executors.get("nodeSelector")).isEqualTo(Map.of("pool", "servers"));
        assertThat(executors.get("tolerations").toString()).contains("servers");
        assertThat(executors).doesNotContainKey("affinity");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void standaloneExecutorsRunInTheWorkerPodsWhichHaveAPlacementOfTheirOwn(Path chart) {
        Rendered own = Rendered.of(
                chart,
                List.of(),
                sets(
                        "standalone.enabled",
                        "true",
                        "standalone.nodeSelector.pool",
                        "spark",
                        "standalone.nodeSelector.zone",
                        "a",
                        "standalone.tolerations[0].key",
                        "spark",
                        "standalone.tolerations[0].operator",
                        "Exists",
                        "standalone.worker.nodeSelector.pool",
                        "workers",
                        "standalone.worker.tolerations[0].key",
                        "workers",
                        "standalone.worker.tolerations[0].operator",
                        "Exists",
                        "standalone.worker.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                + ".nodeSelectorTerms[0].matchExpressions[0].key",
                        "node.kubernetes.io/instance-type",
                        "standalone.worker.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                + ".nodeSelectorTerms[0].matchExpressions[0].operator",
                        "Exists"));
        Rendered shared = Rendered.of(
                chart, List.of(), sets("standalone.enabled", "true", "standalone.nodeSelector.pool", "spark"));

        Map<String, Object> workers = own.podSpec("Deployment", R + "-standalone-worker");
        Map<String, Object> master = own.podSpec("Deployment", R + "-standalone-master");

        assertThat(workers.get("nodeSelector")).isEqualTo(Map.of("pool", "workers", "zone", "a"));
        assertThat(workers.get("tolerations").toString()).contains("workers").doesNotContain("key=spark");
        assertThat(workers.get("affinity").toString()).contains("node.kubernetes.io/instance-type");
        assertThat(master.get("nodeSelector")).isEqualTo(Map.of("pool", "spark", "zone", "a"));
        assertThat(master.get("tolerations").toString()).contains("key=spark").doesNotContain("workers");
        assertThat(master).doesNotContainKey("affinity");
        assertThat(shared.podSpec("Deployment", R + "-standalone-worker").get("nodeSelector"))
                .isEqualTo(Map.of("pool", "spark"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theExecutorCpuRequestAndLimitBecomeSparkSettings(Path chart) {
        Map<String, String> set = Rendered.of(
                        chart,
                        List.of(),
                        sets(
                                "connect.executor.cores",
                                "2",
                                "connect.executor.resources.requests.cpu",
                                "1500m",
                                "connect.executor.resources.limits.cpu",
                                "2"))
                .sparkConf(R + "-connect", "spark-defaults.conf");
        Map<String, String> unset =
                Rendered.of(chart, List.of(), Map.of()).sparkConf(R + "-connect", "spark-defaults.conf");

        assertThat(set)
                .containsEntry("spark.kubernetes.executor.request.cores", "1500m")
                .containsEntry("spark.kubernetes.executor.limit.cores", "2")
                .containsEntry("spark.executor.cores", "2");
        assertThat(unset)
                .doesNotContainKeys("spark.kubernetes.executor.request.cores", "spark.kubernetes.executor.limit.cores");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aCpuRequestAboveTheLimitIsRejectedByHelmAndByValidate(Path chart, @TempDir Path dir) throws IOException {
        // planted: a limit below the cores Spark requests when no request is given, and a request above the limit
        HelmCli.HelmResult cores = Rendered.template(
                chart, List.of(), sets("connect.executor.cores", "4", "connect.executor.resources.limits.cpu", "2"));
        HelmCli.HelmResult request = Rendered.template(
                chart,
                List.of(),
                sets("connect.executor.resources.requests.cpu", "2500m", "connect.executor.resources.limits.cpu", "2"));
        HelmCli.HelmResult equal = Rendered.template(
                chart,
                List.of(),
                sets("connect.executor.cores", "2", "connect.executor.resources.limits.cpu", "2000m"));
        Path file = Files.writeString(
                dir.resolve("cpu.yaml"),
                "connect:\n  executor:\n    cores: 4\n" + "    resources:\n      limits:\n        cpu: 2\n");

        assertThat(cores.succeeded()).isFalse();
        assertThat(cores.stderr()).contains("CPU request 4", "limits.cpu 2", "[chart rule executor-cpu-limit]");
        assertThat(request.succeeded()).isFalse();
        assertThat(request.stderr()).contains("CPU request 2500m");
        assertThat(equal.succeeded()).as(equal.describe()).isTrue();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkK8s.run(
                new String[] {
                    "validate", file.toString(), "--chart", chart.toString(), "--catalog", Repo.ROOT.toString()
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(SparkK8s.INVALID);
        assertThat(err.toString())
                .contains(
                        "`connect.executor.cores` in " + file,
                        "'4' is above " + "connect.executor.resources.limits.cpu '2'",
                        "[chart rule executor-cpu-limit]");
    }
}
