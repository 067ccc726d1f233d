package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.verify.Checks;
import io.sparkk8s.verify.Finding;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 3, {@code prometheus.io/*} annotations as the alternative to the operator's monitors: with
 * {@code global.monitoring.annotations} (and no PodMonitor) every scraped kind of Spark pod of both charts carries
 * {@code prometheus.io/scrape}, {@code port} and {@code path}, and the verifier's scrape-target gate finds each
 * annotated pod serving that path on that port; a planted defect (the Connect UI moved by {@code
 * connect.sparkConf}) is caught. Both modes together render both; off, no pod is annotated.
 */
class PrometheusAnnotationsTest {

    @TempDir
    static Path tmp;

    private static final Verifier VERIFIER = Repo.featureVerifier();

    /** Metrics on, annotations instead of PodMonitors, with Connect, the standalone cluster and a submit job. */
    private static Map<String, Object> annotationsOnly() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("global", Map.of("monitoring", Map.of("annotations", true)));
        values.put("monitoring", Map.of("enabled", true));
        values.put("standalone", Map.of("enabled", true));
        values.put(
                "jobs",
                MonitoringValues.jobsWith(
                        "once", Map.of("mainApplicationFile", "local:///opt/spark/examples/jars/pi.py")));
        return values;
    }

    private static Path write(String name, Map<String, Object> values) {
        return Rendering.writeValues(tmp.resolve(name + ".yaml"), values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podAnnotations(Map<String, Object> workload) {
        Map<String, Object> spec = (Map<String, Object>) workload.get("spec");
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        Map<String, Object> metadata = (Map<String, Object>) template.get("metadata");
        Object annotations = metadata.get("annotations");
        return annotations == null ? Map.of() : (Map<String, Object>) annotations;
    }

    @TestFactory
    Stream<DynamicTest> everyScrapedPodIsAnnotatedWithAPortAndPathItServes() {
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    Path values = write("on-" + chart.getFileName(), annotationsOnly());
                    VerificationReport report = VERIFIER.verify(chart, List.of(values));
                    ScrapeGate.assertCleanWithTargets(
                            report, 4, "Connect, master, worker and the job's driver, annotated; no monitor");
                    Rendered rendered = Rendered.of(chart, List.of(values), Map.of());
                    assertThat(rendered.objects()).noneMatch(o -> "PodMonitor".equals(o.get("kind")));
                    assertThat(podAnnotations(rendered.object("StatefulSet", Rendered.RELEASE + "-connect")))
                            .containsEntry("prometheus.io/scrape", "true")
                            .containsEntry("prometheus.io/port", "4040")
                            .containsEntry("prometheus.io/path", "/metrics/prometheus/");
                    assertThat(podAnnotations(rendered.object("Deployment", Rendered.RELEASE + "-standalone-master")))
                            .containsEntry("prometheus.io/port", "8080")
                            .containsEntry("prometheus.io/path", "/metrics/master/prometheus/");
                    assertThat(podAnnotations(rendered.object("Deployment", Rendered.RELEASE + "-standalone-worker")))
                            .containsEntry("prometheus.io/port", "8081");
                    assertThat(rendered.objects().stream()
                                    .filter(o -> "Job".equals(o.get("kind")))
                                    .map(PrometheusAnnotationsTest::podAnnotations))
                            .singleElement()
                            .satisfies(a -> assertThat(a).containsEntry("prometheus.io/port", "4040"));
                    // executors serve no HTTP: their pod template stays unannotated
                    assertThat(rendered.object("ConfigMap", Rendered.RELEASE + "-connect")
                                    .toString())
                            .doesNotContain("prometheus.io/");
                }));
    }

    /** Planted: the user moves the Connect driver's UI, which the annotation still names. */
    @TestFactory
    Stream<DynamicTest> anAnnotatedPortThatNoLongerServesIsCaught() {
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    Map<String, Object> planted = annotationsOnly();
                    planted.put("connect", Map.of("sparkConf", Map.of("spark.ui.port", "4050")));
                    VerificationReport report =
                            VERIFIER.verify(chart, List.of(write("moved-" + chart.getFileName(), planted)));
                    List<Finding> scrape = report.findings().stream()
                            .filter(f -> f.check().equals(Checks.SCRAPE_TARGET))
                            .toList();
                    assertThat(scrape).as(report.format()).isNotEmpty().allSatisfy(f -> {
                        assertThat(f.kind()).isEqualTo("StatefulSet");
                        assertThat(f.path()).isEqualTo("spec.template.metadata.annotations[prometheus.io/path]");
                        assertThat(f.message()).contains("release-name-connect:4040");
                    });
                }));
    }

    @TestFactory
    Stream<DynamicTest> bothModesRenderBothAndOffAnnotatesNothing() {
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    Map<String, Object> both = annotationsOnly();
                    both.put("monitoring", Map.of("enabled", true, "podMonitor", Map.of("enabled", true)));
                    Rendered rendered =
                            Rendered.of(chart, List.of(write("both-" + chart.getFileName(), both)), Map.of());
                    assertThat(rendered.has("PodMonitor", Rendered.RELEASE + "-connect-server-metrics"))
                            .isTrue();
                    assertThat(podAnnotations(rendered.object("StatefulSet", Rendered.RELEASE + "-connect")))
                            .containsKey("prometheus.io/scrape");
                    Map<String, Object> off = MonitoringTest.monitoringOn();
                    Rendered monitorsOnly =
                            Rendered.of(chart, List.of(write("off-" + chart.getFileName(), off)), Map.of());
                    assertThat(monitorsOnly.objects().toString()).doesNotContain("prometheus.io/");
                }));
    }
}
