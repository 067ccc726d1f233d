package io.sparkk8s.verify;

import static io.sparkk8s.verify.ScrapeFixtures.documents;
import static io.sparkk8s.verify.ScrapeFixtures.podMonitor;
import static io.sparkk8s.verify.ScrapeFixtures.scrapeFindings;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.verify.ScrapeFixtures.Workload;
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

    /** The agent's configuration, and the Connect server's settings with its executor pod template. */
    private static final String CONFIG_MAPS = """
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
            """.replace("AGENT", AGENT);

    private static final String MANIFESTS = documents(
            CONFIG_MAPS,
            Workload.connectServer()
                    .port("jmx", 9404)
                    .mount("conf", "/opt/spark-k8s/conf")
                    .mount("jmx-exporter", "/opt/spark-k8s/jmx")
                    .configMapVolume("conf", "rel-connect")
                    .configMapVolume("jmx-exporter", "rel-jmx-exporter")
                    .yaml(),
            Workload.standaloneMaster()
                    .env("SPARK_DAEMON_JAVA_OPTS", AGENT)
                    .port("jmx", 9404)
                    .mount("jmx-exporter", "/opt/spark-k8s/jmx")
                    .configMapVolume("jmx-exporter", "rel-jmx-exporter")
                    .yaml(),
            podMonitor("rel-connect-server-metrics", "connect", "server", "{port: jmx, path: /metrics}"),
            podMonitor("rel-connect-executor-metrics", "connect", "executor", "{port: jmx, path: /metrics}"),
            podMonitor("rel-standalone-master-metrics", "standalone", "master", "{port: jmx, path: /metrics}"));

    private static List<String> findings(String yaml) {
        return scrapeFindings(SparkLine.SPARK_4_1, yaml).stream()
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
        String planted = Fixtures.mutate(
                MANIFESTS,
                "          env:\n            - {name: SPARK_DAEMON_JAVA_OPTS, value: \"" + AGENT + "\"}\n",
                "");
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
        // the Connect server's mount of the agent configuration (the executor template's and the master's stay)
        String planted = Fixtures.mutate(
                MANIFESTS,
                "kind: StatefulSet",
                "            - {name: jmx-exporter, mountPath: /opt/spark-k8s/jmx, readOnly: true}\n",
                "");
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
