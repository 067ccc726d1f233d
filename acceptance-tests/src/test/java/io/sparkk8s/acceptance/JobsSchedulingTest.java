package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import io.sparkk8s.verify.Finding;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Issue 16 for jobs ({@code jobs.apps.<name>.scheduling}, {@code executor.scratch}, spreading): on both charts, the pod
 * of a submit run (Job or CronJob: the client-mode driver) and the executor pod template of the same application agree
 * on scheduler, queue, group and priority; Volcano's PodGroup per application passes the CRD gate with its queue;
 * YuniKorn's task groups on the driver name the executors' group, whose memory is what Spark requests per executor;
 * a sparkApplication run hands the scheduler to the Spark Operator through fields its CRD declares; a planted defect
 * in each custom resource is caught; a tmpfs or pvc scratch space without a size is rejected by Helm 3, Helm 4 and
 * {@code validate} alike. {@code BatchSchedulingRuntimeTest} feeds a job's settings to Spark's executor pod builder.
 */
class JobsSchedulingTest {

    private static final String R = Rendered.RELEASE;
    private static final Generator GENERATOR = Generator.discover(GenerationListener.SILENT);

    /** Three applications: a CronJob under YuniKorn with tmpfs, a Job under Volcano, an operator run under Volcano. */
    static final String VALUES = """
            jobs:
              enabled: true
              sparkOperator:
                skipCapabilitiesCheck: true
              apps:
                nightly:
                  schedule: "0 2 * * *"
                  mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                  executor:
                    instances: 3
                    memory: 2g
                    scratch:
                      type: tmpfs
                      sizeLimit: 1Gi
                    topologySpreadConstraints:
                      - maxSkew: 1
                        topologyKey: topology.kubernetes.io/zone
                        whenUnsatisfiable: ScheduleAnyway
                        labelSelector:
                          matchLabels:
                            app.kubernetes.io/component: executor
                  scheduling:
                    scheduler: yunikorn
                    queue: root.etl
                    priorityClassName: batch-high
                once:
                  mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                  executor:
                    scratch:
                      type: emptyDir
                      sizeLimit: 20Gi
                  scheduling:
                    scheduler: volcano
                    queue: etl
                    priorityClassName: batch-high
                    volcano:
                      minResources:
                        cpu: "2"
                operator:
                  runner: sparkApplication
                  mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                  executor:
                    scratch:
                      type: pvc
                      sizeLimit: 10Gi
                  scheduling:
                    scheduler: volcano
                    queue: etl
                    priorityClassName: batch-high
                    volcano:
                      minResources:
                        memory: 8Gi
            """;

    @TempDir
    Path dir;

    static List<Path> charts() {
        return Repo.charts();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aRunsDriverPodAndItsExecutorTemplateAgreeAndTheCustomResourcesPassTheCrdGate(Path chart) throws IOException {
        Path values = Files.writeString(dir.resolve("jobs.yaml"), VALUES);
        HelmCli.HelmResult result = Rendered.template(chart, List.of(values), Map.of());
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        Rendered out = Rendered.parse(result.stdout());
        Verifier verifier =
                Verifier.builder().releaseName(R).namespace(Rendered.NAMESPACE).build();
        List<Finding> findings =
                verifier.verifyManifests(result.stdout(), "jobs").findings();
        assertThat(findings).as("jobs with every scheduling option").isEmpty();

        // Volcano, a Job: the run's pod and the executors join the application's PodGroup with its queue
        Map<String, Object> once = podTemplate(out.objects().stream()
                .filter(o -> "Job".equals(o.get("kind")) && Rendered.name(o).startsWith(R + "-job-once-"))
                .findFirst()
                .orElseThrow());
        Map<String, Object> onceExecutor = executorTemplate(out, "once");
        for (Map<String, Object> pod : List.of(once, onceExecutor)) {
            assertThat(annotations(pod))
                    .containsEntry("scheduling.k8s.io/group-name", R + "-job-once")
                    .containsEntry("scheduling.volcano.sh/queue-name", "etl");
            assertThat(spec(pod))
                    .containsEntry("schedulerName", "volcano")
                    .containsEntry("priorityClassName", "batch-high");
        }
        assertThat(volumes(onceExecutor)).anySatisfy(v -> assertThat(v).containsEntry("name", "spark-local-dir-1"));
        Map<String, Object> group = out.object("PodGroup", R + "-job-once");
        assertThat(map(group, "spec"))
                .containsEntry("queue", "etl")
                .containsEntry("priorityClassName", "batch-high")
                .as("the gang is the driver: executors come later, asked for by it")
                .containsEntry("minMember", 1);

        // YuniKorn, a CronJob: queue label, one application id, and task groups on the driver
        Map<String, Object> cron =
                map(map(map(out.object("CronJob", R + "-job-nightly"), "spec"), "jobTemplate"), "spec");
        Map<String, Object> nightly = map(cron, "template");
        Map<String, Object> nightlyExecutor = executorTemplate(out, "nightly");
        for (Map<String, Object> pod : List.of(nightly, nightlyExecutor)) {
            assertThat(labels(pod)).containsEntry("yunikorn.apache.org/queue", "root.etl");
            assertThat(annotations(pod)).containsEntry("yunikorn.apache.org/app-id", R + "-job-nightly");
            assertThat(spec(pod)).containsEntry("schedulerName", "yunikorn");
        }
        assertThat(spec(nightlyExecutor)).containsKey("topologySpreadConstraints");
        assertThat(annotations(nightly)).containsEntry("yunikorn.apache.org/task-group-name", "spark-driver");
        List<Map<String, Object>> groups = taskGroups(annotations(nightly));
        assertThat(groups).extracting(g -> g.get("name")).containsExactly("spark-driver", "spark-executor");
        assertThat(groups.get(0)).containsEntry("minMember", 1);
        // 3 executors of 2g heap + (Spark's default overhead 384m + the 1Gi tmpfs) = 3456Mi, 1 core each
        assertThat(groups.get(1))
                .containsEntry("minMember", 3)
                .containsEntry("minResource", Map.of("cpu", "1", "memory", "3456Mi"));
        String conf = out.configData(R + "-job-nightly", "spark-defaults.conf");
        assertThat(conf)
                .contains("spark.executor.memoryOverhead=1408m")
                .contains("spark.kubernetes.local.dirs.tmpfs=true")
                .contains("spark.kubernetes.executor.annotation.yunikorn.apache.org/task-group-name=spark-executor");
        Map<String, Object> tmpfs = volumes(nightlyExecutor).stream()
                .filter(v -> "spark-local-dir-1".equals(v.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat(map(tmpfs, "emptyDir")).containsEntry("medium", "Memory").containsEntry("sizeLimit", "1Gi");

        // the operator's run: its scheduler through batchScheduler, no PodGroup of the chart's
        Map<String, Object> app = map(out.object("SparkApplication", R + "-job-operator"), "spec");
        assertThat(app).containsEntry("batchScheduler", "volcano");
        assertThat(map(app, "batchSchedulerOptions"))
                .containsEntry("queue", "etl")
                .containsEntry("priorityClassName", "batch-high")
                .containsEntry("resources", Map.of("memory", "8Gi"));
        assertThat(map(app, "driver")).containsEntry("priorityClassName", "batch-high");
        assertThat(map(app, "executor")).containsEntry("priorityClassName", "batch-high");
        assertThat(map(app, "sparkConf"))
                .containsEntry(
                        "spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-1.options.sizeLimit",
                        "10Gi");
        assertThat(out.has("PodGroup", R + "-job-operator"))
                .as("the operator creates its own PodGroup (kubeflow/spark-operator#2526: two would compete)")
                .isFalse();

        // planted: a misspelt PodGroup field, a misspelt SparkApplication scheduling field
        String misspelt = result.stdout().replace("  queue: \"etl\"", "  queueName: \"etl\"");
        assertThat(misspelt).isNotEqualTo(result.stdout());
        assertThat(verifier.verifyManifests(misspelt, "planted").findings())
                .anyMatch(f -> "PodGroup".equals(f.kind()) && f.message().contains("queueName"));
        String operator = result.stdout().replace("batchSchedulerOptions:", "batchSchedulerOption:");
        assertThat(operator).isNotEqualTo(result.stdout());
        assertThat(verifier.verifyManifests(operator, "planted").findings())
                .anyMatch(
                        f -> "SparkApplication".equals(f.kind()) && f.message().contains("batchSchedulerOption"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void scratchSpaceWithoutASizeIsRejectedByHelm3Helm4AndValidate(Path chart) throws IOException {
        for (String type : List.of("tmpfs", "pvc")) {
            Path bad = Files.writeString(dir.resolve(type + ".yaml"), """
                    jobs:
                      enabled: true
                      apps:
                        nightly:
                          mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                          executor:
                            scratch:
                              type: %s
                    """.formatted(type));
            for (HelmCli helm : List.of(HelmCli.helm3(), HelmCli.helm4())) {
                HelmCli.HelmResult result = helm.template(
                        chart,
                        R,
                        Rendered.NAMESPACE,
                        io.sparkk8s.api.KubernetesVersions.HIGHEST,
                        List.of(bad),
                        Map.of());
                assertThat(result.succeeded())
                        .as("helm %s %s %s", helm.majorVersion(), chart, type)
                        .isFalse();
                assertThat(result.stderr().replace('/', '.'))
                        .as("helm %s %s %s", helm.majorVersion(), chart, type)
                        .contains("jobs.apps.nightly")
                        .contains("sizeLimit");
            }
            SparkLine line = SparkLine.parse(chart.getFileName().toString().replace("spark-", ""));
            List<Problem> problems = GENERATOR.validate(bad, line, Repo.ROOT.resolve("presets"));
            assertThat(problems).as(type).anySatisfy(p -> {
                assertThat(p.path()).isEqualTo("jobs.apps.nightly");
                assertThat(p.message())
                        .contains("executor.scratch.sizeLimit")
                        .contains("[rule job-scratch-needs-size]");
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> taskGroups(Map<String, Object> annotations) {
        String json = (String) annotations.get("yunikorn.apache.org/task-groups");
        // JSON is YAML
        return (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> executorTemplate(Rendered out, String app) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(out.configData(R + "-job-" + app, "executor-pod-template.yaml"));
    }

    private static Map<String, Object> podTemplate(Map<String, Object> job) {
        return map(map(job, "spec"), "template");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> volumes(Map<String, Object> pod) {
        return (List<Map<String, Object>>) spec(pod).getOrDefault("volumes", List.of());
    }

    private static Map<String, Object> spec(Map<String, Object> pod) {
        return map(pod, "spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> pod) {
        return (Map<String, Object>) map(pod, "metadata").getOrDefault("labels", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotations(Map<String, Object> pod) {
        return (Map<String, Object>) map(pod, "metadata").getOrDefault("annotations", Map.of());
    }
}
