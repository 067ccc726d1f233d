package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.sparkk8s.verify.Checks;
import io.sparkk8s.verify.Finding;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, the optional JMX exporter ({@code global.monitoring.jmxExporter}) on both layouts (the 4.1 toggle chart,
 * the 3.5 umbrella whose subcharts see it through {@code global}): every Spark JVM of the listed processes starts
 * the agent through the option its launcher reads, declares the port {@code jmx} and mounts the agent's
 * configuration; standalone executors and SparkApplication executors never get it; the PodMonitors scrape it and
 * resolve (the verifier's gates, the CRD gate included, find nothing), the planted mismatch of agent and container
 * port is caught, and nothing about it is rendered while it is off.
 */
class JmxExporterTest {

    @TempDir
    static Path tmp;

    private static final String R = Rendered.RELEASE;
    private static final String AGENT_PATH = "/opt/spark/jmx/jmx_prometheus_javaagent-1.0.1.jar";
    private static final String OPTION = "-javaagent:" + AGENT_PATH + "=9404:/opt/spark-k8s/jmx/jmx-exporter.yaml";

    /** Monitoring on, the agent in every process, and every block that runs one of them (a submit job among them). */
    static Map<String, Object> jmxOn() {
        Map<String, Object> values = MonitoringTest.monitoringOn();
        values.put(
                "global",
                Map.of("monitoring", Map.of("jmxExporter", Map.of("enabled", true, "agentPath", AGENT_PATH))));
        values.put("historyServer", Map.of("enabled", true));
        values.put(
                "jobs",
                MonitoringValues.jobsWith(
                        "once",
                        Map.of(
                                "type",
                                "Java",
                                "mainClass",
                                "org.apache.spark.examples.SparkPi",
                                "mainApplicationFile",
                                "local:///opt/spark/examples/jars/spark-examples.jar")));
        return values;
    }

    /** {@link #jmxOn()} with the agent in the History Server only. */
    static Map<String, Object> historyServerOnly() {
        Map<String, Object> values = jmxOn();
        values.put(
                "global",
                Map.of(
                        "monitoring",
                        Map.of(
                                "jmxExporter",
                                Map.of(
                                        "enabled",
                                        true,
                                        "agentPath",
                                        AGENT_PATH,
                                        "processes",
                                        List.of("historyServer")))));
        return values;
    }

    private static Path values(String name, Map<String, Object> values) {
        return Rendering.writeValues(tmp.resolve(name + ".yaml"), values);
    }

    private static Path preset(Path chart) {
        return MonitoringValues.preset(chart);
    }

    private static Rendered render(Path chart, Map<String, Object> values, Map<String, String> sets) {
        return Rendered.of(
                chart,
                List.of(preset(chart), values("v-" + chart.getFileName() + "-" + values.hashCode(), values)),
                sets);
    }

    private static final Verifier VERIFIER = Repo.featureVerifier();

    @TestFactory
    Stream<DynamicTest> everyMonitorOfTheAgentResolvesAndEveryGateHolds() {
        return MonitoringValues.everyGateHoldsWithScrapeTargets(
                VERIFIER,
                JmxExporterTest::values,
                jmxOn(),
                7,
                "Connect driver and executors, master, workers, History Server, job drivers and executors");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    private static void assertCarriesTheAgent(Rendered rendered, String kind, String name, String container) {
        Map<String, Object> c = rendered.container(kind, name, container);
        assertThat(list(c.get("ports")))
                .as(kind + "/" + name + " declares the agent's port")
                .anySatisfy(p -> {
                    assertThat(p.get("name")).isEqualTo("jmx");
                    assertThat(p.get("containerPort")).isEqualTo(9404);
                });
        assertThat(list(c.get("volumeMounts")))
                .as(kind + "/" + name + " mounts the agent's configuration read-only")
                .anySatisfy(m -> {
                    assertThat(m.get("mountPath")).isEqualTo("/opt/spark-k8s/jmx");
                    assertThat(m.get("readOnly")).isEqualTo(true);
                });
        assertThat(list(rendered.podSpec(kind, name).get("volumes")))
                .anySatisfy(v -> assertThat(String.valueOf(v.get("configMap"))).contains(R + "-jmx-exporter"));
    }

    @Test
    void eachProcessStartsTheAgentThroughTheOptionItsLauncherReads() {
        for (Path chart : Repo.charts()) {
            Rendered rendered = render(chart, jmxOn(), Map.of());
            // client-mode drivers started by spark-submit: spark.driver.defaultJavaOptions in their own settings
            assertThat(rendered.sparkConf(R + "-connect", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION)
                    .doesNotContainKey("spark.executor.defaultJavaOptions");
            assertThat(rendered.sparkConf(R + "-history-server", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION);
            assertThat(rendered.sparkConf(R + "-job-once", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION)
                    .doesNotContainKey("spark.executor.defaultJavaOptions");
            // the release's wiring, which every Spark process reads (standalone executors too), carries none
            assertThat(rendered.configData(R + "-spark-wiring", "wiring.conf")).doesNotContain("javaagent");
            assertCarriesTheAgent(rendered, "StatefulSet", R + "-connect", "connect");
            assertCarriesTheAgent(rendered, "Deployment", R + "-history-server", "history-server");
            String job = rendered.names().stream()
                    .filter(n -> n.startsWith("Job/" + R + "-job-once-"))
                    .findFirst()
                    .orElseThrow()
                    .substring("Job/".length());
            assertCarriesTheAgent(rendered, "Job", job, "driver");
            for (String daemon : List.of("master", "worker")) {
                String name = R + "-standalone-" + daemon;
                assertCarriesTheAgent(rendered, "Deployment", name, daemon);
                assertThat(Rendered.env(rendered.container("Deployment", name, daemon)))
                        .as("spark-class reads SPARK_DAEMON_JAVA_OPTS for the Master and the Worker")
                        .containsKey("SPARK_DAEMON_JAVA_OPTS");
                assertThat(Rendered.env(rendered.container("Deployment", name, daemon))
                                .get("SPARK_DAEMON_JAVA_OPTS")
                                .get("value"))
                        .isEqualTo(OPTION);
            }
            // the executor pod templates Spark builds the executors from
            for (String configMap : List.of(R + "-connect", R + "-job-once")) {
                String template = rendered.configData(configMap, "executor-pod-template.yaml");
                assertThat(template)
                        .contains("- name: JAVA_TOOL_OPTIONS\n          value: \"" + OPTION + "\"")
                        .contains("- name: jmx\n          containerPort: 9404")
                        .contains("mountPath: /opt/spark-k8s/jmx")
                        .contains("name: " + R + "-jmx-exporter");
            }
            String config = rendered.configData(R + "-jmx-exporter", "jmx-exporter.yaml");
            assertThat(config)
                    .isEqualTo("lowercaseOutputName: true\nlowercaseOutputLabelNames: true\nincludeObjectNames:\n"
                            + "  - \"java.lang:type=OperatingSystem\"\n");
        }
    }

    /**
     * A user's own spark.driver.defaultJavaOptions (Connect, the History Server, a submit job) would replace the
     * chart's line that starts the agent, since the user's settings come last in spark-defaults.conf: it is joined
     * after the agent option instead. Without the agent the user's line is written as given.
     */
    @Test
    void aUsersDefaultJavaOptionsJoinTheAgentOption() {
        Map<String, String> sets = Map.of(
                "connect.sparkConf.spark\\.driver\\.defaultJavaOptions", "-Duser.connect=kept",
                "historyServer.sparkConf.spark\\.driver\\.defaultJavaOptions", "-Duser.history=kept",
                "jobs.apps.once.sparkConf.spark\\.driver\\.defaultJavaOptions", "-Duser.job=kept");
        for (Path chart : Repo.charts()) {
            Rendered rendered = render(chart, jmxOn(), sets);
            assertThat(rendered.sparkConf(R + "-connect", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION + " -Duser.connect=kept");
            assertThat(rendered.sparkConf(R + "-history-server", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION + " -Duser.history=kept");
            assertThat(rendered.sparkConf(R + "-job-once", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION + " -Duser.job=kept");
            Map<String, Object> only = historyServerOnly();
            Rendered some = render(chart, only, sets);
            assertThat(some.sparkConf(R + "-connect", "spark-defaults.conf"))
                    .as("no agent in Connect: the user's line as given")
                    .containsEntry("spark.driver.defaultJavaOptions", "-Duser.connect=kept");
            assertThat(some.sparkConf(R + "-history-server", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION + " -Duser.history=kept");
        }
    }

    @Test
    void standaloneExecutorsAndOperatorExecutorsNeverGetTheAgent() {
        for (Path chart : Repo.charts()) {
            Map<String, Object> values = jmxOn();
            values.put("connect", Map.of("backendMode", "standalone"));
            values.put(
                    "jobs",
                    MonitoringValues.jobsWith(
                            "op",
                            Map.of(
                                    "runner",
                                    "sparkApplication",
                                    "mainApplicationFile",
                                    "local:///opt/spark/examples/src/main/python/pi.py")));
            Rendered rendered = render(chart, values, Map.of("jobs.sparkOperator.skipCapabilitiesCheck", "true"));
            assertThat(rendered.sparkConf(R + "-connect", "spark-defaults.conf"))
                    .containsEntry("spark.driver.defaultJavaOptions", OPTION);
            assertThat(rendered.configData(R + "-connect", "spark-defaults.conf"))
                    .as("several executor JVMs share a standalone worker pod: no fixed agent port for them")
                    .containsOnlyOnce("-javaagent:");
            assertThat(rendered.configData(R + "-connect", "executor-pod-template.yaml"))
                    .doesNotContain("jmx");
            Map<String, Object> app = rendered.objects().stream()
                    .filter(o -> "SparkApplication".equals(o.get("kind")))
                    .findFirst()
                    .orElseThrow();
            assertThat(app.toString())
                    .as("a SparkApplication's settings are the operator's: its pods carry no agent port")
                    .doesNotContain("jmx");
        }
    }

    @Test
    void processesChoosesTheJvmsAndNothingIsRenderedWhileOff() {
        for (Path chart : Repo.charts()) {
            Rendered off = render(chart, MonitoringTest.monitoringOn(), Map.of("historyServer.enabled", "true"));
            assertThat(off.has("ConfigMap", R + "-jmx-exporter")).isFalse();
            assertThat(off.objects().toString())
                    .as("no port, option, mount, monitor endpoint or admitted port while off")
                    .doesNotContain("jmx");

            Map<String, Object> only = historyServerOnly();
            Rendered rendered = render(chart, only, Map.of());
            assertCarriesTheAgent(rendered, "Deployment", R + "-history-server", "history-server");
            assertThat(rendered.container("StatefulSet", R + "-connect", "connect")
                            .toString())
                    .doesNotContain("jmx");
            assertThat(rendered.configData(R + "-connect", "spark-defaults.conf"))
                    .doesNotContain("javaagent");
            List<String> jmxPolicies = rendered.objects().stream()
                    .filter(o -> "NetworkPolicy".equals(o.get("kind"))
                            && o.toString().contains("port=jmx"))
                    .map(Rendered::name)
                    .toList();
            assertThat(jmxPolicies)
                    .as("the monitoring namespace reaches the agent's port of the History Server only")
                    .containsExactly(R + "-history-server-server-metrics");
        }
    }

    @Test
    void theJvmAlertsAndPanelsReadTheAgentsMetrics() {
        for (Path chart : Repo.charts()) {
            Rendered rendered = render(chart, jmxOn(), Map.of());
            String rule = rendered.object("PrometheusRule", R + "-spark-alerts").toString();
            assertThat(rule)
                    .contains("SparkJvmHeapNearlyFull", "SparkJvmGcTimeHigh")
                    .contains("jvm_memory_used_bytes{area=\"heap\", endpoint=\"jmx\"")
                    .contains("jvm_gc_collection_seconds_sum{endpoint=\"jmx\"");
            String json = rendered.configData(R + "-spark-dashboard", "spark-dashboard.json");
            List<String> exprs = new ArrayList<>();
            for (JsonElement panel :
                    JsonParser.parseString(json).getAsJsonObject().get("panels").getAsJsonArray()) {
                for (JsonElement target : panel.getAsJsonObject().get("targets").getAsJsonArray()) {
                    exprs.add(target.getAsJsonObject().get("expr").getAsString());
                }
            }
            assertThat(exprs)
                    .anyMatch(e -> e.contains("jvm_memory_max_bytes"))
                    .anyMatch(e -> e.contains("jvm_gc_collection_seconds_sum"));
        }
    }

    /**
     * Planted: the agent told another port than the container port the monitor scrapes (the History Server's
     * rendered spark-defaults.conf changed by hand; a user's own defaultJavaOptions can no longer replace the agent).
     */
    @TestFactory
    Stream<DynamicTest> anAgentOnAnotherPortThanTheScrapedOneIsCaught() {
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    String manifests = Rendered.template(
                                    chart,
                                    List.of(preset(chart), values("planted-" + chart.getFileName(), jmxOn())),
                                    Map.of())
                            .stdout();
                    StringBuilder planted = new StringBuilder();
                    for (String document : manifests.split("\n---\n", -1)) {
                        if (planted.length() > 0) {
                            planted.append("\n---\n");
                        }
                        boolean history = document.contains("kind: ConfigMap")
                                && document.contains("\n  name: " + R + "-history-server\n");
                        planted.append(
                                history
                                        ? document.replace("=9404:/opt/spark-k8s/jmx", "=9405:/opt/spark-k8s/jmx")
                                        : document);
                    }
                    assertThat(planted.toString()).isNotEqualTo(manifests);
                    VerificationReport report = VERIFIER.verifyManifests(planted.toString(), "planted");
                    List<Finding> scrape = report.findings().stream()
                            .filter(f -> f.check().equals(Checks.SCRAPE_TARGET))
                            .toList();
                    assertThat(scrape).as(report.format()).isNotEmpty().allSatisfy(f -> {
                        assertThat(f.name()).isEqualTo(R + "-history-server-server-metrics");
                        assertThat(f.message()).contains("/metrics").contains("global.monitoring.jmxExporter");
                    });
                }));
    }
}
