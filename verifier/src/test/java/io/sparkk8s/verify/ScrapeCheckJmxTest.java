package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, JMX exporter: a monitor endpoint on the port {@code jmx}, path {@code /metrics}, resolves only when the
 * JVM of a selected pod really starts the agent on that port, with its configuration mounted: a client-mode driver
 * through spark.driver.defaultJavaOptions, a standalone daemon through SPARK_DAEMON_JAVA_OPTS, the executors of an
 * embedded executor pod template through the spark.executor.defaultJavaOptions beside it. Each defect is planted once
 * into a set that passes.
 */
class ScrapeCheckJmxTest {

    private static final String AGENT = "-javaagent:/opt/spark/jmx/agent.jar=9404:/opt/spark-k8s/jmx/jmx-exporter.yaml";

    private static final String MANIFESTS = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: rel-jmx-exporter
            data:
              jmx-exporter.yaml: |
                lowercaseOutputName: true
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: rel-connect
            data:
              spark-defaults.conf: |
                spark.ui.port=4040
                spark.driver.defaultJavaOptions=AGENT
                spark.executor.defaultJavaOptions=AGENT
              executor-pod-template.yaml: |
                apiVersion: v1
                kind: Pod
                metadata:
                  labels: {app.kubernetes.io/name: connect, app.kubernetes.io/component: executor}
                spec:
                  containers:
                    - name: spark-executor
                      ports:
                        - {name: jmx, containerPort: 9404}
                      volumeMounts:
                        - {name: jmx-exporter, mountPath: /opt/spark-k8s/jmx, readOnly: true}
                  volumes:
                    - name: jmx-exporter
                      configMap: {name: rel-jmx-exporter}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: rel-connect
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: connect, app.kubernetes.io/component: server}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: connect, app.kubernetes.io/component: server}
                spec:
                  containers:
                    - name: connect
                      image: spark:4.1.2
                      command: ["/bin/bash", "-ec"]
                      args:
                        - exec /opt/spark/bin/spark-submit --class org.apache.spark.sql.connect.service.SparkConnectServer
                      ports:
                        - {name: ui, containerPort: 4040}
                        - {name: jmx, containerPort: 9404}
                      volumeMounts:
                        - {name: conf, mountPath: /opt/spark-k8s/conf, readOnly: true}
                        - {name: jmx-exporter, mountPath: /opt/spark-k8s/jmx, readOnly: true}
                  volumes:
                    - name: conf
                      configMap: {name: rel-connect}
                    - name: jmx-exporter
                      configMap: {name: rel-jmx-exporter}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: rel-standalone-master
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: standalone, app.kubernetes.io/component: master}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: standalone, app.kubernetes.io/component: master}
                spec:
                  containers:
                    - name: master
                      image: spark:4.1.2
                      args:
                        - exec /opt/spark/bin/spark-class org.apache.spark.deploy.master.Master --webui-port 8080
                      env:
                        - {name: SPARK_DAEMON_JAVA_OPTS, value: "AGENT"}
                      ports:
                        - {name: http, containerPort: 8080}
                        - {name: jmx, containerPort: 9404}
                      volumeMounts:
                        - {name: jmx-exporter, mountPath: /opt/spark-k8s/jmx, readOnly: true}
                  volumes:
                    - name: jmx-exporter
                      configMap: {name: rel-jmx-exporter}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PodMonitor
            metadata:
              name: rel-connect-server-metrics
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: connect, app.kubernetes.io/component: server}
              podMetricsEndpoints:
                - {port: jmx, path: /metrics}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PodMonitor
            metadata:
              name: rel-connect-executor-metrics
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: connect, app.kubernetes.io/component: executor}
              podMetricsEndpoints:
                - {port: jmx, path: /metrics}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PodMonitor
            metadata:
              name: rel-standalone-master-metrics
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: standalone, app.kubernetes.io/component: master}
              podMetricsEndpoints:
                - {port: jmx, path: /metrics}
            """.replace("AGENT", AGENT);

    private static List<String> findings(String yaml) {
        VerificationReport report =
                Verifier.builder().sparkLine(SparkLine.SPARK_4_1).build().verifyManifests(yaml, "values: test.yaml");
        return report.findings().stream()
                .filter(f -> f.check().equals(Checks.SCRAPE_TARGET))
                .map(f -> f.name() + " " + f.path() + ": " + f.message())
                .toList();
    }

    @Test
    void theAgentOnTheNamedPortWithItsConfigurationMountedResolves() {
        assertThat(findings(MANIFESTS)).isEmpty();
    }

    @Test
    void anAgentOnAnotherPortThanTheContainerPortIsCaught() {
        String planted = MANIFESTS.replace(
                "spark.driver.defaultJavaOptions=" + AGENT,
                "spark.driver.defaultJavaOptions=" + AGENT.replace("=9404:", "=9405:"));
        assertThat(findings(planted))
                .singleElement()
                .asString()
                .startsWith("rel-connect-server-metrics spec.podMetricsEndpoints[0].path")
                .contains("no reached pod serves /metrics")
                .contains("global.monitoring.jmxExporter");
    }

    @Test
    void aPodWithoutTheAgentOptionIsCaught() {
        String planted = MANIFESTS
                .replace("- {name: SPARK_DAEMON_JAVA_OPTS, value: \"" + AGENT + "\"}", "[]")
                .replace("env:\n                    []", "env: []");
        assertThat(planted).doesNotContain("SPARK_DAEMON_JAVA_OPTS");
        assertThat(findings(planted)).singleElement().asString().startsWith("rel-standalone-master-metrics");
    }

    @Test
    void executorsWhoseDriverSettingsCarryNoAgentAreCaught() {
        String planted = MANIFESTS.replace("spark.executor.defaultJavaOptions=" + AGENT, "spark.executor.cores=1");
        assertThat(findings(planted)).singleElement().asString().startsWith("rel-connect-executor-metrics");
    }

    @Test
    void executorsMayCarryTheAgentInTheTemplatesJavaToolOptions() {
        String inTemplate = MANIFESTS
                .replace("spark.executor.defaultJavaOptions=" + AGENT, "spark.executor.cores=1")
                .replace(
                        "        - name: spark-executor\n",
                        "        - name: spark-executor\n          env:\n"
                                + "            - {name: JAVA_TOOL_OPTIONS, value: \"" + AGENT + "\"}\n");
        assertThat(inTemplate).contains("JAVA_TOOL_OPTIONS");
        assertThat(findings(inTemplate)).isEmpty();
        String otherPort = inTemplate.replace(
                "{name: JAVA_TOOL_OPTIONS, value: \"" + AGENT + "\"}",
                "{name: JAVA_TOOL_OPTIONS, value: \"" + AGENT.replace("=9404:", "=9405:") + "\"}");
        assertThat(findings(otherPort)).singleElement().asString().startsWith("rel-connect-executor-metrics");
    }

    @Test
    void anAgentWithoutItsMountedConfigurationIsCaught() {
        String planted = MANIFESTS.replace("""
                            - {name: conf, mountPath: /opt/spark-k8s/conf, readOnly: true}
                            - {name: jmx-exporter, mountPath: /opt/spark-k8s/jmx, readOnly: true}
                """, """
                            - {name: conf, mountPath: /opt/spark-k8s/conf, readOnly: true}
                """);
        assertThat(planted).isNotEqualTo(MANIFESTS);
        assertThat(findings(planted)).singleElement().asString().startsWith("rel-connect-server-metrics");
    }

    @Test
    void anAgentOnTheLoopbackIsCaught() {
        String planted = MANIFESTS.replace(
                "spark.driver.defaultJavaOptions=" + AGENT,
                "spark.driver.defaultJavaOptions=" + AGENT.replace("=9404:", "=127.0.0.1:9404:"));
        assertThat(findings(planted)).singleElement().asString().startsWith("rel-connect-server-metrics");
    }

    @Test
    void aDriverInClusterModeDoesNotReadTheDriverOptionsOfItsSubmitter() {
        String planted =
                MANIFESTS.replace("spark.ui.port=4040", "spark.ui.port=4040\n    spark.submit.deployMode=cluster");
        assertThat(findings(planted)).singleElement().asString().startsWith("rel-connect-server-metrics");
    }
}
