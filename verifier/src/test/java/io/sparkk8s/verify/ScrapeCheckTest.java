package io.sparkk8s.verify;

import static io.sparkk8s.verify.ScrapeFixtures.documents;
import static io.sparkk8s.verify.ScrapeFixtures.podMonitor;
import static io.sparkk8s.verify.ScrapeFixtures.scrapeFindings;
import static io.sparkk8s.verify.ScrapeFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.verify.ScrapeFixtures.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scrape-resolution gate: monitors must reach a rendered pod's named port on a path its Spark settings serve.
 * Each defect a chart could carry is planted once into a set that passes.
 */
class ScrapeCheckTest {

    private static final String WIRING_ON = """
            spark.ui.prometheus.enabled=true
                spark.metrics.conf.*.sink.prometheusServlet.class=org.apache.spark.metrics.sink.PrometheusServlet
                spark.metrics.conf.*.sink.prometheusServlet.path=/metrics/prometheus
                spark.metrics.conf.master.sink.prometheusServlet.path=/metrics/master/prometheus""";

    /** A Connect-like driver and a standalone master, their wiring, and monitors of both. */
    private static String manifests(String wiring, String... driverEndpoints) {
        return documents(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rel-spark-wiring
                data:
                  wiring.conf: |
                    %s
                """.formatted(wiring),
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rel-connect
                data:
                  spark-defaults.conf: |
                    spark.ui.port=4040
                """,
                Workload.connectServer()
                        .configMapVolume("conf", "rel-connect")
                        .configMapVolume("wiring", "rel-spark-wiring")
                        .yaml(),
                Workload.standaloneMaster()
                        .configMapVolume("wiring", "rel-spark-wiring")
                        .yaml(),
                podMonitor("rel-connect-server-metrics", "connect", "server", driverEndpoints),
                podMonitor(
                        "rel-standalone-master-metrics",
                        "standalone",
                        "master",
                        "{port: http, path: /metrics/master/prometheus/}"));
    }

    private static final String[] DRIVER_ENDPOINTS = {
        "{port: ui, path: /metrics/prometheus/}", "{port: ui, path: /metrics/executors/prometheus}"
    };

    private static List<Finding> scrape(SparkLine line, String yaml) {
        VerificationReport report = verify(line, yaml);
        assertThat(report.gates()).anySatisfy(g -> assertThat(g.check()).isEqualTo(Checks.SCRAPE_TARGET));
        return scrapeFindings(report);
    }

    @Test
    void monitorsOfServedPathsPassOnBothLines() {
        assertThat(scrape(SparkLine.SPARK_4_1, manifests(WIRING_ON, DRIVER_ENDPOINTS)))
                .isEmpty();
        assertThat(scrape(SparkLine.SPARK_3_5, manifests(WIRING_ON, DRIVER_ENDPOINTS)))
                .isEmpty();
    }

    @Test
    void withoutThePrometheusServletNoPathIsServed() {
        List<Finding> findings = scrape(SparkLine.SPARK_4_1, manifests("spark.ui.port=4040", DRIVER_ENDPOINTS));
        assertThat(findings)
                .extracting(f -> f.name() + " " + f.path())
                .containsExactlyInAnyOrder(
                        "rel-connect-server-metrics spec.podMetricsEndpoints[0].path",
                        "rel-standalone-master-metrics spec.podMetricsEndpoints[0].path");
        assertThat(findings.get(0).message()).contains("/metrics/prometheus/").contains("monitoring.enabled");
    }

    @Test
    void onSpark35TheExecutorPathNeedsUiPrometheusEnabled() {
        String wiring = WIRING_ON.replace("spark.ui.prometheus.enabled=true", "spark.ui.port=4040");
        assertThat(scrape(SparkLine.SPARK_3_5, manifests(wiring, DRIVER_ENDPOINTS)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.path()).isEqualTo("spec.podMetricsEndpoints[1].path");
                    assertThat(f.message()).contains("/metrics/executors/prometheus");
                });
        assertThat(scrape(SparkLine.SPARK_4_1, manifests(wiring, DRIVER_ENDPOINTS)))
                .as("on 4.1 spark.ui.prometheus.enabled defaults to true")
                .isEmpty();
    }

    @Test
    void aPortNameNoSelectedPodHasIsAFinding() {
        assertThat(scrape(SparkLine.SPARK_4_1, manifests(WIRING_ON, "{port: http, path: /metrics/prometheus/}")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.path()).isEqualTo("spec.podMetricsEndpoints[0].port");
                    assertThat(f.message()).contains("'http'").contains("rel-connect");
                });
    }

    @Test
    void aPathOfAnotherInstanceIsAFinding() {
        // the master's path asked of the driver: the driver's servlet is at /metrics/prometheus
        assertThat(scrape(SparkLine.SPARK_4_1, manifests(WIRING_ON, "{port: ui, path: /metrics/master/prometheus/}")))
                .singleElement()
                .satisfies(f ->
                        assertThat(f.message()).contains("serve /metrics/executors/prometheus, /metrics/prometheus"));
    }

    @Test
    void aSelectorThatMatchesNoPodIsAFinding() {
        String yaml = manifests(WIRING_ON, DRIVER_ENDPOINTS)
                .replace(
                        "matchLabels: {app.kubernetes.io/name: connect, app.kubernetes.io/component: server}\n"
                                + "  podMetricsEndpoints",
                        "matchLabels: {app.kubernetes.io/name: connect, app.kubernetes.io/component: executor}\n"
                                + "  podMetricsEndpoints");
        assertThat(scrape(SparkLine.SPARK_4_1, yaml)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("spec.selector");
            assertThat(f.message()).contains("selects no rendered pod");
        });
    }

    @Test
    void aServiceMonitorIsFollowedThroughItsServiceToThePods() {
        String service = """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: rel-connect
                  labels: {app.kubernetes.io/name: connect}
                spec:
                  selector: {app.kubernetes.io/name: connect, app.kubernetes.io/component: server}
                  ports:
                    - {name: web, port: 80, targetPort: ui}
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: rel-connect
                spec:
                  selector:
                    matchLabels: {app.kubernetes.io/name: connect}
                  endpoints:
                    - {port: web, path: %s}
                """;
        String base = manifests(WIRING_ON, DRIVER_ENDPOINTS);
        assertThat(scrape(SparkLine.SPARK_4_1, base + service.formatted("/metrics/prometheus/")))
                .isEmpty();
        assertThat(scrape(SparkLine.SPARK_4_1, base + service.formatted("/metrics")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo("ServiceMonitor");
                    assertThat(f.path()).isEqualTo("spec.endpoints[0].path");
                });
    }
}
