package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.cli.SparkK8s;
import io.sparkk8s.verify.Finding;
import io.sparkk8s.verify.Verifier;
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
 * Issue 16 on both layouts: Volcano's PodGroup passes the verifier's CRD gate with the configured queue (and a
 * planted defect in it is caught), every scheduling and placement option together renders with zero findings, the
 * executor pod template carries the server pod's scheduler, queue and group, and the rules (tmpfs needs a size, a
 * memory limit holds heap + overhead + tmpfs, no Spark VolcanoFeatureStep on 3.5/4.1) give one verdict in Helm and
 * {@code validate}. {@code BatchSchedulingRuntimeTest} feeds the same charts to Spark's executor pod builder.
 */
class BatchSchedulingTest {

    private static final String R = Rendered.RELEASE;

    static List<Path> charts() {
        return Repo.charts();
    }

    static Map<String, String> everyOption(String scheduler) {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("standalone.enabled", "true");
        for (String app : List.of("connect", "standalone")) {
            sets.put(app + ".scheduling.scheduler", scheduler);
            sets.put(app + ".scheduling.queue", "root.etl");
            sets.put(app + ".scheduling.priorityClassName", "batch-high");
            sets.put(app + ".podDisruptionBudget.enabled", "true");
        }
        sets.put("connect.scheduling.volcano.minResources.cpu", "2");
        sets.put("connect.scheduling.volcano.minResources.memory", "6Gi");
        sets.put("connect.executor.scratch.type", "tmpfs");
        sets.put("connect.executor.scratch.sizeLimit", "1Gi");
        sets.put("connect.decommission.enabled", "true");
        sets.put("connect.executor.topologySpreadConstraints[0].maxSkew", "1");
        sets.put("connect.executor.topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone");
        sets.put("connect.executor.topologySpreadConstraints[0].whenUnsatisfiable", "ScheduleAnyway");
        sets.put(
                "connect.executor.topologySpreadConstraints[0].labelSelector.matchLabels.app\\.kubernetes\\.io/component",
                "executor");
        sets.put("connect.executor.extraVolumes[0].name", "reference-data");
        sets.put("connect.executor.extraVolumes[0].configMap.name", "reference-data");
        sets.put("connect.executor.extraVolumeMounts[0].name", "reference-data");
        sets.put("connect.executor.extraVolumeMounts[0].mountPath", "/data/reference");
        return sets;
    }

    @ParameterizedTest
    @MethodSource("charts")
    void volcanoPodGroupsPassTheCrdGateWithTheConfiguredQueueAndAPlantedDefectIsCaught(Path chart) {
        HelmCli.HelmResult result = Rendered.template(chart, List.of(), everyOption("volcano"));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        Rendered out = Rendered.parse(result.stdout());
        Verifier verifier = Verifier.builder()
                .releaseName(R)
                .namespace(Rendered.NAMESPACE)
                .externalRef("ConfigMap", "reference-data")
                .build();
        List<Finding> findings =
                verifier.verifyManifests(result.stdout(), "volcano").findings();
        assertThat(findings).as("every scheduling option at once").isEmpty();

        for (String group : List.of(R + "-connect", R + "-standalone")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec =
                    (Map<String, Object>) out.object("PodGroup", group).get("spec");
            assertThat(spec).containsEntry("queue", "root.etl").containsEntry("priorityClassName", "batch-high");
        }
        // the executors' template joins the servers' group with the servers' queue
        Map<String, Object> template = executorTemplate(out);
        assertThat(annotations(template))
                .containsEntry("scheduling.k8s.io/group-name", R + "-connect")
                .containsEntry("scheduling.volcano.sh/queue-name", "root.etl");
        assertThat(annotations(podTemplate(out, "StatefulSet", R + "-connect")))
                .containsEntry("scheduling.k8s.io/group-name", R + "-connect");
        assertThat(annotations(podTemplate(out, "Deployment", R + "-standalone-worker")))
                .containsEntry("scheduling.k8s.io/group-name", R + "-standalone");

        // planted: a PodGroup with a misspelt field and one with a string minMember
        String misspelt = result.stdout().replace("  queue: \"root.etl\"", "  queueName: \"root.etl\"");
        String wrongType = result.stdout().replaceFirst("minMember: 1\\b", "minMember: \"one\"");
        assertThat(misspelt).isNotEqualTo(result.stdout());
        assertThat(wrongType).isNotEqualTo(result.stdout());
        assertThat(verifier.verifyManifests(misspelt, "planted").findings())
                .anyMatch(f -> "PodGroup".equals(f.kind()) && f.message().contains("queueName"));
        assertThat(verifier.verifyManifests(wrongType, "planted").findings())
                .anyMatch(f -> "PodGroup".equals(f.kind()));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void yunikornPodsCarryTheQueueLabelAndOneApplicationId(Path chart) {
        HelmCli.HelmResult result = Rendered.template(chart, List.of(), everyOption("yunikorn"));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        Rendered out = Rendered.parse(result.stdout());
        assertThat(out.names()).noneMatch(n -> n.startsWith("PodGroup/"));
        Verifier verifier = Verifier.builder()
                .releaseName(R)
                .namespace(Rendered.NAMESPACE)
                .externalRef("ConfigMap", "reference-data")
                .build();
        assertThat(verifier.verifyManifests(result.stdout(), "yunikorn").findings())
                .isEmpty();
        for (Map<String, Object> pod : List.of(
                executorTemplate(out),
                podTemplate(out, "StatefulSet", R + "-connect"),
                podTemplate(out, "Deployment", R + "-standalone-master"))) {
            assertThat(labels(pod)).containsEntry("yunikorn.apache.org/queue", "root.etl");
            assertThat(annotations(pod)).containsKey("yunikorn.apache.org/app-id");
            assertThat(spec(pod)).containsEntry("schedulerName", "yunikorn");
        }
        assertThat(annotations(executorTemplate(out)).get("yunikorn.apache.org/app-id"))
                .isEqualTo(annotations(podTemplate(out, "StatefulSet", R + "-connect"))
                        .get("yunikorn.apache.org/app-id"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theRulesGiveOneVerdictInHelmAndValidate(Path chart, @TempDir Path dir) throws IOException {
        record Case(String name, String yaml, String helmSays, String validateSays) {}
        List<Case> cases = List.of(
                new Case(
                        "tmpfs-without-size",
                        "connect:\n  executor:\n    scratch:\n      type: tmpfs\n",
                        "sizeLimit",
                        "connect.executor.scratch.sizeLimit"),
                new Case(
                        "limit-below-heap-overhead-tmpfs",
                        "connect:\n  executor:\n    memory: 2g\n    memoryOverhead: 512m\n    memoryLimit: 3Gi\n"
                                + "    scratch:\n      type: tmpfs\n      sizeLimit: 1Gi\n",
                        "the tmpfs scratch size",
                        "connect.executor.scratch.sizeLimit '1Gi' (3584 MiB)"),
                new Case(
                        "volcano-feature-step",
                        "connect:\n  sparkConf:\n    spark.kubernetes.executor.pod.featureSteps: "
                                + "org.apache.spark.deploy.k8s.features.VolcanoFeatureStep\n",
                        "[chart rule volcano-feature-step]",
                        "[chart rule volcano-feature-step]"));
        for (Case c : cases) {
            Path file = Files.writeString(dir.resolve(c.name() + ".yaml"), c.yaml());
            HelmCli.HelmResult helm = Rendered.template(chart, List.of(file), Map.of());
            assertThat(helm.succeeded()).as(c.name() + ": helm").isFalse();
            assertThat(helm.stderr()).as(c.name()).contains(c.helmSays());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = SparkK8s.run(
                    new String[] {
                        "validate", file.toString(), "--chart", chart.toString(), "--catalog", Repo.ROOT.toString()
                    },
                    new PrintWriter(out, true),
                    new PrintWriter(err, true));
            assertThat(code).as(c.name() + ": validate\n" + out + err).isEqualTo(SparkK8s.INVALID);
            assertThat(err.toString()).as(c.name()).contains(c.validateSays());
        }
        // the boundary: a limit of exactly heap + overhead + tmpfs renders
        Path fits = Files.writeString(
                dir.resolve("fits.yaml"),
                "connect:\n  executor:\n    memory: 2g\n    memoryOverhead: 512m\n    memoryLimit: 3584Mi\n"
                        + "    scratch:\n      type: tmpfs\n      sizeLimit: 1Gi\n");
        HelmCli.HelmResult ok = Rendered.template(chart, List.of(fits), Map.of());
        assertThat(ok.succeeded()).as(ok.describe()).isTrue();
        assertThat(Rendered.parse(ok.stdout()).configData(R + "-connect", "spark-defaults.conf"))
                .contains("spark.executor.memoryOverhead=1536m", "spark.kubernetes.local.dirs.tmpfs=true");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> executorTemplate(Rendered out) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(out.configData(R + "-connect", "executor-pod-template.yaml"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podTemplate(Rendered out, String kind, String name) {
        return (Map<String, Object>)
                ((Map<String, Object>) out.object(kind, name).get("spec")).get("template");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> pod) {
        return (Map<String, Object>) pod.get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> pod) {
        Map<String, Object> metadata = (Map<String, Object>) pod.get("metadata");
        return (Map<String, Object>) metadata.getOrDefault("labels", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotations(Map<String, Object> pod) {
        Map<String, Object> metadata = (Map<String, Object>) pod.get("metadata");
        return (Map<String, Object>) metadata.getOrDefault("annotations", Map.of());
    }
}
