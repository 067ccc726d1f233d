package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendered spark-defaults.conf files are checked against the settings Spark reads on the chart's line. */
class SparkSettingsCheckTest {

    private static String configMap(String... lines) {
        StringBuilder yaml = new StringBuilder("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: rel-connect
        data:
          spark-defaults.conf: |
            # computed by the chart
        """);
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }

    private static List<Finding> sparkFindings(SparkLine line, String yaml) {
        VerificationReport report =
                Verifier.builder().sparkLine(line).build().verifyManifests(yaml, "values: test.yaml");
        return report.findings().stream()
                .filter(f -> f.check().equals(Checks.SPARK_SETTINGS))
                .toList();
    }

    @Test
    void knownKeysAndFamiliesPass() {
        String yaml = configMap(
                "spark.master=k8s://https://kubernetes.default.svc",
                "spark.sql.warehouse.dir=s3a://w/",
                "spark.hadoop.fs.s3a.endpoint=http://minio:9000",
                "spark.kubernetes.executor.label.team=data",
                "spark.metrics.conf.*.sink.prometheusServlet.class=org.apache.spark.metrics.sink.PrometheusServlet");
        assertThat(sparkFindings(SparkLine.SPARK_4_1, yaml)).isEmpty();
        assertThat(sparkFindings(SparkLine.SPARK_3_5, yaml)).isEmpty();
    }

    @Test
    void aMisspeltKeyIsAFindingOnTheConfigMapWithTheSuggestion() {
        assertThat(sparkFindings(SparkLine.SPARK_4_1, configMap("spark.sql.warehouseDir=s3a://w/")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo("ConfigMap");
                    assertThat(f.name()).isEqualTo("rel-connect");
                    assertThat(f.path()).isEqualTo("data[spark-defaults.conf]");
                    assertThat(f.message())
                            .contains("'spark.sql.warehouseDir' is not a Spark 4.1 setting")
                            .contains("did you mean 'spark.sql.warehouse.dir'");
                });
    }

    @Test
    void aKeyOfTheOtherLineNamesThatLine() {
        assertThat(sparkFindings(SparkLine.SPARK_3_5, configMap("spark.executor.minMemoryOverhead=384m")))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("exists only on line 4.1"));
    }

    @Test
    void propertiesOutsideSparkAreIgnoredBySparkAndReported() {
        assertThat(sparkFindings(SparkLine.SPARK_4_1, configMap("hive.metastore.uris=thrift://hms:9083")))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("does not start with 'spark.'"));
    }

    @Test
    void extraSettingsOfAddedJarsAreAccepted() {
        String yaml = configMap("spark.databricks.delta.retentionDurationCheck.enabled=false");
        assertThat(sparkFindings(SparkLine.SPARK_4_1, yaml)).hasSize(1);
        VerificationReport report = Verifier.builder()
                .sparkLine(SparkLine.SPARK_4_1)
                .extraSparkSettings(List.of("spark.databricks.delta.*"))
                .build()
                .verifyManifests(yaml, "values: test.yaml");
        assertThat(report.findings()).noneMatch(f -> f.check().equals(Checks.SPARK_SETTINGS));
    }

    @Test
    void withoutALineNothingIsChecked() {
        VerificationReport report = Verifier.builder()
                .build()
                .verifyManifests(configMap("spark.sql.warehouseDir=s3a://w/"), "values: test.yaml");
        assertThat(report.findings()).noneMatch(f -> f.check().equals(Checks.SPARK_SETTINGS));
    }

    @Test
    void theLineOfAChartComesFromItsAppVersion() {
        assertThat(Verifier.lineOf(Fixtures.chart("broken"))).isEmpty();
    }
}
