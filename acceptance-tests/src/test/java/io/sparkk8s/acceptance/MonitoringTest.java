package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
 * Issue 17, metrics: with everything of {@code monitoring.*} on, the PodMonitors of both lines resolve (the
 * verifier's scrape-resolution gate finds nothing, and finds the planted path Spark does not serve), the
 * PodMonitors and the PrometheusRule validate against the prometheus-operator CRDs (the verifier's CRD gate), the
 * dashboard is valid JSON that reads Spark's metrics, the NetworkPolicy admits the monitoring namespace to the
 * scraped port only, and monitors without metrics are refused.
 */
class MonitoringTest {

    @TempDir
    static Path tmp;

    /** Every part of monitoring on, with the blocks it scrapes (Connect, the standalone master and workers). */
    static Map<String, Object> monitoringOn() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(
                "monitoring",
                Map.of(
                        "enabled",
                        true,
                        "podMonitor",
                        Map.of("enabled", true, "labels", Map.of("release", "kube-prometheus-stack")),
                        "prometheusRule",
                        Map.of("enabled", true),
                        "dashboards",
                        Map.of("enabled", true),
                        "allowNamespaces",
                        List.of("monitoring")));
        values.put("networkPolicy", Map.of("enabled", true));
        values.put("standalone", Map.of("enabled", true));
        return values;
    }

    private static Path values(String name, Map<String, Object> values) {
        return Rendering.writeValues(tmp.resolve(name + ".yaml"), values);
    }

    private static Path preset(Path chart) {
        return MonitoringValues.preset(chart);
    }

    private static final Verifier VERIFIER = Repo.featureVerifier();

    @TestFactory
    Stream<DynamicTest> everyMonitorReachesAPodOnAPathSparkServes() {
        return MonitoringValues.everyGateHoldsWithScrapeTargets(
                VERIFIER, MonitoringTest::values, monitoringOn(), 3, "the Connect driver, the master and the workers");
    }

    /** Planted: the driver's executor endpoint switched off by the user while the monitor still scrapes it. */
    @TestFactory
    Stream<DynamicTest> aPathTheDriverDoesNotServeIsCaught() {
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    Map<String, Object> planted = monitoringOn();
                    planted.put("connect", Map.of("sparkConf", Map.of("spark.ui.prometheus.enabled", "false")));
                    MonitoringValues.scrapeTargetCatches(VERIFIER, MonitoringTest::values, chart, planted, f -> {
                        assertThat(f.name()).isEqualTo("release-name-connect-server-metrics");
                        assertThat(f.path()).isEqualTo("spec.podMetricsEndpoints[1].path");
                        assertThat(f.message()).contains("/metrics/executors/prometheus");
                    });
                }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> object) {
        return (Map<String, Object>) ((Map<String, Object>) object.get("metadata")).get("labels");
    }

    @Test
    void theDashboardIsValidJsonReadingSparkMetrics() {
        for (Path chart : Repo.charts()) {
            Rendered rendered = Rendered.of(
                    chart, List.of(preset(chart), values("dash-" + chart.getFileName(), monitoringOn())), Map.of());
            Map<String, Object> configMap = rendered.object("ConfigMap", Rendered.RELEASE + "-spark-dashboard");
            assertThat(labels(configMap)).containsEntry("grafana_dashboard", (Object) "1");
            String json = String.valueOf(((Map<?, ?>) configMap.get("data")).get("spark-dashboard.json"));
            JsonObject dashboard = JsonParser.parseString(json).getAsJsonObject();
            assertThat(dashboard.get("panels").getAsJsonArray()).hasSizeGreaterThan(5);
            for (JsonElement panel : dashboard.get("panels").getAsJsonArray()) {
                for (JsonElement target : panel.getAsJsonObject().get("targets").getAsJsonArray()) {
                    assertThat(target.getAsJsonObject().get("expr").getAsString())
                            .as(chart.getFileName() + ": every query reads a Spark metric")
                            .containsPattern("metrics_[A-Za-z]");
                    assertThat(target.getAsJsonObject().get("legendFormat").getAsString())
                            .as("Grafana's legend template survives Helm")
                            .containsPattern("\\{\\{(pod|executor_id)}}");
                }
            }
            Map<String, Object> rule = rendered.object("PrometheusRule", Rendered.RELEASE + "-spark-alerts");
            assertThat(labels(rule)).containsEntry("release", (Object) "kube-prometheus-stack");
            assertThat(rule.toString())
                    .contains("SparkExecutorsLost", "SparkStagesFailed", "SparkDriverHeapNearlyFull")
                    .contains("{{ $labels.pod }}");
        }
    }

    @Test
    void theNetworkPolicyAdmitsTheMonitoringNamespaceToTheScrapedPortOnly() {
        for (Path chart : Repo.charts()) {
            Rendered rendered = Rendered.of(
                    chart, List.of(preset(chart), values("np-" + chart.getFileName(), monitoringOn())), Map.of());
            Map<String, Object> policy = rendered.object("NetworkPolicy", Rendered.RELEASE + "-connect-server-metrics");
            String text = policy.toString();
            assertThat(text)
                    .contains("app.kubernetes.io/component=server", "app.kubernetes.io/name=connect")
                    .contains("values=[monitoring]")
                    .contains("ports=[{port=ui, protocol=TCP}]");
            assertThat(rendered.has("NetworkPolicy", Rendered.RELEASE + "-standalone-worker-metrics"))
                    .isTrue();
            Map<String, Object> off = monitoringOn();
            off.put("networkPolicy", Map.of("enabled", false));
            assertThat(Rendered.of(
                                    chart,
                                    List.of(preset(chart), values("np-off-" + chart.getFileName(), off)),
                                    Map.of())
                            .has("NetworkPolicy", Rendered.RELEASE + "-connect-server-metrics"))
                    .as("without the release's policy the pods are open: a policy of its own would close them")
                    .isFalse();
        }
    }

    /** The CRD gate sees the monitoring objects: a planted interval and rule field are findings. */
    @Test
    void theMonitorsAndRulesAreCheckedAgainstTheirCrds() {
        Path chart = Repo.CHARTS.resolve("spark-4.1");
        var result = Rendered.template(chart, List.of(preset(chart), values("crd", monitoringOn())), Map.of());
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        String planted = result.stdout()
                .replaceFirst("interval: 30s", "interval: thirty")
                .replaceFirst("severity: critical", "severity: critical\n          unknownField: x");
        VerificationReport report = VERIFIER.verifyManifests(planted, "planted");
        assertThat(report.findings())
                .filteredOn(f -> f.check().equals(Checks.K8S_SCHEMA))
                .extracting(Finding::kind)
                .contains("PodMonitor", "PrometheusRule");
        assertThat(VERIFIER.verifyManifests(result.stdout(), "as rendered").findings())
                .filteredOn(f -> f.check().equals(Checks.K8S_SCHEMA))
                .isEmpty();
    }

    @Test
    void monitorsWithoutMetricsAreRefused() {
        for (Path chart : Repo.charts()) {
            var result = Rendered.template(chart, List.of(), Map.of("monitoring.podMonitor.enabled", "true"));
            assertThat(result.succeeded()).isFalse();
            assertThat(result.describe())
                    .contains("monitoring.podMonitor.enabled")
                    .contains("monitoring.enabled");
        }
    }
}
