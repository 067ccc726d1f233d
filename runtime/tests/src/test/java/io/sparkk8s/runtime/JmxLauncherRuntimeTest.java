package io.sparkk8s.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17, the JMX exporter: for every process the chart starts it in without a runtime start of its own (the
 * Connect server, the History Server, the standalone master and worker), Spark's own launcher
 * ({@code org.apache.spark.launcher.Main}, what the image's {@code spark-submit} and {@code spark-class} run) turns
 * the rendered settings and env of that pod into a java command that carries the agent option exactly once, with a
 * user's {@code extraJavaOptions} after it, and a user's own {@code spark.driver.defaultJavaOptions} joined after it
 * (the chart writes the user's settings last, and a later line of the same key replaces an earlier one). No Spark JVM starts: the launcher only prints the command (the job
 * driver of {@link ExecutorPodsRuntimeTest} runs such a command and serves the agent's metrics).
 */
class JmxLauncherRuntimeTest {

    @TempDir
    Path tmp;

    static Stream<String> lines() {
        return Programs.lines().stream();
    }

    private static final String OPTION = "-javaagent:" + JmxAgentRuntime.AGENT_IN_IMAGE + "=" + JmxAgentRuntime.PORT
            + ":/opt/spark-k8s/jmx/jmx-exporter.yaml";

    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void theLauncherPutsTheRenderedAgentOptionOnEveryCommandLine(String line) throws Exception {
        Map<String, String> sets = new LinkedHashMap<>(JmxAgentRuntime.sets());
        sets.put("monitoring.enabled", "true");
        sets.put("standalone.enabled", "true");
        sets.put("historyServer.sparkConf.spark\\.driver\\.extraJavaOptions", "-Duser.option=kept");
        // a user's own spark.driver.defaultJavaOptions joins the agent option instead of replacing it
        sets.put("connect.sparkConf.spark\\.driver\\.defaultJavaOptions", "-Duser.default=kept");
        RenderedChart chart = RenderedChart.render(line, "connect-minio-history", sets);
        JmxAgentRuntime.SparkHome home = JmxAgentRuntime.sparkHome(line, tmp);

        for (String server : List.of("connect", "history-server")) {
            Path conf = Files.createDirectories(tmp.resolve(server + "-conf"));
            Files.writeString(
                    conf.resolve("spark-defaults.conf"),
                    chart.configMap(RenderedChart.RELEASE + "-" + server).get("spark-defaults.conf"));
            String main = server.equals("connect")
                    ? "org.apache.spark.sql.connect.service.SparkConnectServer"
                    : "org.apache.spark.deploy.history.HistoryServer";
            List<String> command = JmxAgentRuntime.launchCommand(
                    home, conf, Map.of(), "org.apache.spark.deploy.SparkSubmit", "--class", main, "spark-internal");
            assertThat(command).as(server + " (spark-submit): " + command).containsOnlyOnce(OPTION);
            assertThat(command.indexOf(OPTION))
                    .as("the agent (spark.driver.defaultJavaOptions) before the main class")
                    .isLessThan(command.indexOf("org.apache.spark.deploy.SparkSubmit"));
            if (server.equals("connect")) {
                assertThat(command.indexOf(OPTION))
                        .as("a user's spark.driver.defaultJavaOptions kept, after the agent")
                        .isLessThan(command.indexOf("-Duser.default=kept"));
            }
            if (server.equals("history-server")) {
                assertThat(command.indexOf(OPTION))
                        .as("a user's spark.driver.extraJavaOptions kept, after the agent")
                        .isLessThan(command.indexOf("-Duser.option=kept"));
            }
        }
        for (String daemon : List.of("master", "worker")) {
            String main = daemon.equals("master")
                    ? "org.apache.spark.deploy.master.Master"
                    : "org.apache.spark.deploy.worker.Worker";
            Map<String, String> env = daemonEnv(chart, daemon);
            assertThat(env).as("the rendered env of the " + daemon).containsKey("SPARK_DAEMON_JAVA_OPTS");
            List<String> command = JmxAgentRuntime.launchCommand(
                    home, Files.createDirectories(tmp.resolve(daemon + "-conf")), env, main);
            assertThat(command).as(daemon + " (spark-class): " + command).containsOnlyOnce(OPTION);
        }
    }

    /** The plain env values of a standalone daemon's container. */
    private static Map<String, String> daemonEnv(RenderedChart chart, String daemon) {
        Map<String, Object> spec = chart.podSpec("Deployment", RenderedChart.RELEASE + "-standalone-" + daemon);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> container : RenderedChart.list(spec, "containers")) {
            if (daemon.equals(container.get("name"))) {
                for (Map<String, Object> entry : RenderedChart.list(container, "env")) {
                    if (entry.get("value") != null) {
                        env.put(String.valueOf(entry.get("name")), String.valueOf(entry.get("value")));
                    }
                }
            }
        }
        env.remove("SPARK_CONF_DIR"); // the pod's path; the test gives the launcher a folder of its own
        return env;
    }
}
