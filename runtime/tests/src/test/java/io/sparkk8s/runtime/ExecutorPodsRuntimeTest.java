package io.sparkk8s.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkk8s.verify.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The executor pods as Spark itself builds them (SPEC §9.9): the line's Connect server starts from its rendered pod
 * script with backend {@code k8s} against a stand-in API server (fabric8's mock in CRUD mode; no real API server
 * can be had here) holding the driver pod made from the rendered StatefulSet. Spark's executor pod builder turns
 * the rendered settings and executor pod template into the Pods it creates; those must pass the verifier's Pod
 * Security "restricted" and reference checks with the rendered chart, with and without a read-only root
 * filesystem, and every API call the driver made must be granted by the chart's Role, which grants nothing else.
 */
class ExecutorPodsRuntimeTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Programs.lines()) {
            cases.add(Arguments.of(line, false));
            cases.add(Arguments.of(line, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "spark-{0}, readOnlyRootFilesystem={1}")
    @MethodSource("cases")
    void executorPodsAreRestrictedWritableAndTheRoleGrantsExactlyTheDriversCalls(String line, boolean readOnlyRoot)
            throws Exception {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("global.security.readOnlyRootFilesystem", String.valueOf(readOnlyRoot));
        sets.put("connect.dynamicAllocation.minExecutors", "2"); // executors at start, without a query
        RenderedChart chart = RenderedChart.render(line, "connect-k8s", sets);
        Recorded recorded = runConnectAgainstApiServer(chart, tmp);

        assertThat(recorded.executors()).as("executor pods Spark created").isNotEmpty();
        for (Pod pod : recorded.executors()) {
            assertThat(pod.getMetadata().getOwnerReferences())
                    .as("owned by the driver pod")
                    .anyMatch(o ->
                            "Pod".equals(o.getKind()) && (RenderedChart.RELEASE + "-connect-0").equals(o.getName()));
            assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(RenderedChart.RELEASE + "-connect");
            assertThat(pod.getMetadata().getName())
                    .as("executor names carry the server's ordinal, so replicas " + "never collide")
                    .startsWith(RenderedChart.RELEASE + "-connect-0-exec-");
            assertThat(pod.getSpec().getContainers().get(0).getImage())
                    .isEqualTo(chart.configMap(RenderedChart.RELEASE + "-connect")
                            .get("spark-defaults.conf")
                            .lines()
                            .filter(l -> l.startsWith("spark.kubernetes.container.image="))
                            .findFirst()
                            .orElseThrow()
                            .substring("spark.kubernetes.container.image=".length()));
            assertThat(ExecutorChecks.unwritableWorkingDirectory(pod))
                    .as(
                            "the executor's working directory (image WORKDIR %s) must be writable: Spark fetches jars "
                                    + "and Connect artifacts into it",
                            ExecutorChecks.SPARK_WORKDIR)
                    .isEmpty();
        }
        List<Finding> findings = ExecutorChecks.verify(chart, recorded.executors(), recorded.created());
        assertThat(findings).as("verifier findings on the pods Spark builds").isEmpty();

        Set<String> granted = ExecutorChecks.granted(chart);
        assertThat(recorded.calls())
                .as("API calls of the driver not granted by the Role " + granted)
                .isSubsetOf(granted);
        Set<String> usedOrUnreachable = new TreeSet<>(recorded.calls());
        usedOrUnreachable.addAll(NEEDED_BUT_NOT_EXERCISED);
        assertThat(granted)
                .as("Role grants the driver never used (calls: " + recorded.calls() + ")")
                .isSubsetOf(usedOrUnreachable);
    }

    /**
     * Calls the driver makes only in situations the tier cannot produce without a kubelet: removing one executor
     * pod by name when it has ended ({@code ExecutorPodsLifecycleManager.removeExecutorFromK8s}; the executors
     * here stay Pending).
     */
    static final Set<String> NEEDED_BUT_NOT_EXERCISED = Set.of("/pods:delete");

    /**
     * Planted defects, each caught: an executor pod template without the writable work-dir (the pods Spark builds
     * under a read-only root are reported), a Role without a verb the driver uses, a Role with a verb it never uses.
     */
    @org.junit.jupiter.api.Test
    void plantedDefectsAreCaught() throws Exception {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("global.security.readOnlyRootFilesystem", "true");
        sets.put("connect.dynamicAllocation.minExecutors", "2");
        RenderedChart chart = RenderedChart.render("4.1", "connect-k8s", sets)
                .plant("ConfigMap", RenderedChart.RELEASE + "-connect", cm -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = (Map<String, Object>) cm.get("data");
                    String template = String.valueOf(data.get("executor-pod-template.yaml"));
                    String planted = template.replaceAll(
                            "(?m)^\\s*- name: work-dir\\n\\s*mountPath: /opt/spark/work-dir\\n", "");
                    assertThat(planted).as("the planted template differs").isNotEqualTo(template);
                    data.put("executor-pod-template.yaml", planted);
                });
        Recorded recorded = runConnectAgainstApiServer(chart, tmp);
        assertThat(recorded.executors()).isNotEmpty();
        assertThat(ExecutorChecks.unwritableWorkingDirectory(
                        recorded.executors().get(0)))
                .as("an unwritable working directory is reported")
                .contains(ExecutorChecks.SPARK_WORKDIR);

        Set<String> granted = ExecutorChecks.granted(chart);
        Set<String> withoutWatch = new TreeSet<>(granted);
        withoutWatch.remove("/pods:watch");
        assertThat(recorded.calls()).as("the driver watches its executor pods").contains("/pods:watch");
        assertThat(withoutWatch.containsAll(recorded.calls()))
                .as("a Role without pods:watch misses a call")
                .isFalse();
        Set<String> withPatch = new TreeSet<>(granted);
        withPatch.add("/pods:patch");
        Set<String> usedOrUnreachable = new TreeSet<>(recorded.calls());
        usedOrUnreachable.addAll(NEEDED_BUT_NOT_EXERCISED);
        assertThat(usedOrUnreachable.containsAll(withPatch))
                .as("a Role granting pods:patch grants more than the " + "driver uses")
                .isFalse();
    }

    /** What the driver did against the API server. */
    record Recorded(List<Pod> executors, List<Map<String, Object>> created, Set<String> calls) {}

    /** The stand-in API server logs every request at INFO; the tier records them itself. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static Recorded runConnectAgainstApiServer(RenderedChart chart, Path dir) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer api = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        api.init();
        // The test's own client says who it is, so its calls are not counted as the driver's.
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder(
                        api.createClient().getConfiguration())
                .withUserAgent("sparkk8s-test")
                .build();
        try (io.fabric8.kubernetes.client.KubernetesClient client =
                new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                        .withConfig(config)
                        .build()) {
            client.pods()
                    .inNamespace(RenderedChart.NAMESPACE)
                    .resource(ExecutorChecks.driverPod(chart))
                    .create();
            String release = RenderedChart.RELEASE;
            LocalPod connect = LocalPod.of(
                            chart, "StatefulSet", release + "-connect", "connect", dir.resolve("connect"))
                    .host("https://kubernetes.default.svc", "http://127.0.0.1:" + api.getPort())
                    .host(
                            release + "-connect-0." + release + "-connect-driver." + RenderedChart.NAMESPACE + ".svc",
                            "127.0.0.1")
                    .workingDir("/opt/spark/work-dir")
                    .env("SPARK_LOCAL_IP", "127.0.0.1")
                    .shim("/opt/spark/bin/spark-submit", ConnectStackRuntimeTest.Stack.sparkSubmitShim(chart.line()))
                    .files(SparkPackages.onClassPath(Programs.spark(chart.line())))
                    .start();
            List<Pod> executors;
            List<Map<String, Object>> created = new ArrayList<>();
            try {
                connect.awaitPort(15002, Duration.ofMinutes(4));
                executors = awaitExecutors(client, connect);
                client.configMaps()
                        .inNamespace(RenderedChart.NAMESPACE)
                        .list()
                        .getItems()
                        .forEach(cm -> created.add(Serialization.unmarshal(Serialization.asJson(cm), Map.class)));
            } finally {
                connect.close(); // SIGTERM: the server stops its SparkContext, which removes its executors
            }
            Set<String> calls = new TreeSet<>();
            RecordedRequest request;
            while ((request = api.takeRequest(1, TimeUnit.SECONDS)) != null) {
                if (request.getHeader("User-Agent") == null
                        || !request.getHeader("User-Agent").contains("sparkk8s-test")) {
                    calls.add(ExecutorChecks.rbacCall(request.getMethod(), request.getPath()));
                }
            }
            return new Recorded(executors, created, calls);
        } finally {
            api.destroy();
        }
    }

    private static List<Pod> awaitExecutors(io.fabric8.kubernetes.client.KubernetesClient client, LocalPod connect) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            List<Pod> pods = client.pods()
                    .inNamespace(RenderedChart.NAMESPACE)
                    .withLabel("spark-role", "executor")
                    .list()
                    .getItems();
            if (!pods.isEmpty()) {
                LocalPod.sleep(3000); // let the allocator finish its batch
                return client.pods()
                        .inNamespace(RenderedChart.NAMESPACE)
                        .withLabel("spark-role", "executor")
                        .list()
                        .getItems();
            }
            if (!connect.alive()) {
                throw new AssertionError("the Connect server exited\n" + connect.tail());
            }
            LocalPod.sleep(1000);
        }
        throw new AssertionError("no executor pod was created in 2 minutes\n" + connect.tail());
    }
}
