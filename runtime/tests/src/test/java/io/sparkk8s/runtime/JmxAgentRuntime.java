package io.sparkk8s.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17, the JMX exporter in the runtime tier: a job driver started the way the image starts it (its
 * {@code spark-submit} asks Spark's launcher, {@code org.apache.spark.launcher.Main}, for the java command, as
 * {@code bin/spark-class} does), so the rendered {@code spark.driver.defaultJavaOptions} reaches the JVM through the
 * launcher itself; the agent jar is the one Maven fetched ({@code io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1},
 * module {@code runtime/jmx-exporter}) in place of the path the values give, and its configuration is the rendered
 * ConfigMap, mounted as the pod mounts it.
 */
final class JmxAgentRuntime {

    /** The agent's path in the image, as a user names it in the values; the tier substitutes the fetched jar. */
    static final String AGENT_IN_IMAGE = "/opt/spark/jmx/jmx_prometheus_javaagent-1.0.1.jar";

    /** The agent's port: the values' default, fixed like every port of the tier (run under its lock). */
    static final int PORT = 9404;

    private JmxAgentRuntime() {}

    /** The agent in every process, with the alert rules and the dashboard whose metric names the scrape must show. */
    static Map<String, String> sets() {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("global.monitoring.jmxExporter.enabled", "true");
        sets.put("global.monitoring.jmxExporter.agentPath", AGENT_IN_IMAGE);
        sets.put("monitoring.prometheusRule.enabled", "true");
        sets.put("monitoring.dashboards.enabled", "true");
        return sets;
    }

    /** Whether a chart starts the agent somewhere (it renders the agent's configuration). */
    static boolean on(RenderedChart chart) {
        return chart.has("ConfigMap", RenderedChart.RELEASE + "-jmx-exporter");
    }

    /** A mounted-file filter that also puts the fetched agent jar where the values name it. */
    static BiFunction<String, String, String> withAgentJar(BiFunction<String, String, String> files) {
        String jar = Programs.JMX_EXPORTER.classpath();
        assertThat(jar).as("the agent jar Maven fetched").endsWith("jmx_prometheus_javaagent-1.0.1.jar");
        return (name, text) -> files.apply(name, text).replace(AGENT_IN_IMAGE, jar);
    }

    /**
     * The image's {@code spark-submit} as a script: like Spark's {@code bin/spark-class}, it runs the launcher, skips
     * what the launcher prints before its start mark (a NUL line), reads the NUL-separated java command and its exit
     * status, and runs that command. {@code SPARK_HOME} is a folder whose {@code jars/} links the class path Maven
     * resolved for the line; {@code SPARK_SUBMIT_OPTS} (which the launcher adds) keeps the tier's cheap JIT and GC.
     */
    static String sparkSubmit(String line, Path dir) throws IOException {
        SparkHome home = sparkHome(line, dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return String.join(
                "\n",
                "export SPARK_HOME='" + home.dir() + "' SPARK_SCALA_VERSION=" + home.scala(),
                "export SPARK_SUBMIT_OPTS='-XX:+UseSerialGC -XX:TieredStopAtLevel=1'",
                "started=false; delim=$'\\n'; CMD=()",
                "while IFS= read -d \"$delim\" -r arg; do",
                "  if $started; then CMD+=(\"$arg\"); elif [ -z \"$arg\" ]; then started=true; delim=''; else echo \"$arg\"; fi",
                "done < <('" + java + "' -Xmx128m -cp '" + home.launcher()
                        + "' org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit \"$@\"; printf '%d\\0' $?)",
                "last=$(( ${#CMD[@]} - 1 ))",
                "[ \"${CMD[$last]}\" = 0 ] || exit \"${CMD[$last]}\"",
                "exec \"${CMD[@]:0:$last}\"");
    }

    /**
     * A Spark home of the line on this machine: its {@code jars/} links the class path Maven resolved.
     *
     * @param launcher the spark-launcher jar
     * @param scala the line's Scala version, as {@code SPARK_SCALA_VERSION} names it
     */
    record SparkHome(Path dir, String launcher, String scala) {}

    static SparkHome sparkHome(String line, Path dir) throws IOException {
        Path jars = dir.resolve("spark-home").resolve("jars");
        Files.createDirectories(jars);
        String launcher = null;
        for (String entry : Programs.spark(line).classpath().split(":")) {
            Path jar = Path.of(entry);
            Path link = jars.resolve(jar.getFileName());
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, jar);
            }
            if (jar.getFileName().toString().startsWith("spark-launcher_")) {
                launcher = entry;
            }
        }
        assertThat(launcher).as("spark-launcher on the line's class path").isNotNull();
        return new SparkHome(jars.getParent(), launcher, "4.1".equals(line) ? "2.13" : "2.12");
    }

    /**
     * The java command Spark's launcher builds for a main class, as {@code bin/spark-class} asks for it: the
     * arguments after the launcher's start mark (a NUL line), NUL-separated.
     *
     * @param confDir the {@code SPARK_CONF_DIR} (its {@code spark-defaults.conf} is read for spark-submit)
     * @param env more environment (e.g. {@code SPARK_DAEMON_JAVA_OPTS})
     */
    static List<String> launchCommand(SparkHome home, Path confDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                home.launcher(),
                "org.apache.spark.launcher.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SPARK_HOME", home.dir().toString());
        builder.environment().put("SPARK_SCALA_VERSION", home.scala());
        builder.environment().put("SPARK_CONF_DIR", confDir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("the launcher's exit status\n" + out).isZero();
        int start = out.indexOf("\0\n");
        assertThat(start).as("the launcher's start mark in\n" + out).isNotNegative();
        return List.of(out.substring(start + 2).split("\0"));
    }

    /** The body of the agent's /metrics on this machine (the pod's port). */
    static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + "\n" + response.body();
    }

    private static final Pattern JVM_METRIC = Pattern.compile("\\b(jvm_[a-z_]+)");

    /** The JMX exporter's metric names the rendered alert rules and dashboard read (jvm_*). */
    static Set<String> namesTheChartReads(RenderedChart chart) {
        String rules = String.valueOf(chart.object("PrometheusRule", RenderedChart.RELEASE + "-spark-alerts"));
        String dashboard =
                chart.configMap(RenderedChart.RELEASE + "-spark-dashboard").get("spark-dashboard.json");
        Set<String> names = new TreeSet<>();
        for (String text : List.of(rules, dashboard)) {
            Matcher m = JVM_METRIC.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The driver's JVM served the agent's metrics, with every name the rendered rules and dashboard read; the
     * executor pods Spark built carry the port jmx, the mounted configuration and the agent in their Java options
     * (JAVA_TOOL_OPTIONS in the template's env, which Spark keeps; not in SPARK_JAVA_OPT_*, where a 3.5 driver put
     * spark.executor.defaultJavaOptions twice).
     */
    static void assertAgentServedAndShipped(RenderedChart chart, String scraped, List<Pod> executors) {
        Set<String> names = namesTheChartReads(chart);
        assertThat(names)
                .as("the JVM metrics the alerts and panels read")
                .contains("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_collection_seconds_sum");
        assertThat(scraped).as("the agent answers on its port").startsWith("200\n");
        for (String name : names) {
            assertThat(scraped)
                    .as("the agent's /metrics names %s, which the chart's rules or dashboard read", name)
                    .containsPattern("(?m)^" + name + "\\{");
        }
        assertThat(scraped)
                .as("the included MBean, named in lower case (lowercaseOutputName)")
                .containsPattern("(?m)^java_lang_operatingsystem_[a-z]");
        // the rendered option, with the fetched jar where the values name the agent (the tier's one substitution)
        String option = "-javaagent:" + Programs.JMX_EXPORTER.classpath() + "=" + PORT
                + ":/opt/spark-k8s/jmx/jmx-exporter.yaml";
        assertThat(executors).as("executor pods Spark built").isNotEmpty();
        for (Pod pod : executors) {
            Container c = pod.getSpec().getContainers().get(0);
            assertThat(c.getPorts())
                    .as("Spark keeps the template's port jmx beside its own")
                    .anyMatch(p -> "jmx".equals(p.getName()) && p.getContainerPort() == PORT);
            assertThat(c.getVolumeMounts())
                    .anyMatch(m -> "jmx-exporter".equals(m.getName())
                            && "/opt/spark-k8s/jmx".equals(m.getMountPath())
                            && Boolean.TRUE.equals(m.getReadOnly()));
            assertThat(pod.getSpec().getVolumes())
                    .anyMatch(v -> v.getConfigMap() != null
                            && (RenderedChart.RELEASE + "-jmx-exporter")
                                    .equals(v.getConfigMap().getName()));
            assertThat(c.getEnv())
                    .as("the executor JVM reads the agent option from the template's env")
                    .anyMatch(e -> "JAVA_TOOL_OPTIONS".equals(e.getName()) && option.equals(e.getValue()));
            assertThat(c.getEnv().stream()
                            .filter(e -> e.getName().startsWith("SPARK_JAVA_OPT_"))
                            .map(EnvVar::getValue))
                    .as("and from nowhere else: a second agent in one JVM cannot bind the port")
                    .noneMatch(o -> o.contains("-javaagent"));
        }
    }
}
