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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorPodsRuntimeTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    /** The runs of the Connect server against the API server, by line and read-only root, shared by the tests. */
    private static final Map<String, Run> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One chart and what the driver did with it. */
    record Run(RenderedChart chart, Recorded recorded, Path dir) {}

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Programs.lines()) {
            cases.add(Arguments.of(line, false));
            cases.add(Arguments.of(line, true));
        }
        return cases.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "spark-{0}, readOnlyRootFilesystem={1}")
    @MethodSource("cases")
    void executorPodsAreRestrictedWritableAndTheRoleGrantsExactlyTheDriversCalls(String line, boolean readOnlyRoot)
            throws Exception {
        Run run = run(line, readOnlyRoot, tmp);
        RenderedChart chart = run.chart();
        Recorded recorded = run.recorded();

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
        if (readOnlyRoot) {
            assertShipped(recorded.executors(), run.dir().resolve("connect"));
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
     * Issue 14 item 10: the executors' own placement and CPU reach the pods Spark builds from the chart's settings
     * and template (Spark keeps the template's tolerations and affinity, adds to its node selector, and writes the
     * CPU request and limit from spark.kubernetes.executor.{request,limit}.cores), apart from the server's.
     */
    @Order(1)
    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void theExecutorsOwnPlacementAndCpuReachThePodsSparkBuilds(String line) throws Exception {
        Recorded recorded = run(line, false, tmp).recorded(); // the writable-root run carries PLACEMENT

        assertThat(recorded.executors()).as("executor pods Spark created").isNotEmpty();
        for (Pod pod : recorded.executors()) {
            assertThat(pod.getSpec().getNodeSelector()).isEqualTo(Map.of("pool", "spot", "zone", "a"));
            assertThat(pod.getSpec().getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey())
                    .isEqualTo("spot"));
            assertThat(pod.getSpec().getAffinity().getNodeAffinity().toString())
                    .contains("node.kubernetes.io/instance-type");
            var resources = pod.getSpec().getContainers().get(0).getResources();
            assertThat(resources.getRequests().get("cpu").toString()).isEqualTo("500m");
            assertThat(resources.getLimits().get("cpu").toString()).isEqualTo("2");
        }
    }

    static Stream<String> lines() {
        return Programs.lines().stream();
    }

    /**
     * Issue 15: a jobs application of the runner submit, its Job's driver container run with the rendered script and
     * settings against the stand-in API server holding the Job's pod (named as the downward API names it). The
     * executor pods Spark creates are owned by that driver pod (so they go with the Job), run as the jobs
     * ServiceAccount from the shared executor pod template, pass the verifier's Pod Security "restricted" and
     * reference checks, and every call the driver made is granted by the jobs Role.
     */
    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void theExecutorsOfAJobAreOwnedByItsDriverPodAndRestricted(String line) throws Exception {
        String app = "jobs.apps.once.";
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put(app + "type", "Java");
        sets.put(app + "mainClass", "JobApp");
        sets.put(app + "mainApplicationFile", "local:///opt/spark/app/job-app.jar");
        sets.put(app + "args[0]", "idle");
        sets.put("monitoring.enabled", "true"); // issue 17: the job driver's UI serves both Prometheus paths
        sets.putAll(JmxAgentRuntime.sets()); // issue 17: the JMX exporter agent in the driver and its executors
        RenderedChart chart = RenderedChart.render(line, "jobs-one-off", sets);
        String job = chart.nameStartingWith("Job", RenderedChart.RELEASE + "-job-once-");
        String driverPod = job + "-x7k2q"; // a Job's pod: <job>-<five random characters>
        Recorded recorded = runJobAgainstApiServer(chart, job, driverPod, tmp);

        assertThat(recorded.executors())
                .as("executor pods Spark created for the job")
                .isNotEmpty();
        for (Pod pod : recorded.executors()) {
            assertThat(pod.getMetadata().getOwnerReferences())
                    .as("owned by the Job's driver pod")
                    .anyMatch(o -> "Pod".equals(o.getKind()) && driverPod.equals(o.getName()));
            assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(RenderedChart.RELEASE + "-jobs");
            assertThat(pod.getMetadata().getName())
                    .as("executor names end with the driver pod's suffix, so concurrent runs never collide")
                    .startsWith(RenderedChart.RELEASE + "-job-once-x7k2q-exec-");
        }
        assertThat(ExecutorChecks.verify(chart, recorded.executors(), recorded.created()))
                .as("verifier findings on the pods Spark builds for the job")
                .isEmpty();
        assertThat(recorded.calls())
                .as("API calls of the job's driver")
                .isSubsetOf(ExecutorChecks.granted(chart, RenderedChart.RELEASE + "-jobs"));
        // the paths of the chart's job-driver PodMonitor, on the port the rendered pod names spark-ui
        assertThat(recorded.uiPort()).as("the driver's UI port").isEqualTo(4040);
        assertThat(chart.podTemplate("Job", job).toString()).contains("{name=spark-ui, containerPort=4040");
        assertThat(recorded.metrics().get("/metrics/prometheus/"))
                .as("the job driver's own metrics")
                .contains("metrics_spark_driver_jvm_heap_used_Value");
        assertThat(recorded.metrics().get("/metrics/executors/prometheus"))
                .as("the job driver's view of its executors")
                .contains("metrics_executor_");
        JmxAgentRuntime.assertAgentServedAndShipped(chart, recorded.metrics().get("jmx"), recorded.executors());
    }

    /** The driver UI's port from its log, and the body of each Prometheus path there (no redirects followed). */
    static Map<String, String> scrapeDriverUi(LocalPod driver, int[] port) throws Exception {
        java.util.regex.Matcher started = java.util.regex.Pattern.compile("'SparkUI' on port (\\d+)")
                .matcher(java.nio.file.Files.readString(driver.log()));
        if (!started.find()) {
            return Map.of();
        }
        port[0] = Integer.parseInt(started.group(1));
        Map<String, String> bodies = new LinkedHashMap<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/metrics/prometheus/", "/metrics/executors/prometheus")) {
            java.net.http.HttpResponse<String> response = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port[0] + path))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            bodies.put(path, response.statusCode() + "\n" + response.body());
        }
        return bodies;
    }

    /** The job's driver container as a local process, against the stand-in API server holding its pod. */
    static Recorded runJobAgainstApiServer(RenderedChart chart, String job, String driverPod, Path dir)
            throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer api = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        api.init();
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder(
                        api.createClient().getConfiguration())
                .withUserAgent("sparkk8s-test")
                .build();
        try (io.fabric8.kubernetes.client.KubernetesClient client =
                new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                        .withConfig(config)
                        .build()) {
            Map<String, Object> template = chart.podTemplate("Job", job);
            Map<String, Object> pod = new LinkedHashMap<>();
            pod.put("apiVersion", "v1");
            pod.put("kind", "Pod");
            Map<String, Object> metadata = new LinkedHashMap<>(RenderedChart.map(template, "metadata"));
            metadata.put("name", driverPod);
            metadata.put("namespace", RenderedChart.NAMESPACE);
            pod.put("metadata", metadata);
            pod.put("spec", RenderedChart.map(template, "spec"));
            client.pods()
                    .inNamespace(RenderedChart.NAMESPACE)
                    .resource(Serialization.unmarshal(Serialization.asJson(pod), Pod.class))
                    .create();
            LocalPod driver = LocalPod.of(chart, "Job", job, "driver", dir.resolve("job-driver"))
                    .podName(driverPod)
                    .host("https://kubernetes.default.svc", "http://127.0.0.1:" + api.getPort())
                    .workingDir("/opt/spark/work-dir")
                    .env("SPARK_LOCAL_IP", "127.0.0.1")
                    .hostEnv("APP_FILE", ConnectStackRuntimeTest.jobAppJar(dir).toString())
                    // with the JMX exporter on, the image's spark-submit through Spark's own launcher, which reads the
                    // rendered spark.driver.defaultJavaOptions, and the fetched agent jar at the values' path
                    .shim(
                            "/opt/spark/bin/spark-submit",
                            JmxAgentRuntime.on(chart)
                                    ? JmxAgentRuntime.sparkSubmit(chart.line(), dir)
                                    : ConnectStackRuntimeTest.Stack.sparkSubmitShim(chart.line()))
                    .files(
                            JmxAgentRuntime.on(chart)
                                    ? JmxAgentRuntime.withAgentJar(
                                            SparkPackages.onClassPath(Programs.spark(chart.line())))
                                    : SparkPackages.onClassPath(Programs.spark(chart.line())))
                    .start();
            List<Pod> executors;
            List<Map<String, Object>> created = new ArrayList<>();
            int[] uiPort = {0};
            Map<String, String> metrics;
            try {
                executors = awaitExecutors(client, driver);
                metrics = new LinkedHashMap<>(scrapeDriverUi(driver, uiPort));
                if (JmxAgentRuntime.on(chart)) {
                    metrics.put("jmx", JmxAgentRuntime.scrape());
                }
                client.configMaps()
                        .inNamespace(RenderedChart.NAMESPACE)
                        .list()
                        .getItems()
                        .forEach(cm -> created.add(Serialization.unmarshal(Serialization.asJson(cm), Map.class)));
                driver.awaitExit(Duration.ofMinutes(2)); // the application stops its SparkContext
            } finally {
                driver.close();
            }
            Set<String> calls = new TreeSet<>();
            RecordedRequest request;
            while ((request = api.takeRequest(1, TimeUnit.SECONDS)) != null) {
                if (request.getHeader("User-Agent") == null
                        || !request.getHeader("User-Agent").contains("sparkk8s-test")) {
                    calls.add(ExecutorChecks.rbacCall(request.getMethod(), request.getPath()));
                }
            }
            return new Recorded(executors, created, calls, uiPort[0], metrics);
        } finally {
            api.destroy();
        }
    }

    /**
     * Calls the driver makes only in situations the tier cannot produce without a kubelet: removing one executor
     * pod by name when it has ended ({@code ExecutorPodsLifecycleManager.removeExecutorFromK8s}; the executors
     * here stay Pending).
     */
    static final Set<String> NEEDED_BUT_NOT_EXERCISED = Set.of("/pods:delete");

    /** The chart of preset connect-k8s with executors at start (no query needed), and the server's run with it. */
    static Run run(String line, boolean readOnlyRoot, Path dir) throws Exception {
        Run cached = RUNS.get(line + "/" + readOnlyRoot);
        if (cached != null) {
            return cached;
        }
        RenderedChart chart = RenderedChart.render(line, "connect-k8s", sets(readOnlyRoot));
        Run run = new Run(chart, runConnectAgainstApiServer(chart, dir), dir);
        RUNS.put(line + "/" + readOnlyRoot, run);
        return run;
    }

    /**
     * The executors' own placement and CPU, apart from the server's (issue 14 item 10), set on the writable-root run:
     * they change nothing the restricted-pod and RBAC checks look at, and one Spark start serves both tests.
     */
    static final Map<String, String> PLACEMENT = placement();

    private static Map<String, String> placement() {
        Map<String, String> placement = new LinkedHashMap<>();
        placement.put("connect.nodeSelector.pool", "servers");
        placement.put("connect.nodeSelector.zone", "a");
        placement.put("connect.executor.nodeSelector.pool", "spot");
        placement.put("connect.executor.tolerations[0].key", "spot");
        placement.put("connect.executor.tolerations[0].operator", "Exists");
        placement.put(
                "connect.executor.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                        + ".nodeSelectorTerms[0].matchExpressions[0].key",
                "node.kubernetes.io/instance-type");
        placement.put(
                "connect.executor.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                        + ".nodeSelectorTerms[0].matchExpressions[0].operator",
                "Exists");
        placement.put("connect.executor.resources.requests.cpu", "500m");
        placement.put("connect.executor.resources.limits.cpu", "2");
        return java.util.Collections.unmodifiableMap(placement);
    }

    static Map<String, String> sets(boolean readOnlyRoot) {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("global.security.readOnlyRootFilesystem", String.valueOf(readOnlyRoot));
        sets.put("connect.dynamicAllocation.minExecutors", "2"); // executors at start, without a query
        if (!readOnlyRoot) {
            sets.putAll(PLACEMENT);
        } else {
            // issue 17, logs: the read-only runs also carry the log shipper and the executor log link, so the pods
            // Spark builds from the template are checked with the sidecar, its volume and the link's attributes
            sets.putAll(SHIPPED);
        }
        return sets;
    }

    /** The log shipper (forward output) and an executor log link with the placeholders both lines report. */
    static final Map<String, String> SHIPPED = Map.of(
            "global.logShipping.enabled", "true",
            "global.logShipping.forward.host", "fluentd.logging",
            "global.logLinks.executorUrl", "https://logs.example.com/{{NAMESPACE}}/{{POD_NAME}}");

    /**
     * Issue 17, logs: Spark keeps the template's init containers and volumes (KubernetesUtils.loadPodFromTemplate
     * keeps the template pod, BasicExecutorFeatureStep builds on it), so every executor pod it creates carries the
     * native log shipper sidecar beside the Spark container, which mounts the shared, size-limited log folder and
     * reports its pod name and namespace as executor attributes (the log link's placeholders); the Connect server
     * (the driver) writes its log file there through the rendered log4j2 configuration.
     */
    static void assertShipped(List<Pod> executors, Path connectRoot) throws java.io.IOException {
        for (Pod pod : executors) {
            var sidecar = pod.getSpec().getInitContainers().stream()
                    .filter(c -> "log-shipper".equals(c.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "no log shipper in " + pod.getSpec().getInitContainers()));
            assertThat(sidecar.getRestartPolicy()).as("a native sidecar").isEqualTo("Always");
            assertThat(sidecar.getImage()).startsWith("fluent/fluent-bit:");
            var spark = pod.getSpec().getContainers().get(0);
            assertThat(spark.getVolumeMounts())
                    .anyMatch(m -> "spark-logs".equals(m.getName()) && "/opt/spark-k8s/logs".equals(m.getMountPath()));
            assertThat(pod.getSpec().getVolumes())
                    .anyMatch(v -> "spark-logs".equals(v.getName())
                            && v.getEmptyDir() != null
                            && "512Mi".equals(v.getEmptyDir().getSizeLimit().toString()));
            assertThat(spark.getEnv())
                    .anyMatch(e -> "SPARK_EXECUTOR_ATTRIBUTE_POD_NAME".equals(e.getName())
                            && "metadata.name"
                                    .equals(e.getValueFrom().getFieldRef().getFieldPath()))
                    .anyMatch(e -> "SPARK_EXECUTOR_ATTRIBUTE_NAMESPACE".equals(e.getName()));
        }
        Path file = connectRoot.resolve("volumes").resolve("spark-logs").resolve("spark.log");
        assertThat(file).as("the driver's log file the sidecar tails").isNotEmptyFile();
        assertThat(java.nio.file.Files.readAllLines(file))
                .as("Spark's pattern layout, one timestamped line per event")
                .anyMatch(l -> l.matches("^\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} INFO \\S+: .*"));
    }

    /**
     * Planted defects, each caught: an executor pod template without the writable work-dir (the pod Spark builds
     * from it under a read-only root is reported), a Role without a verb the driver uses, a Role with a verb it
     * never uses. The Role plants are judged against the calls of the 4.1 read-only run above (no Spark start of
     * their own); the template plant goes through Spark's executor pod builder alone
     * ({@code src/test/programs/ExecutorPodFromTemplate.java}: the same builder the driver's allocator calls, without
     * a driver or an API server), with the unplanted template beside it as the control.
     */
    @Order(2)
    @org.junit.jupiter.api.Test
    void plantedDefectsAreCaught() throws Exception {
        RenderedChart chart = RenderedChart.render("4.1", "connect-k8s", sets(true));
        String template = chart.configMap(RenderedChart.RELEASE + "-connect").get("executor-pod-template.yaml");
        String planted = template.replaceAll("(?m)^\\s*- name: work-dir\\n\\s*mountPath: /opt/spark/work-dir\\n", "");
        assertThat(planted).as("the planted template differs").isNotEqualTo(template);
        List<Pod> pods = executorPodsFromTemplates(chart, tmp, template, planted);
        assertThat(ExecutorChecks.unwritableWorkingDirectory(pods.get(0)))
                .as("control: the chart's own template keeps the working directory writable")
                .isEmpty();
        assertThat(ExecutorChecks.unwritableWorkingDirectory(pods.get(1)))
                .as("an unwritable working directory is reported")
                .contains(ExecutorChecks.SPARK_WORKDIR);

        Recorded recorded = run("4.1", true, tmp).recorded();
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

    /**
     * Issue 17, logs on the Spark Operator's pods: the operator writes a SparkApplication's spec.driver.template and
     * spec.executor.template to files and passes them to spark-submit as spark.kubernetes.{driver,executor}.
     * podTemplateFile with the container names spark-kubernetes-driver and spark-kubernetes-executor
     * (kubeflow/spark-operator v2.5 submission.go). Spark's own builders, fed exactly that (the cluster-mode driver
     * pod of the submission client, and the executor pod of the driver's allocator, in ONE JVM of the line), keep the
     * native log shipper sidecar, the size-limited log folder and the release's log4j2.properties mount, and pass
     * -Dlog4j2.configurationFile to the executor JVM (spark.executor.defaultJavaOptions); both pods pass the
     * verifier. The operator itself cannot run here (no cluster): that it passes the templates is read from its
     * source, and the CRD gate accepts the objects.
     */
    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    @SuppressWarnings("unchecked")
    void theSparkOperatorsDriverAndExecutorPodsKeepTheShipperAsSparkBuildsThem(String line) throws Exception {
        Map<String, String> sets = new LinkedHashMap<>(SHIPPED);
        sets.put("jobs.enabled", "true");
        sets.put("jobs.apps.pi.runner", "sparkApplication");
        sets.put("jobs.apps.pi.mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py");
        sets.put("jobs.sparkOperator.skipCapabilitiesCheck", "true");
        RenderedChart chart = RenderedChart.render(line, null, sets);
        Map<String, Object> spec =
                RenderedChart.map(chart.object("SparkApplication", RenderedChart.RELEASE + "-job-pi"), "spec");
        Path dir = tmp.resolve("operator-" + line);
        java.nio.file.Files.createDirectories(dir);
        Map<String, Path> templates = new LinkedHashMap<>();
        for (String role : List.of("driver", "executor")) {
            Path file = dir.resolve(role + "-pod-template.yaml");
            // as the operator writes it: the PodTemplateSpec (metadata and spec, no apiVersion or kind)
            java.nio.file.Files.writeString(
                    file, Serialization.asYaml(RenderedChart.map(RenderedChart.map(spec, role), "template")));
            templates.put(role, file);
        }
        java.util.Properties conf = new java.util.Properties();
        RenderedChart.map(spec, "sparkConf").forEach((k, v) -> conf.setProperty(k, String.valueOf(v)));
        conf.setProperty("spark.kubernetes.namespace", RenderedChart.NAMESPACE);
        conf.setProperty("spark.kubernetes.container.image", String.valueOf(spec.get("image")));
        conf.setProperty(
                "spark.kubernetes.driver.podTemplateFile",
                templates.get("driver").toString());
        conf.setProperty("spark.kubernetes.driver.podTemplateContainerName", "spark-kubernetes-driver");
        conf.setProperty(
                "spark.kubernetes.executor.podTemplateFile",
                templates.get("executor").toString());
        conf.setProperty("spark.kubernetes.executor.podTemplateContainerName", "spark-kubernetes-executor");
        Path properties = dir.resolve("operator.properties");
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(properties)) {
            conf.store(out, "the SparkApplication's sparkConf and what the operator's spark-submit adds");
        }
        Map<String, Pod> pods = operatorPods(
                line, dir, properties, templates.get("executor"), String.valueOf(spec.get("mainApplicationFile")));
        String option = "-Dlog4j2.configurationFile=/opt/spark-k8s/wiring/log4j2.properties";
        for (Map.Entry<String, Pod> entry : pods.entrySet()) {
            Pod pod = entry.getValue();
            String role = entry.getKey();
            var spark = pod.getSpec().getContainers().stream()
                    .filter(c ->
                            c.getName().equals(role.equals("driver") ? "spark-kubernetes-driver" : "spark-executor"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            role + ": no Spark container in " + pod.getSpec().getContainers()));
            var sidecar = pod.getSpec().getInitContainers().stream()
                    .filter(c -> "log-shipper".equals(c.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            role + ": no log shipper in " + pod.getSpec().getInitContainers()));
            assertThat(sidecar.getRestartPolicy())
                    .as(role + ": a native sidecar")
                    .isEqualTo("Always");
            assertThat(pod.getSpec().getVolumes())
                    .as(role)
                    .anyMatch(v -> "spark-logs".equals(v.getName())
                            && "512Mi".equals(v.getEmptyDir().getSizeLimit().toString()))
                    .anyMatch(v -> "wiring".equals(v.getName())
                            && (RenderedChart.RELEASE + "-spark-wiring")
                                    .equals(v.getConfigMap().getName()));
            assertThat(spark.getVolumeMounts())
                    .as(role)
                    .anyMatch(m -> "spark-logs".equals(m.getName()) && "/opt/spark-k8s/logs".equals(m.getMountPath()))
                    .anyMatch(m -> "wiring".equals(m.getName()) && "/opt/spark-k8s/wiring".equals(m.getMountPath()));
            assertThat(spark.getSecurityContext().getAllowPrivilegeEscalation())
                    .as(role)
                    .isFalse();
        }
        // the executor JVM's options (entrypoint.sh: SPARK_JAVA_OPT_*) carry the release's log4j2 file
        assertThat(pods.get("executor").getSpec().getContainers().get(0).getEnv())
                .anyMatch(e -> e.getName().startsWith("SPARK_JAVA_OPT_") && option.equals(e.getValue()));
        // the driver's launcher (client mode inside its pod) reads spark.driver.defaultJavaOptions from the
        // spark.properties Spark's client ships it in the driver's ConfigMap
        String encoded = java.nio.file.Files.readString(dir.resolve("driver-builder.log"))
                .lines()
                .filter(l -> l.startsWith("DRIVER-PROPERTIES "))
                .findFirst()
                .orElseThrow()
                .substring("DRIVER-PROPERTIES ".length());
        java.util.Properties driverProperties = new java.util.Properties();
        driverProperties.load(new java.io.StringReader(
                new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(driverProperties.getProperty("spark.driver.defaultJavaOptions"))
                .isEqualTo(option);
        // the ConfigMaps Spark itself creates beside these pods (the client: the driver's conf and the executor pod
        // template, Client.run and PodTemplateConfigMapStep; the driver: its executors' conf,
        // KubernetesClusterSchedulerBackend.setUpExecutorConfigMap), which the offline builders only name
        Set<String> sparkVolumes = Set.of("spark-conf-volume-driver", "pod-template-volume", "spark-conf-volume-exec");
        List<Map<String, Object>> sparkConfigMaps = new ArrayList<>();
        pods.values().forEach(pod -> pod.getSpec().getVolumes().stream()
                .filter(v -> sparkVolumes.contains(v.getName()) && v.getConfigMap() != null)
                .forEach(v -> sparkConfigMaps.add(Map.of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "ConfigMap",
                        "metadata",
                        Map.of("name", v.getConfigMap().getName(), "namespace", RenderedChart.NAMESPACE),
                        "data",
                        keys(v.getConfigMap().getItems())))));
        // (the driver's conf volume is added by Client.run after the builder, so two are named here)
        assertThat(sparkConfigMaps).as("Spark's own ConfigMaps").hasSize(2);
        List<Finding> findings = ExecutorChecks.verify(chart, List.copyOf(pods.values()), sparkConfigMaps);
        assertThat(findings)
                .as("verifier findings on the operator's pods as Spark builds them")
                .isEmpty();
    }

    /** A ConfigMap's data with the keys a volume reads (their content is Spark's, not the chart's). */
    private static Map<String, String> keys(List<io.fabric8.kubernetes.api.model.KeyToPath> items) {
        Map<String, String> data = new LinkedHashMap<>();
        if (items != null) {
            items.forEach(i -> data.put(i.getKey(), "written by Spark"));
        }
        return data;
    }

    /**
     * The driver Pod Spark's submission client builds and the executor Pod its allocator builds from one properties
     * file, in one JVM of the line ({@code src/test/programs/ExecutorPodFromTemplate.java}); the driver's Spark
     * properties (the ConfigMap Spark mounts into it) are written to {@code driver-builder.log} beside.
     */
    static Map<String, Pod> operatorPods(String line, Path dir, Path properties, Path executorTemplate, String app)
            throws Exception {
        String output = PodBuilderProgram.run(
                line,
                dir.resolve("driver-builder.log"),
                List.of("--", properties + "::" + executorTemplate, "driver=" + properties + "::" + app));
        Map<String, Pod> pods = new LinkedHashMap<>();
        PodBuilderProgram.pods(output, "POD ").forEach(pod -> pods.put("executor", pod));
        PodBuilderProgram.pods(output, "DRIVER ").forEach(pod -> pods.put("driver", pod));
        assertThat(pods).as("a driver and an executor pod\n" + output).containsOnlyKeys("driver", "executor");
        return pods;
    }

    /**
     * The executor Pods Spark's builder makes from the chart's Spark settings and each template, in one JVM of the
     * chart's line (the java launcher compiles the program against that class path).
     */
    static List<Pod> executorPodsFromTemplates(RenderedChart chart, Path dir, String... templates) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        Path defaults = dir.resolve("spark-defaults.conf");
        java.nio.file.Files.writeString(
                defaults, chart.configMap(RenderedChart.RELEASE + "-connect").get("spark-defaults.conf"));
        List<String> arguments = new ArrayList<>(List.of(defaults.toString(), "--"));
        for (int i = 0; i < templates.length; i++) {
            Path file = dir.resolve("executor-pod-template-" + i + ".yaml");
            java.nio.file.Files.writeString(file, templates[i]);
            arguments.add(file.toString());
        }
        String output = PodBuilderProgram.run(chart.line(), dir.resolve("executor-pod-builder.log"), arguments);
        List<Pod> pods = PodBuilderProgram.pods(output, "POD ");
        assertThat(pods).as("one executor pod per template\n" + output).hasSize(templates.length);
        return pods;
    }

    /** What the driver did against the API server. */
    /**
     * What a driver run against the stand-in API server did.
     *
     * @param uiPort the port its Spark UI started on (0 when not looked at)
     * @param metrics the status line and body of each Prometheus path of its UI (empty when not looked at)
     */
    record Recorded(
            List<Pod> executors,
            List<Map<String, Object>> created,
            Set<String> calls,
            int uiPort,
            Map<String, String> metrics) {}

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
                connect.awaitPort(chart.connectGrpcPort(), Duration.ofMinutes(4));
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
            return new Recorded(executors, created, calls, 0, Map.of());
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
