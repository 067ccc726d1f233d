package io.sparkk8s.core;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code global.monitoring.jmxExporter.*} values (issue 17): the Prometheus JMX exporter as a Java agent in the
 * Spark JVMs of the release, for images that carry its jar. Under {@code global}, like
 * {@code global.monitoring.annotations}: the pods that start the agent (Connect, the History Server, the standalone
 * daemons, job drivers) live in the subcharts of the 3.5 umbrella, which see only their own values and
 * {@code global}. The templates that read them are {@code templates/_jmx.tpl} (in every chart's helpers), the root's
 * {@code jmx-exporter.yaml} (the agent's configuration) and {@code monitoring.yaml} (PodMonitor endpoints, alerts,
 * dashboard panels).
 */
final class JmxExporterValues {

    /** The processes the agent can run in; standalone executors are not among them (several JVMs per worker pod). */
    static final List<String> PROCESSES = List.of("connect", "executors", "jobs", "historyServer", "standalone");

    /**
     * The ports of the Spark processes and their sidecars the agent must not take: the Connect server's gRPC (15002,
     * and 15012 behind 4.1's TLS proxy), every driver's UI, RPC and block manager (4040, 7078, 7079), the
     * standalone master (7077, UI 8080, REST 6066), a worker's UI (8081), the History Server's (18080).
     */
    static final List<Integer> SPARK_PORTS = List.of(4040, 6066, 7077, 7078, 7079, 8080, 8081, 15002, 15012, 18080);

    private static final String PREFIX = "monitoring.jmxExporter.";

    private JmxExporterValues() {}

    /** The values, relative to {@code global}. */
    static List<Value> global() {
        return List.of(
                Value.bool(
                        PREFIX + "enabled",
                        false,
                        "Start the Prometheus JMX exporter (io.prometheus.jmx:jmx_prometheus_javaagent, 1.x) as a "
                                + "Java agent in the Spark JVMs of jmxExporter.processes; it serves the JVM's "
                                + "heap, GC, threads and process metrics and the included MBeans on the container "
                                + "port jmx, path /metrics. The image must carry the agent jar (agentPath). The only "
                                + "metrics source of the History Server, which runs no Spark metrics system."),
                Value.string(
                                PREFIX + "agentPath",
                                "",
                                "Path of the agent jar inside the Spark image (no official Spark image ships it; "
                                        + "bake it into your image), e.g. "
                                        + "/opt/spark/jmx/jmx_prometheus_javaagent-1.0.1.jar. Required when "
                                        + "enabled.")
                        .pattern("^$|^/[A-Za-z0-9._/-]+[.]jar$")
                        .examples("/opt/spark/jmx/jmx_prometheus_javaagent-1.0.1.jar"),
                Value.integer(
                                PREFIX + "port",
                                9404,
                                "Port the agent listens on in every pod that carries it (the container port "
                                        + "named jmx); not one of the Spark ports " + SPARK_PORTS + ".")
                        .range(1024, 65535),
                Value.stringList(
                                PREFIX + "processes",
                                PROCESSES,
                                "The Spark JVMs that start the agent: connect (the Connect server, a driver), "
                                        + "executors (the Kubernetes executors of Connect and of submit jobs), jobs "
                                        + "(the drivers of submit jobs), historyServer, standalone (the master and "
                                        + "the workers; not their executors: several executor JVMs share a worker "
                                        + "pod, and one fixed port cannot serve them).")
                        .pattern("^(" + String.join("|", PROCESSES) + ")$"),
                Value.bool(
                        PREFIX + "config.lowercaseOutputName",
                        true,
                        "The agent's lowercaseOutputName: metric names of MBean attributes in lower case."),
                Value.bool(
                        PREFIX + "config.lowercaseOutputLabelNames",
                        true,
                        "The agent's lowercaseOutputLabelNames: label names in lower case."),
                Value.stringList(
                                PREFIX + "config.includeObjectNames",
                                List.of("java.lang:type=OperatingSystem"),
                                "The agent's includeObjectNames: the MBeans it reads on every scrape (an empty "
                                        + "list reads all of them, Hadoop's and any JmxSink's included: costly). "
                                        + "The JVM's heap, GC, thread, class and process metrics come from the "
                                        + "agent's built-in JVM collectors whatever this lists.")
                        .examples(List.of("java.lang:type=OperatingSystem", "Hadoop:service=*,*")),
                Value.stringList(
                        PREFIX + "config.excludeObjectNames",
                        List.of(),
                        "The agent's excludeObjectNames: MBeans never read; wins over includeObjectNames."),
                Value.objectList(
                        PREFIX + "config.rules",
                        "The agent's rules (pattern, name, type, labels, …), applied in order; empty means its "
                                + "default rule, which exports every numeric attribute of the included MBeans."));
    }

    /** The agent needs its jar and a port no Spark process of the release listens on. */
    static List<Rule> rules() {
        String enabled = "global." + PREFIX + "enabled";
        String port = "global." + PREFIX + "port";
        List<Condition> clashes = new ArrayList<>();
        for (int p : SPARK_PORTS) {
            clashes.add(Condition.eq(port, p));
        }
        return List.of(
                new Rule(
                        "jmx-exporter-needs-agent-path",
                        Condition.eq(enabled, true),
                        Condition.present("global." + PREFIX + "agentPath"),
                        "{" + enabled + "} needs {global." + PREFIX + "agentPath}: the path of the "
                                + "jmx_prometheus_javaagent jar inside your Spark image (no official Spark image "
                                + "carries it)"),
                new Rule(
                        "jmx-exporter-port-is-free",
                        Condition.eq(enabled, true),
                        Condition.not(Condition.any(clashes.toArray(Condition[]::new))),
                        "{" + port + "} is a port a Spark process of the release listens on " + SPARK_PORTS
                                + ": choose another, e.g. 9404"));
    }
}
