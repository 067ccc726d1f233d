package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scrape-resolution gate on the alternative to monitors: a pod annotated {@code prometheus.io/scrape: "true"}
 * must name, in {@code prometheus.io/port}, a container port of the pod, and in {@code prometheus.io/path} a path
 * the Spark process serves there with its rendered settings (a SparkApplication's driver included). Each defect is
 * planted into a set that passes.
 */
class ScrapeCheckAnnotationsTest {

    /** A driver Deployment whose pod carries these annotations, reading the servlet settings from its ConfigMap. */
    private static String driver(String annotations) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rel-spark-wiring
                data:
                  wiring.conf: |
                    spark.metrics.conf.*.sink.prometheusServlet.class=org.apache.spark.metrics.sink.PrometheusServlet
                    spark.metrics.conf.*.sink.prometheusServlet.path=/metrics/prometheus
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: rel-driver
                spec:
                  selector:
                    matchLabels: {app.kubernetes.io/name: connect}
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: connect}
                      annotations: {%s}
                    spec:
                      containers:
                        - name: driver
                          image: spark:4.1.2
                          command: ["/bin/bash", "-ec"]
                          args:
                            - exec /opt/spark/bin/spark-submit --class org.apache.spark.sql.connect.service.SparkConnectServer
                          ports:
                            - {name: ui, containerPort: 4040}
                      volumes:
                        - name: wiring
                          configMap: {name: rel-spark-wiring}
                """.formatted(annotations);
    }

    private static String annotations(String port, String path) {
        return "prometheus.io/scrape: \"true\", prometheus.io/port: \"" + port + "\", prometheus.io/path: " + path;
    }

    private static List<Finding> scrape(SparkLine line, String yaml, int targets) {
        VerificationReport report = ScrapeFixtures.verify(line, yaml);
        assertThat(report.gates())
                .filteredOn(g -> g.check().equals(Checks.SCRAPE_TARGET))
                .singleElement()
                .satisfies(g -> assertThat(g.count())
                        .as("annotated pods count as targets")
                        .isEqualTo(targets));
        return ScrapeFixtures.scrapeFindings(report);
    }

    @Test
    void anAnnotatedPodOnAServedPortAndPathPasses() {
        assertThat(scrape(SparkLine.SPARK_4_1, driver(annotations("4040", "/metrics/prometheus/")), 1))
                .isEmpty();
        assertThat(scrape(SparkLine.SPARK_3_5, driver(annotations("4040", "/metrics/prometheus")), 1))
                .as("the bare path redirects to the servlet's")
                .isEmpty();
    }

    @Test
    void aPodNotAnnotatedScrapeIsNoTarget() {
        assertThat(scrape(SparkLine.SPARK_4_1, driver("prometheus.io/port: \"9999\""), 0))
                .isEmpty();
    }

    @Test
    void thePathMustBeServed() {
        // Prometheus's default path, which Spark does not serve
        assertThat(scrape(
                        SparkLine.SPARK_4_1, driver("prometheus.io/scrape: \"true\", prometheus.io/port: \"4040\""), 1))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo("Deployment");
                    assertThat(f.path()).isEqualTo("spec.template.metadata.annotations[prometheus.io/path]");
                    assertThat(f.message()).contains("/metrics on that port").contains("rel-driver:4040");
                });
        // the executors' path on 3.5 without spark.ui.prometheus.enabled
        assertThat(scrape(SparkLine.SPARK_3_5, driver(annotations("4040", "/metrics/executors/prometheus")), 1))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("/metrics/executors/prometheus"));
    }

    @Test
    void thePortMustBeAContainerPortOfThePod() {
        assertThat(scrape(SparkLine.SPARK_4_1, driver(annotations("8080", "/metrics/prometheus/")), 1))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("8080").contains("no container"));
        assertThat(scrape(SparkLine.SPARK_4_1, driver("prometheus.io/scrape: \"true\""), 1))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("without a numeric prometheus.io/port"));
    }

    @Test
    void aSparkApplicationDriversAnnotationsAreChecked() {
        String application = """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                metadata:
                  name: rel-job-pi
                spec:
                  type: Python
                  mode: cluster
                  sparkVersion: 4.1.2
                  mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                  sparkConf:
                    spark.metrics.conf.*.sink.prometheusServlet.class: org.apache.spark.metrics.sink.PrometheusServlet
                    spark.metrics.conf.*.sink.prometheusServlet.path: /metrics/prometheus
                  driver:
                    annotations: {%s}
                """;
        assertThat(scrape(SparkLine.SPARK_4_1, application.formatted(annotations("4040", "/metrics/prometheus/")), 1))
                .isEmpty();
        assertThat(scrape(SparkLine.SPARK_4_1, application.formatted(annotations("4041", "/metrics/prometheus/")), 1))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo("SparkApplication");
                    assertThat(f.path()).isEqualTo("spec.driver.annotations");
                    assertThat(f.message()).contains("4041");
                });
    }
}
