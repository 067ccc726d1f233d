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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, jobs are scraped: with monitoring on, the drivers of the jobs block (a submit run's Job or CronJob pod,
 * and on the toggle chart the driver Spark builds for a SparkApplication) are one PodMonitor's targets on their
 * port spark-ui, on paths their rendered settings serve (the verifier's scrape-target gate resolves them; a driver
 * whose UI the user switched off is caught); the NetworkPolicy admits the monitoring namespace to that port of
 * those pods only; executors are never selected (they serve no HTTP).
 */
class JobsMonitoringTest {

    @TempDir
    static Path tmp;

    private static final String PI = "local:///opt/spark/examples/src/main/python/pi.py";
    private static final String MONITOR = "jobs-driver-metrics";

    private static final Verifier VERIFIER = Repo.featureVerifier();

    /** Every part of monitoring on (MonitoringTest's values), with these jobs applications. */
    private static Path values(String name, Map<String, Object> apps) {
        Map<String, Object> values = MonitoringTest.monitoringOn();
        values.put(
                "jobs", Map.of("enabled", true, "sparkOperator", Map.of("skipCapabilitiesCheck", true), "apps", apps));
        return Rendering.writeValues(tmp.resolve(name + ".yaml"), values);
    }

    private static Map<String, Object> app(String runner, Map<String, Object> more) {
        Map<String, Object> app = new LinkedHashMap<>(more);
        app.put("runner", runner);
        if (!app.containsKey("script")) {
            app.put("mainApplicationFile", PI);
        }
        return app;
    }

    /** A one-off and a nightly submit run, a SparkApplication, and a connect run (a client: no driver of its own). */
    private static Map<String, Object> everyRunner() {
        return Map.of(
                "once", app("submit", Map.of()),
                "nightly", app("submit", Map.of("schedule", "@daily")),
                "op", app("sparkApplication", Map.of()),
                "client", app("connect", Map.of("script", "print(1)")));
    }

    private static List<Finding> scrapeFindings(VerificationReport report) {
        return report.findings().stream()
                .filter(f -> f.check().equals(Checks.SCRAPE_TARGET))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> everyJobDriverIsATargetOnAPathItServes() {
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    Path values = values("all-" + chart.getFileName(), everyRunner());
                    VerificationReport report = VERIFIER.verify(chart, List.of(values));
                    ScrapeGate.assertCleanWithTargets(report, 4, "Connect, master, workers and the job drivers");
                    Rendered rendered = Rendered.of(chart, List.of(values), Map.of());
                    Map<String, Object> monitor = rendered.object("PodMonitor", Rendered.RELEASE + "-" + MONITOR);
                    assertThat(monitor.toString())
                            .contains("port=spark-ui, path=/metrics/prometheus/")
                            .contains("port=spark-ui, path=/metrics/executors/prometheus")
                            .contains("operator=NotIn")
                            .contains(
                                    chart.endsWith("spark-3.5")
                                            ? "values=[executor, driver]" // the umbrella's SparkApplications: no wiring
                                            : "values=[executor]");
                    assertThat(rendered.object("ConfigMap", Rendered.RELEASE + "-job-once")
                                    .toString())
                            .contains("spark.ui.enabled=true")
                            .contains("spark.ui.port=4040");
                }));
    }

    @Test
    void sparkApplicationDriversAreTargetsWhereTheyCarryTheMetricsSettings() {
        Map<String, Object> apps = Map.of("op", app("sparkApplication", Map.of("schedule", "@hourly")));
        Path toggle = Repo.CHARTS.resolve("spark-4.1");
        VerificationReport report = VERIFIER.verify(toggle, List.of(values("op-4.1", apps)));
        assertThat(report.findings()).as(report.format()).isEmpty();
        assertThat(Rendered.of(toggle, List.of(values("op-4.1", apps)), Map.of())
                        .has("PodMonitor", Rendered.RELEASE + "-" + MONITOR))
                .isTrue();
        // a subchart of the umbrella sees no release wiring: its drivers serve no metrics, so no monitor asks them
        Path umbrella = Repo.CHARTS.resolve("spark-3.5");
        assertThat(Rendered.of(umbrella, List.of(values("op-3.5", apps)), Map.of())
                        .has("PodMonitor", Rendered.RELEASE + "-" + MONITOR))
                .isFalse();
        assertThat(scrapeFindings(VERIFIER.verify(umbrella, List.of(values("op-3.5", apps)))))
                .isEmpty();
    }

    /** Planted: the user switches a job driver's UI off while the monitor still scrapes it. */
    @TestFactory
    Stream<DynamicTest> aJobDriverWhoseUiIsOffIsCaught() {
        Map<String, Object> off = Map.of("sparkConf", Map.of("spark.ui.enabled", "false"));
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    Map<String, Object> apps = chart.endsWith("spark-4.1")
                            ? Map.of("op", app("sparkApplication", off))
                            : Map.of("once", app("submit", off));
                    VerificationReport report =
                            VERIFIER.verify(chart, List.of(values("off-" + chart.getFileName(), apps)));
                    assertThat(scrapeFindings(report))
                            .as(report.format())
                            .isNotEmpty()
                            .allSatisfy(f -> {
                                assertThat(f.name()).isEqualTo("release-name-" + MONITOR);
                                assertThat(f.path()).startsWith("spec.podMetricsEndpoints[");
                                assertThat(f.message())
                                        .contains(
                                                chart.endsWith("spark-4.1")
                                                        ? "SparkApplication/release-name-job-op (driver):4040"
                                                        : ":4040")
                                        .contains("serve no Prometheus path");
                            });
                }));
    }

    @Test
    void theNetworkPolicyAdmitsTheMonitoringNamespaceToTheDriversUiPortOnly() {
        for (Path chart : Repo.charts()) {
            Rendered rendered =
                    Rendered.of(chart, List.of(values("np-" + chart.getFileName(), everyRunner())), Map.of());
            String policy = rendered.object("NetworkPolicy", Rendered.RELEASE + "-" + MONITOR)
                    .toString();
            assertThat(policy)
                    .contains("app.kubernetes.io/name=jobs", "app.kubernetes.io/instance=rel")
                    .contains("key=app.kubernetes.io/component, operator=NotIn")
                    .contains("values=[monitoring]")
                    .contains("ports=[{port=spark-ui, protocol=TCP}]");
            String job = rendered.objects().stream()
                    .filter(o -> "Job".equals(o.get("kind"))
                            && o.toString().contains("app.kubernetes.io/component=job-once"))
                    .findFirst()
                    .orElseThrow()
                    .toString();
            assertThat(job).contains("{name=spark-ui, containerPort=4040, protocol=TCP}");
        }
    }
}
