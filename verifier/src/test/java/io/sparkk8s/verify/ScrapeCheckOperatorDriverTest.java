package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scrape-resolution gate follows a PodMonitor to the driver pods Spark builds for a rendered SparkApplication
 * or ScheduledSparkApplication (the jobs block's runner sparkApplication): their labels are {@code
 * spec.driver.labels} plus Spark's {@code spark-role: driver}, their UI port is named {@code spark-ui}, and what it
 * serves follows {@code spec.sparkConf}. Each defect is planted into a set that passes.
 */
class ScrapeCheckOperatorDriverTest {

    private static final String METRICS =
            "  spark.metrics.conf.*.sink.prometheusServlet.class: org.apache.spark.metrics.sink.PrometheusServlet\n"
                    + "  spark.metrics.conf.*.sink.prometheusServlet.path: /metrics/prometheus\n"
                    + "  spark.ui.prometheus.enabled: \"true\"";

    /** A SparkApplication (or a ScheduledSparkApplication) with these Spark settings, and a monitor of its driver. */
    private static String manifests(boolean scheduled, String sparkConf, String port) {
        String spec = """
                type: Python
                mode: cluster
                sparkVersion: 4.1.2
                image: spark:4.1.2
                mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                sparkConf:
                %s
                driver:
                  cores: 1
                  memory: 1g
                  labels: {app.kubernetes.io/name: jobs, app.kubernetes.io/instance: rel, app.kubernetes.io/component: driver}
                executor:
                  instances: 1
                """.formatted(sparkConf);
        String application = scheduled
                ? "kind: ScheduledSparkApplication\nmetadata:\n  name: rel-job-pi\nspec:\n  schedule: \"@daily\"\n"
                        + "  template:\n" + spec.indent(4)
                : "kind: SparkApplication\nmetadata:\n  name: rel-job-pi\nspec:\n" + spec.indent(2);
        return "apiVersion: sparkoperator.k8s.io/v1beta2\n" + application + """
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata:
                  name: rel-jobs-driver-metrics
                spec:
                  selector:
                    matchLabels: {app.kubernetes.io/name: jobs, app.kubernetes.io/instance: rel}
                    matchExpressions:
                      - {key: app.kubernetes.io/component, operator: NotIn, values: [executor]}
                  podMetricsEndpoints:
                    - {port: %1$s, path: /metrics/prometheus/}
                    - {port: %1$s, path: /metrics/executors/prometheus}
                """.formatted(port);
    }

    private static List<Finding> scrape(SparkLine line, String yaml) {
        VerificationReport report = ScrapeFixtures.verify(line, yaml);
        assertThat(report.gates())
                .filteredOn(g -> g.check().equals(Checks.SCRAPE_TARGET))
                .singleElement()
                .satisfies(g -> assertThat(g.count()).isEqualTo(1));
        return ScrapeFixtures.scrapeFindings(report);
    }

    @Test
    void theDriverOfASparkApplicationIsATargetOnBothLines() {
        for (SparkLine line : SparkLine.values()) {
            assertThat(scrape(line, manifests(false, METRICS, "spark-ui")))
                    .as(line.id())
                    .isEmpty();
            assertThat(scrape(line, manifests(true, METRICS, "spark-ui")))
                    .as(line.id() + ": a ScheduledSparkApplication's template")
                    .isEmpty();
        }
    }

    @Test
    void aDriverWithoutTheReleaseMetricsSettingsIsAFinding() {
        // what a SparkApplication of the spark-3.5 umbrella's jobs subchart carries: no wiring, so no servlet
        List<Finding> findings =
                scrape(SparkLine.SPARK_4_1, manifests(false, "  spark.jars.ivy: /tmp/ivy", "spark-ui"));
        assertThat(findings).extracting(Finding::path).containsExactly("spec.podMetricsEndpoints[0].path");
        assertThat(findings.get(0).message())
                .contains("SparkApplication/rel-job-pi (driver):4040")
                .contains("/metrics/prometheus/");
    }

    @Test
    void aDriverWhoseUiIsOffServesNothing() {
        String off = METRICS + "\n  spark.ui.enabled: \"false\"";
        assertThat(scrape(SparkLine.SPARK_4_1, manifests(true, off, "spark-ui")))
                .extracting(Finding::path)
                .containsExactly("spec.podMetricsEndpoints[0].path", "spec.podMetricsEndpoints[1].path");
    }

    @Test
    void theUiPortFollowsSparkUiPortAndKeepsSparksName() {
        String moved = METRICS + "\n  spark.ui.port: \"4050\"";
        assertThat(scrape(SparkLine.SPARK_4_1, manifests(false, moved, "spark-ui")))
                .isEmpty();
        assertThat(scrape(SparkLine.SPARK_4_1, manifests(false, METRICS, "ui")))
                .as("Spark names the driver's UI port spark-ui, not ui")
                .extracting(Finding::path)
                .containsExactly("spec.podMetricsEndpoints[0].port", "spec.podMetricsEndpoints[1].port");
    }

    @Test
    void aSelectorThatExcludesTheDriverSelectsNothing() {
        String yaml = manifests(false, METRICS, "spark-ui").replace("values: [executor]", "values: [executor, driver]");
        assertThat(scrape(SparkLine.SPARK_4_1, yaml)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("spec.selector");
            assertThat(f.message()).contains("selects no rendered pod");
        });
    }
}
