package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** Custom resources against their vendored CRDs: good objects pass, and each planted defect is one finding. */
class CustomResourceSchemasTest {

    private static final String LABELS = """
          labels:
            app.kubernetes.io/name: demo
            app.kubernetes.io/instance: rel
            app.kubernetes.io/managed-by: Helm
            helm.sh/chart: demo-0.1.0
        """;

    private static final String SPARK_APPLICATION = """
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata:
          name: rel-nightly
        LABELS
        spec:
          type: Python
          mode: cluster
          sparkVersion: 4.1.1
          image: apache/spark:4.1.1
          mainApplicationFile: local:///opt/spark/work-dir/app.py
          arguments: ["--day", "2026-11-30"]
          sparkConf:
            spark.eventLog.enabled: "true"
          driver:
            cores: 1
            memory: 1g
            serviceAccount: rel-jobs
          executor:
            instances: 2
            cores: 1
            memory: 1g
        """;

    private static final String POD_GROUP = """
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: PodGroup
        metadata:
          name: rel-connect
        LABELS
        spec:
          minMember: 1
          queue: spark
          minResources:
            cpu: "2"
            memory: 4Gi
        """;

    private static final String POD_MONITOR = """
        apiVersion: monitoring.coreos.com/v1
        kind: PodMonitor
        metadata:
          name: rel-spark
        LABELS
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/instance: rel
          podMetricsEndpoints:
            - port: ui
              path: /metrics/prometheus
            - targetPort: 4040
        """;

    private static final String PROMETHEUS_RULE = """
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata:
          name: rel-spark
        LABELS
        spec:
          groups:
            - name: spark
              rules:
                - alert: SparkExecutorsLost
                  expr: increase(spark_executors_lost_total[10m]) > 0
                  for: 5m
                  labels:
                    severity: warning
        """;

    private static String manifest(String... objects) {
        return String.join("---\n", objects).replace("LABELS\n", LABELS);
    }

    private static VerificationReport verify(String yaml) {
        return Verifier.builder().build().verifyManifests(yaml, "values: test.yaml, kube 1.29.0");
    }

    @Test
    void goodCustomResourcesOfEveryVendoredKindPass() {
        String scheduled = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: ScheduledSparkApplication
            metadata:
              name: rel-nightly
            LABELS
            spec:
              schedule: "@daily"
              timeZone: Europe/Berlin
              concurrencyPolicy: Forbid
              template:
                type: Scala
                sparkVersion: 3.5.8
                mainClass: org.apache.spark.examples.SparkPi
                mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                driver:
                  cores: 1
                executor:
                  instances: 1
            """;
        String service = SPARK_APPLICATION
                .replace("kind: SparkApplication", "kind: ServiceMonitor")
                .replace("sparkoperator.k8s.io/v1beta2", "monitoring.coreos.com/v1");
        service = service.substring(0, service.indexOf("spec:"))
                + "spec:\n  selector:\n    matchLabels:\n      app: x\n  endpoints:\n    - targetPort: 4040\n";

        VerificationReport report =
                verify(manifest(SPARK_APPLICATION, scheduled, POD_GROUP, POD_MONITOR, PROMETHEUS_RULE, service));

        assertThat(report.findings())
                .as(report.format())
                .filteredOn(f -> f.check().equals(Checks.K8S_SCHEMA))
                .isEmpty();
    }

    @Test
    void eachPlantedDefectIsOneFindingAtItsPath() {
        String wrongType = SPARK_APPLICATION.replace(
                "    cores: 1\n    memory: 1g\n    serviceAccount",
                "    cores: one\n    memory: 1g\n    serviceAccount");
        String unknownField = POD_GROUP.replace("  queue: spark", "  queue: spark\n  queueName: spark");
        String missingRequired = SPARK_APPLICATION.replace("  sparkVersion: 4.1.1\n", "");
        String badEnum = SPARK_APPLICATION.replace("  mode: cluster", "  mode: local");
        String ruleWithoutExpr = PROMETHEUS_RULE.replaceAll(" *expr: .*\n", "");

        assertThat(schemaFindings(wrongType)).containsExactly(tuple("SparkApplication", "spec.driver.cores"));
        assertThat(schemaFindings(unknownField)).containsExactly(tuple("PodGroup", "spec.queueName"));
        assertThat(schemaFindings(missingRequired)).containsExactly(tuple("SparkApplication", "spec"));
        assertThat(schemaFindings(badEnum)).containsExactly(tuple("SparkApplication", "spec.mode"));
        assertThat(schemaFindings(ruleWithoutExpr)).containsExactly(tuple("PrometheusRule", "spec.groups[0].rules[0]"));
    }

    @Test
    void findingsSayWhatIsWrong() {
        VerificationReport report =
                verify(manifest(POD_GROUP.replace("  queue: spark", "  queue: spark\n  queueName: x")));

        assertThat(report.format())
                .contains("unknown field 'queueName'")
                .contains("scheduling.volcano.sh_podgroups.yaml");
    }

    @Test
    void aWrongVersionOfAVendoredKindNamesTheServedOne() {
        VerificationReport report = verify(manifest(POD_GROUP.replace("v1beta1", "v1")));

        assertThat(report.findings())
                .extracting(Finding::check, Finding::path)
                .containsExactly(tuple(Checks.K8S_SCHEMA, "apiVersion"));
        assertThat(report.format()).contains("scheduling.volcano.sh/v1beta1");
    }

    @Test
    void intOrStringAndNullableReadAsTheApiServerReadsThem() {
        String intPort = POD_MONITOR.replace("- targetPort: 4040", "- targetPort: 4040\n    - targetPort: ui");

        assertThat(schemaFindings(intPort)).isEmpty();
        assertThat(schemaFindings(POD_MONITOR.replace("- targetPort: 4040", "- targetPort: [4040]")))
                .containsExactly(tuple("PodMonitor", "spec.podMetricsEndpoints[1].targetPort"));
    }

    private static java.util.List<org.assertj.core.groups.Tuple> schemaFindings(String object) {
        return verify(manifest(object)).findings().stream()
                .filter(f -> f.check().equals(Checks.K8S_SCHEMA))
                .map(f -> tuple(f.kind(), f.path()))
                .toList();
    }
}
