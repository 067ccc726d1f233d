package io.sparkk8s.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkk8s.verify.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, the executor pods Spark builds under each batch scheduler and scratch space: per line, every chart below
 * goes through Spark's own executor pod builder in ONE JVM start ({@code src/test/programs/ExecutorPodFromTemplate.java},
 * one {@code <settings>::<template>} pair per chart; no driver, no API server), and the pods it returns must agree with
 * the pods the chart renders itself: the Connect server pod (StatefulSet) on scheduler name, queue, group and
 * priority, and the Volcano PodGroup they all join on name and queue. The standalone cluster's executors are JVMs
 * inside the worker pods, so there the master and worker pods must agree with each other and with the PodGroup.
 */
class BatchSchedulingRuntimeTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    static final String QUEUE = "root.spark-team";
    static final String PRIORITY = "spark-batch";

    /** The charts of a line, by case name, and the executor pod Spark built for each. */
    record Built(Map<String, RenderedChart> charts, Map<String, Pod> pods) {}

    private static final Map<String, Built> BUILT = new ConcurrentHashMap<>();

    /** The cases: each a set of values on the connect-k8s preset (standalone on for the scheduler cases). */
    static Map<String, Map<String, String>> cases() {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        for (String scheduler : List.of("default", "volcano", "yunikorn")) {
            Map<String, String> sets = new LinkedHashMap<>();
            for (String app : List.of("connect", "standalone")) {
                sets.put(app + ".scheduling.scheduler", scheduler);
                sets.put(app + ".scheduling.queue", QUEUE);
                sets.put(app + ".scheduling.priorityClassName", PRIORITY);
            }
            sets.put("standalone.enabled", "true");
            sets.put("standalone.worker.replicas", "3");
            job(sets);
            sets.put(JOB + ".scheduling.scheduler", scheduler);
            sets.put(JOB + ".scheduling.queue", QUEUE);
            sets.put(JOB + ".scheduling.priorityClassName", PRIORITY);
            cases.put(scheduler, sets);
        }
        Map<String, String> tmpfs = new LinkedHashMap<>();
        tmpfs.put("connect.executor.scratch.type", "tmpfs");
        tmpfs.put("connect.executor.scratch.sizeLimit", "2Gi");
        tmpfs.put("connect.executor.memory", "3g");
        tmpfs.put("connect.executor.memoryLimit", ""); // the preset's 2560Mi would not hold 3g + 2Gi
        tmpfs.put("connect.decommission.enabled", "true");
        job(tmpfs);
        tmpfs.put(JOB + ".executor.scratch.type", "tmpfs");
        tmpfs.put(JOB + ".executor.scratch.sizeLimit", "2Gi");
        tmpfs.put(JOB + ".executor.memory", "3g");
        cases.put("tmpfs", tmpfs);
        Map<String, String> limited = new LinkedHashMap<>(tmpfs);
        limited.put("connect.executor.memoryLimit", "6Gi"); // 3g heap + 2Gi tmpfs: 1 GiB left for the overhead
        limited.put(JOB + ".executor.memoryLimit", "6Gi");
        cases.put("tmpfs-with-limit", limited);
        Map<String, String> pvc = new LinkedHashMap<>();
        pvc.put("connect.executor.scratch.type", "pvc");
        pvc.put("connect.executor.scratch.sizeLimit", "20Gi");
        pvc.put("connect.executor.scratch.storageClass", "fast-ssd");
        cases.put("pvc", pvc);
        return cases;
    }

    /** The job of the cases: a submit run of the image's Pi example (its pod is the client-mode driver). */
    static final String JOB = "jobs.apps.nightly";

    /** The job's ConfigMap (its Spark settings and executor pod template); pods built from it are keyed case + "/job". */
    static final String JOB_CONFIG = RenderedChart.RELEASE + "-job-nightly";

    private static void job(Map<String, String> sets) {
        sets.put("jobs.enabled", "true");
        sets.put(JOB + ".mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py");
    }

    static Built built(String line) throws Exception {
        Built cached = BUILT.get(line);
        if (cached != null) {
            return cached;
        }
        Map<String, RenderedChart> charts = new LinkedHashMap<>();
        cases().forEach((name, sets) -> charts.put(name, RenderedChart.render(line, "connect-k8s", sets)));
        Map<String, Pod> pods = executorPods(line, charts, jobSparkConf(line), tmp.resolve(line));
        Built built = new Built(charts, pods);
        BUILT.put(line, built);
        return built;
    }

    static Stream<Arguments> schedulers() {
        List<Arguments> out = new ArrayList<>();
        for (String line : Programs.lines()) {
            for (String scheduler : List.of("default", "volcano", "yunikorn")) {
                out.add(Arguments.of(line, scheduler));
            }
        }
        return out.stream();
    }

    static Stream<String> lines() {
        return Programs.lines().stream();
    }

    @ParameterizedTest(name = "spark-{0}, {1}")
    @MethodSource("schedulers")
    void theServerPodAndTheExecutorPodSparkBuildsAgreeOnSchedulerQueueAndGroup(String line, String scheduler)
            throws Exception {
        Built built = built(line);
        RenderedChart chart = built.charts().get(scheduler);
        Pod executor = built.pods().get(scheduler);
        String connect = RenderedChart.RELEASE + "-connect";
        Map<String, Object> server = chart.podTemplate("StatefulSet", connect);

        Placement fromServer = Placement.of(server);
        Placement fromExecutor = Placement.of(executor);
        assertThat(fromExecutor)
                .as("the executor pod Spark built vs the Connect server pod")
                .isEqualTo(fromServer);
        assertThat(fromServer.priorityClassName()).isEqualTo(PRIORITY);
        switch (scheduler) {
            case "default" -> {
                assertThat(fromServer.schedulerName()).isNull();
                assertThat(fromServer.queue()).isNull();
                assertThat(fromServer.group()).isNull();
                assertThat(chart.objects()).noneMatch(o -> "PodGroup".equals(o.get("kind")));
            }
            case "volcano" -> {
                assertThat(fromServer).isEqualTo(new Placement("volcano", QUEUE, connect, PRIORITY));
                Map<String, Object> spec = RenderedChart.map(chart.object("PodGroup", connect), "spec");
                assertThat(spec.get("queue")).as("the PodGroup's queue").isEqualTo(QUEUE);
                assertThat(spec.get("priorityClassName")).isEqualTo(PRIORITY);
                assertThat(spec.get("minMember"))
                        .as("the gang: the Connect servers")
                        .isEqualTo(1);
            }
            case "yunikorn" -> {
                assertThat(fromServer).isEqualTo(new Placement("yunikorn", QUEUE, connect, PRIORITY));
                assertThat(chart.objects()).noneMatch(o -> "PodGroup".equals(o.get("kind")));
            }
            default -> throw new IllegalArgumentException(scheduler);
        }
        List<Finding> findings = ExecutorChecks.verify(chart, List.of(executor), driverConfigMaps(executor));
        assertThat(findings)
                .as("verifier findings on the chart and the pod Spark built")
                .filteredOn(f -> !"PodGroup".equals(f.kind()))
                .isEmpty();

        // the job: the pod of a run (the client-mode driver) and the executor pod Spark builds from the job's own
        // settings and template agree; they join the application's group <release>-job-nightly
        String jobGroup = RenderedChart.RELEASE + "-job-nightly";
        Map<String, Object> driver =
                chart.podTemplate("Job", chart.nameStartingWith("Job", RenderedChart.RELEASE + "-job-nightly-"));
        Pod jobExecutor = built.pods().get(scheduler + "/job");
        Placement ofDriver = Placement.of(driver);
        assertThat(Placement.of(jobExecutor))
                .as("the executor pod Spark built for the job vs the Job's pod")
                .isEqualTo(ofDriver);
        assertThat(ofDriver.priorityClassName()).isEqualTo(PRIORITY);
        switch (scheduler) {
            case "default" -> assertThat(ofDriver).isEqualTo(new Placement(null, null, null, PRIORITY));
            case "volcano" -> {
                assertThat(ofDriver).isEqualTo(new Placement("volcano", QUEUE, jobGroup, PRIORITY));
                Map<String, Object> spec = RenderedChart.map(chart.object("PodGroup", jobGroup), "spec");
                assertThat(spec.get("queue")).as("the job's PodGroup's queue").isEqualTo(QUEUE);
                assertThat(spec.get("minMember"))
                        .as("the gang: the driver (it asks for its executors once it runs)")
                        .isEqualTo(1);
            }
            case "yunikorn" -> {
                assertThat(ofDriver).isEqualTo(new Placement("yunikorn", QUEUE, jobGroup, PRIORITY));
                // task groups: the driver names its own; the executor pod Spark built names the executors' group,
                // whose minResource is what that pod requests (else YuniKorn cannot swap it for a placeholder)
                Map<String, Object> annotations =
                        RenderedChart.map(RenderedChart.map(driver, "metadata"), "annotations");
                assertThat(annotations).containsEntry("yunikorn.apache.org/task-group-name", "spark-driver");
                List<Map<String, Object>> groups =
                        cast(new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder()
                                        .build())
                                .loadFromString((String) annotations.get("yunikorn.apache.org/task-groups")));
                Map<String, Object> executors = groups.stream()
                        .filter(g -> "spark-executor".equals(g.get("name")))
                        .findFirst()
                        .orElseThrow();
                assertThat(jobExecutor.getMetadata().getAnnotations())
                        .containsEntry("yunikorn.apache.org/task-group-name", "spark-executor");
                Map<String, Quantity> requests = jobExecutor
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getRequests();
                Map<String, Object> minResource = cast((Map<?, ?>) executors.get("minResource"));
                assertThat(mebibytes(new Quantity(String.valueOf(minResource.get("memory")))))
                        .as("the executors' task group memory vs the pod Spark built")
                        .isEqualTo(mebibytes(requests.get("memory")));
                assertThat(new Quantity(String.valueOf(minResource.get("cpu")))).isEqualTo(requests.get("cpu"));
                assertThat(executors.get("minMember"))
                        .as("the executors that start with the driver (executor.instances)")
                        .isEqualTo(2);
            }
            default -> throw new IllegalArgumentException(scheduler);
        }
        assertThat(ExecutorChecks.verify(chart, List.of(jobExecutor), driverConfigMaps(jobExecutor)))
                .as("verifier findings on the chart and the job's executor pod Spark built")
                .filteredOn(f -> !"PodGroup".equals(f.kind()))
                .isEmpty();

        // the standalone cluster: master and workers join one group with the same scheduler, queue and priority
        String master = RenderedChart.RELEASE + "-standalone-master";
        String worker = RenderedChart.RELEASE + "-standalone-worker";
        Placement ofMaster = Placement.of(chart.podTemplate("Deployment", master));
        assertThat(Placement.of(chart.podTemplate("Deployment", worker))).isEqualTo(ofMaster);
        assertThat(ofMaster.schedulerName()).isEqualTo(fromServer.schedulerName());
        assertThat(ofMaster.queue()).isEqualTo(fromServer.queue());
        if ("volcano".equals(scheduler)) {
            String group = RenderedChart.RELEASE + "-standalone";
            assertThat(ofMaster.group()).isEqualTo(group);
            Map<String, Object> spec = RenderedChart.map(chart.object("PodGroup", group), "spec");
            assertThat(spec.get("queue")).isEqualTo(QUEUE);
            assertThat(spec.get("minMember"))
                    .as("master and 3 workers start together")
                    .isEqualTo(4);
        }
    }

    /**
     * tmpfs scratch space: the pod Spark builds keeps the chart's memory-backed local directory with its size limit
     * (and makes no size-less one of its own), and its memory limit holds heap + overhead + the tmpfs size — with
     * Spark's default overhead, and with a memoryLimit whose remainder becomes the overhead. Decommissioning: Spark
     * adds its preStop hook, the template's grace period stays.
     */
    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void tmpfsScratchSpaceIsMemoryWithASizeLimitCountedIntoTheMemoryLimit(String line) throws Exception {
        Built built = built(line);
        long heap = 3 * 1024;
        long tmpfs = 2 * 1024;
        long defaultOverhead = Math.max(384, heap / 10); // Spark: max(minMemoryOverhead, 10% of the heap)
        // Connect's executors and the job's ("<case>/job"), each from its own settings and template
        Map<String, Long> expected = Map.of(
                "tmpfs",
                heap + defaultOverhead + tmpfs,
                "tmpfs-with-limit",
                6L * 1024,
                "tmpfs/job",
                heap + defaultOverhead + tmpfs,
                "tmpfs-with-limit/job",
                6L * 1024);
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            boolean job = e.getKey().endsWith("/job");
            RenderedChart chart = built.charts().get(e.getKey().replace("/job", ""));
            Pod pod = built.pods().get(e.getKey());
            List<Volume> localDirs = pod.getSpec().getVolumes().stream()
                    .filter(v -> v.getName().startsWith("spark-local-dir-"))
                    .toList();
            assertThat(localDirs)
                    .as(e.getKey() + ": one local dir, the chart's")
                    .hasSize(1);
            assertThat(localDirs.get(0).getEmptyDir().getMedium()).isEqualTo("Memory");
            assertThat(localDirs.get(0).getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi"));
            Container container = pod.getSpec().getContainers().get(0);
            assertThat(container.getEnv())
                    .as("Spark points its local dirs at the tmpfs")
                    .anyMatch(env -> "SPARK_LOCAL_DIRS".equals(env.getName())
                            && "/var/data/spark-local-dir-1".equals(env.getValue()));
            long limit = mebibytes(container.getResources().getLimits().get("memory"));
            assertThat(limit)
                    .as(e.getKey() + ": memory limit (MiB) holds heap + overhead + tmpfs")
                    .isEqualTo(e.getValue())
                    .isGreaterThanOrEqualTo(heap + 384 + tmpfs);
            assertThat(mebibytes(container.getResources().getRequests().get("memory")))
                    .as(e.getKey() + ": Spark requests what it limits")
                    .isEqualTo(limit);
            if (!job) {
                assertThat(container.getLifecycle().getPreStop().getExec().getCommand())
                        .as("decommissioning: Spark's preStop hook")
                        .anySatisfy(c -> assertThat(c).contains("decom"));
                assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(120L);
            }
            List<Finding> findings = ExecutorChecks.verify(chart, List.of(pod), driverConfigMaps(pod));
            assertThat(findings).as(e.getKey() + ": verifier findings").isEmpty();
        }
        // on-demand claims: Spark names a claim per executor and mounts it as the local dir
        Pod pod = built.pods().get("pvc");
        Volume claim = pod.getSpec().getVolumes().stream()
                .filter(v -> "spark-local-dir-1".equals(v.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(claim.getPersistentVolumeClaim().getClaimName())
                .isNotEqualTo("OnDemand")
                .contains("-pvc-");
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> "spark-local-dir-1".equals(m.getName())
                        && "/var/data/spark-local-dir-1".equals(m.getMountPath()));
    }

    /**
     * A job's executors get YuniKorn's application id from Spark's {@code {{APP_ID}}} placeholder, which the chart's
     * helper writes through Helm untouched: Spark replaces it with the application's id (the builder's
     * {@code spark-offline}).
     */
    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void aJobsExecutorsGetTheApplicationIdFromSparksPlaceholder(String line) throws Exception {
        Pod pod = built(line).pods().get("job");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("yunikorn.apache.org/app-id", "spark-offline");
    }

    /** The scheduling facts of one pod (or pod template): scheduler, queue, group, priority. */
    record Placement(String schedulerName, String queue, String group, String priorityClassName) {

        static Placement of(Pod pod) {
            return of(cast(Serialization.unmarshal(Serialization.asJson(pod), Map.class)));
        }

        static Placement of(Map<String, Object> pod) {
            Map<String, Object> metadata = RenderedChart.map(pod, "metadata");
            Map<String, Object> labels = mapOrEmpty(metadata.get("labels"));
            Map<String, Object> annotations = mapOrEmpty(metadata.get("annotations"));
            Map<String, Object> spec = RenderedChart.map(pod, "spec");
            String scheduler = (String) spec.get("schedulerName");
            if ("default-scheduler".equals(scheduler)) {
                scheduler = null;
            }
            String queue = firstOf(
                    annotations.get("scheduling.volcano.sh/queue-name"), labels.get("yunikorn.apache.org/queue"));
            String group = firstOf(
                    annotations.get("scheduling.k8s.io/group-name"), annotations.get("yunikorn.apache.org/app-id"));
            return new Placement(scheduler, queue, group, (String) spec.get("priorityClassName"));
        }

        private static String firstOf(Object a, Object b) {
            return (String) (a != null ? a : b);
        }

        private static Map<String, Object> mapOrEmpty(Object value) {
            return value instanceof Map<?, ?> map ? cast(map) : Map.of();
        }
    }

    /**
     * The ConfigMaps of the executor's Spark settings that the driver creates at start (named in the pod Spark built;
     * there is no driver here to create them).
     */
    static List<Map<String, Object>> driverConfigMaps(Pod pod) {
        return pod.getSpec().getVolumes().stream()
                .filter(v ->
                        v.getConfigMap() != null && v.getConfigMap().getName().startsWith("spark-exec-"))
                .map(v -> Map.<String, Object>of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "ConfigMap",
                        "metadata",
                        Map.of("name", v.getConfigMap().getName(), "namespace", RenderedChart.NAMESPACE)))
                .toList();
    }

    static Map<String, Object> cast(Map<?, ?> map) {
        return RenderedChart.cast(map);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cast(Object list) {
        return (List<Map<String, Object>>) list;
    }

    static long mebibytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue() / (1024 * 1024);
    }

    /** Spark's executor pod for each chart, built in one JVM of the line. */
    /**
     * A job's YuniKorn settings: what {@code sparkk8s.schedulingSparkConf} gives an application whose driver Spark
     * creates (appId empty), rendered by Helm from the chart's own helpers in a chart of one template.
     */
    static String jobSparkConf(String line) throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("job-" + line).resolve("templates"))
                .getParent();
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: job\nversion: 0.1.0\n");
        Files.copy(
                RenderedChart.chart(line).resolve("templates").resolve("_helpers.tpl"),
                chart.resolve("templates").resolve("_helpers.tpl"));
        Files.writeString(chart.resolve("templates").resolve("conf.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: job
                data:
                  spark-defaults.conf: |
                    {{- include "sparkk8s.schedulingSparkConf" (dict "scheduling" (dict "scheduler" "yunikorn" \
                "queue" "root.jobs") "executor" dict "decommission" dict "sparkConf" dict "key" "jobs.nightly" "line" \
                "%s" "appId" "" "driver" true) | nindent 4 }}
                """.formatted(line));
        Path helm =
                Path.of("..", "..", ".tools", "helm4", "helm").toAbsolutePath().normalize();
        Process process = new ProcessBuilder(helm.toString(), "template", "r", chart.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        String conf = out.lines()
                .filter(l -> l.strip().startsWith("spark."))
                .map(String::strip)
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(conf)
                .as("Helm leaves Spark's placeholder alone")
                .contains("spark.kubernetes.executor.annotation.yunikorn.apache.org/app-id={{APP_ID}}")
                .contains("spark.kubernetes.driver.annotation.yunikorn.apache.org/app-id={{APP_ID}}");
        return conf;
    }

    static Map<String, Pod> executorPods(String line, Map<String, RenderedChart> charts, String jobConf, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        List<String> arguments = new ArrayList<>(List.of("--"));
        List<String> names = new ArrayList<>(charts.keySet());
        for (String name : names) {
            Map<String, String> configMap = charts.get(name).configMap(RenderedChart.RELEASE + "-connect");
            Path defaults = Files.writeString(dir.resolve(name + ".conf"), configMap.get("spark-defaults.conf"));
            Path template = Files.writeString(
                    dir.resolve(name + "-template.yaml"), configMap.get("executor-pod-template.yaml"));
            arguments.add(defaults + "::" + template);
        }
        // each chart's job: its own settings and executor pod template, in the same JVM
        for (String name : List.copyOf(names)) {
            if (charts.get(name).has("ConfigMap", JOB_CONFIG)) {
                Map<String, String> configMap = charts.get(name).configMap(JOB_CONFIG);
                Path defaults =
                        Files.writeString(dir.resolve(name + "-job.conf"), configMap.get("spark-defaults.conf"));
                Path template = Files.writeString(
                        dir.resolve(name + "-job-template.yaml"), configMap.get("executor-pod-template.yaml"));
                arguments.add(defaults + "::" + template);
                names.add(name + "/job");
            }
        }
        // the job: the default chart's settings and template, plus the job's YuniKorn settings
        Map<String, String> defaults = charts.get("default").configMap(RenderedChart.RELEASE + "-connect");
        Path jobDefaults =
                Files.writeString(dir.resolve("job.conf"), defaults.get("spark-defaults.conf") + "\n" + jobConf);
        arguments.add(jobDefaults + "::" + dir.resolve("default-template.yaml"));
        names.add("job");
        String output = PodBuilderProgram.run(line, dir.resolve("executor-pod-builder.log"), arguments);
        List<Pod> pods = PodBuilderProgram.pods(output, "POD ");
        assertThat(pods).as("one executor pod per chart\n" + output).hasSize(names.size());
        Map<String, Pod> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), pods.get(i));
        }
        return byName;
    }
}
