package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: the jobs block's runner sparkApplication renders kubeflow Spark Operator objects that the operator's
 * real CRDs accept (the verifier's custom-resource gate, with the CRDs vendored from {@code ../shared/crds}), with
 * {@code sparkVersion} the line's patch; without the operator's API in the cluster the install fails with one
 * message, unless {@code jobs.sparkOperator.skipCapabilitiesCheck} (for {@code helm template}).
 */
class JobsCustomResourcesTest {

    static Stream<String> lines() {
        return Stream.of("4.1", "3.5");
    }

    private static Path chart(String line) {
        return Repo.CHARTS.resolve("spark-" + line);
    }

    /** One application per shape: Python once, Scala on a schedule, an inline script once. */
    static Map<String, String> operatorApps() {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("jobs.enabled", "true");
        sets.put("jobs.apps.pi.runner", "sparkApplication");
        sets.put("jobs.apps.pi.mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py");
        sets.put("jobs.apps.pi.args[0]", "--partitions=10");
        sets.put("jobs.apps.pi.eventLog.enabled", "true");
        sets.put("jobs.apps.hourly.runner", "sparkApplication");
        sets.put("jobs.apps.hourly.schedule", "@hourly");
        sets.put("jobs.apps.hourly.timeZone", "Europe/Berlin");
        sets.put("jobs.apps.hourly.type", "Scala");
        sets.put("jobs.apps.hourly.mainClass", "org.apache.spark.examples.SparkPi");
        sets.put("jobs.apps.hourly.mainApplicationFile", "local:///opt/spark/examples/jars/spark-examples.jar");
        sets.put("jobs.apps.hourly.dynamicAllocation.enabled", "true");
        sets.put("jobs.apps.hourly.executor.memoryLimit", "2Gi");
        sets.put("jobs.apps.inline.runner", "sparkApplication");
        sets.put("jobs.apps.inline.script", "print(1)");
        return sets;
    }

    private static HelmCli.HelmResult template(String line, Map<String, String> sets, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "template",
                Rendered.RELEASE,
                chart(line).toAbsolutePath().toString(),
                "--namespace=" + Rendered.NAMESPACE,
                "--kube-version=" + KubernetesVersions.HIGHEST));
        args.addAll(List.of(extra));
        sets.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        return HelmCli.helm4().run(args);
    }

    private static final Verifier VERIFIER =
            Verifier.builder().kubeVersions(List.of(KubernetesVersions.HIGHEST)).build();

    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void withoutTheOperatorsApiTheInstallFailsWithOneMessage(String line) {
        HelmCli.HelmResult result = template(line, operatorApps());
        assertThat(result.succeeded()).as(result.describe()).isFalse();
        assertThat(result.stderr())
                .contains("need the Spark Operator (kubeflow/spark-operator)")
                .contains("jobs.sparkOperator.skipCapabilitiesCheck=true");
    }

    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void theRenderedObjectsPassTheOperatorsCrdsAndCarryTheLinesPatch(String line) {
        HelmCli.HelmResult served = template(line, operatorApps(), "--api-versions=sparkoperator.k8s.io/v1beta2");
        assertThat(served.succeeded()).as(served.describe()).isTrue();
        Map<String, String> skip = new LinkedHashMap<>(operatorApps());
        skip.put("jobs.sparkOperator.skipCapabilitiesCheck", "true");
        HelmCli.HelmResult switched = template(line, skip);
        assertThat(switched.succeeded()).as(switched.describe()).isTrue();

        Rendered rendered = Rendered.parse(served.stdout());
        String patch = Profiles.of(SparkLine.parse(line)).sparkVersion();
        List<Map<String, Object>> custom = rendered.objects().stream()
                .filter(o -> String.valueOf(o.get("apiVersion")).startsWith("sparkoperator.k8s.io/"))
                .toList();
        assertThat(custom)
                .extracting(o -> o.get("kind") + "/" + Rendered.name(o))
                .containsExactlyInAnyOrder(
                        "SparkApplication/" + Rendered.RELEASE + "-job-pi",
                        "SparkApplication/" + Rendered.RELEASE + "-job-inline",
                        "ScheduledSparkApplication/" + Rendered.RELEASE + "-job-hourly");
        for (Map<String, Object> object : custom) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) object.get("spec");
            @SuppressWarnings("unchecked")
            Map<String, Object> app = object.get("kind").equals("ScheduledSparkApplication")
                    ? (Map<String, Object>) spec.get("template")
                    : spec;
            assertThat(app.get("sparkVersion"))
                    .as("sparkVersion of %s", Rendered.name(object))
                    .isEqualTo(patch);
        }

        VerificationReport report = VERIFIER.verifyManifests(served.stdout(), "spark-" + line + " sparkApplication");
        assertThat(report.ok()).as(report.format()).isTrue();
        assertThat(report.format()).doesNotContain("unknown kind");
    }

    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void aRenderedObjectTheCrdRejectsIsCaught(String line) {
        HelmCli.HelmResult served = template(line, operatorApps(), "--api-versions=sparkoperator.k8s.io/v1beta2");
        assertThat(served.succeeded()).as(served.describe()).isTrue();
        // planted: a mode the CRD's enum does not hold, and an executor count below its minimum
        String planted =
                served.stdout().replace("mode: cluster", "mode: sideways").replaceFirst("instances: 2", "instances: 0");
        assertThat(planted).isNotEqualTo(served.stdout());
        VerificationReport report = VERIFIER.verifyManifests(planted, "planted");
        assertThat(report.ok()).isFalse();
        assertThat(report.format()).contains("SparkApplication").contains("mode");
    }
}
