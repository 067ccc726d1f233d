package io.sparkk8s.verify;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.verify.PodSpecs.ContainerRef;
import io.sparkk8s.verify.PodSpecs.PodSpecRef;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrape resolution (issue 17): every endpoint of a rendered PodMonitor or ServiceMonitor reaches at least one
 * rendered pod of the release on a container port of that name, and on a path the Spark process in that pod serves
 * with the settings the chart gives it. A monitor that selects nothing, names a port no selected pod has, or asks
 * a path Spark does not serve there, is a finding: Prometheus would show the target down or never find it.
 *
 * <p>What a Spark process serves, from Spark's sources (docs/facts.md, "Metrics"): the metrics system of an
 * instance ({@code driver}, {@code master}, {@code applications}, {@code worker}) attaches a PrometheusServlet at
 * {@code <instance>.sink.prometheusServlet.path} (else {@code *.sink.prometheusServlet.path}) when that sink's class
 * is {@code org.apache.spark.metrics.sink.PrometheusServlet}; settings come from {@code spark.metrics.conf.*} keys.
 * A driver also serves {@code /metrics/executors/prometheus} when {@code spark.ui.prometheus.enabled} (default true
 * on 4.x, false on 3.5). The History Server starts no metrics system. Servlets answer their path with a trailing
 * slash, and redirect the bare path to it (which Prometheus follows by default); both are accepted.
 *
 * <p>The Spark settings of a pod are the {@code .conf} entries of the ConfigMaps it mounts, {@code
 * spark-defaults.conf} last (the chart assembles the wiring first, then the block's own file), then the {@code
 * --conf k=v} arguments of its command. The process is told by the main class its command starts.
 *
 * <p>A rendered SparkApplication or ScheduledSparkApplication (kubeflow/spark-operator) stands for the driver pod
 * Spark builds for it in cluster mode: labels {@code spec.driver.labels} plus Spark's {@code spark-role: driver},
 * the container port {@code spark-ui} on {@code spark.ui.port}, settings {@code spec.sparkConf}.
 *
 * <p>The Prometheus JMX exporter agent serves {@code /metrics} on a port when the JVM of the container really
 * starts it there: a {@code -javaagent:<jar>=[<host>:]<port>:<config file>} option among the JVM options the
 * process's launcher reads ({@code JAVA_TOOL_OPTIONS} for any JVM; for a client-mode driver started by
 * {@code spark-submit} {@code spark.driver.defaultJavaOptions} and {@code spark.driver.extraJavaOptions}; for the
 * standalone master and worker started by {@code spark-class} {@code SPARK_DAEMON_JAVA_OPTS} and
 * {@code SPARK_MASTER_OPTS} / {@code SPARK_WORKER_OPTS}), on a host other than the loopback, with its configuration
 * file in a volume the container mounts (a rendered ConfigMap holding that key). An executor pod template embedded in
 * a ConfigMap stands for the executor pods Spark builds from it: its JVM options are
 * {@code spark.executor.defaultJavaOptions} and {@code spark.executor.extraJavaOptions} of the {@code .conf} files
 * beside it (the driver's settings).
 */
final class ScrapeCheck {

    static final String MONITORING_API = "monitoring.coreos.com/v1";
    private static final String SPARK_OPERATOR_API = "sparkoperator.k8s.io/v1beta2";
    private static final String PROMETHEUS_SERVLET = "org.apache.spark.metrics.sink.PrometheusServlet";
    private static final Pattern CONF_ARG = Pattern.compile("--conf\\s+\"?([A-Za-z0-9_.*-]+)=([^\"\\s]*)\"?");
    private static final Pattern WEBUI_PORT = Pattern.compile("--webui-port\\s+\"?(\\d+)");
    /** A Java agent with the JMX exporter's argument: {@code <jar>=[<host>:]<port>:<config file>}. */
    private static final Pattern JAVA_AGENT =
            Pattern.compile("-javaagent:([^=\\s\"']+)=(?:([^:\\s\"']+):)?(\\d+):([^\\s\"']+)");
    /** The path the JMX exporter agent serves. */
    static final String JMX_PATH = "/metrics";

    private final SparkLine line;
    private final FindingCollector findings;
    private final List<PodSpecRef> pods;
    /** Executor pod templates embedded in ConfigMaps: the pods Spark builds from them. */
    private final List<PodSpecRef> executorTemplates;

    private final Map<String, K8sObject> configMaps = new LinkedHashMap<>();
    private final List<K8sObject> services = new ArrayList<>();
    private final List<Candidate> operatorDrivers = new ArrayList<>();

    private ScrapeCheck(Optional<SparkLine> line, List<K8sObject> objects, List<PodSpecRef> pods, FindingCollector f) {
        this.line = line.orElse(SparkLine.SPARK_3_5);
        this.findings = f;
        this.pods = pods.stream().filter(p -> !p.embedded()).toList();
        this.executorTemplates = pods.stream()
                .filter(p -> p.embedded() && "ConfigMap".equals(p.owner().kind()))
                .toList();
        for (K8sObject o : objects) {
            if ("ConfigMap".equals(o.kind())) {
                configMaps.put(o.name(), o);
            } else if ("Service".equals(o.kind())) {
                services.add(o);
            }
            sparkApplicationSpec(o)
                    .ifPresent(spec -> operatorDrivers.add(operatorDriver(
                            o, spec, "ScheduledSparkApplication".equals(o.kind()) ? "spec.template" : "spec")));
        }
    }

    /** Whether an object is a monitor this check resolves. */
    static boolean isMonitor(K8sObject o) {
        return MONITORING_API.equals(o.apiVersion())
                && ("PodMonitor".equals(o.kind()) || "ServiceMonitor".equals(o.kind()));
    }

    /**
     * Checks every monitor of a rendered set.
     *
     * @param line the chart's Spark line, when known (it decides spark.ui.prometheus.enabled's default); 3.5's
     *     stricter default when unknown
     */
    static void check(
            Optional<SparkLine> line, List<K8sObject> objects, List<PodSpecRef> pods, FindingCollector findings) {
        ScrapeCheck check = new ScrapeCheck(line, objects, pods, findings);
        for (K8sObject o : objects) {
            if (isMonitor(o)) {
                if ("PodMonitor".equals(o.kind())) {
                    check.podMonitor(o);
                } else {
                    check.serviceMonitor(o);
                }
            }
        }
        check.candidates().stream().filter(c -> c.annotations().scraped()).forEach(check::annotated);
    }

    /** How many scrape targets a rendered set declares: its monitors and its pods annotated prometheus.io/scrape. */
    static int targets(List<K8sObject> objects, List<PodSpecRef> pods) {
        ScrapeCheck check = new ScrapeCheck(Optional.empty(), objects, pods, new FindingCollector("count"));
        return (int) objects.stream().filter(ScrapeCheck::isMonitor).count()
                + (int) check.candidates().stream()
                        .filter(c -> c.annotations().scraped())
                        .count();
    }

    /**
     * A pod annotated {@code prometheus.io/scrape: "true"}, as annotation-based discovery (the kubernetes-pods job of
     * Prometheus's example configuration) scrapes it: {@code prometheus.io/port} (a container port of the pod) and
     * {@code prometheus.io/path} (default {@code /metrics}) must name a path the Spark process serves there.
     */
    private void annotated(Candidate pod) {
        Annotations annotations = pod.annotations();
        String port = annotations.values().get(PORT_ANNOTATION);
        if (port == null || !port.strip().matches("[0-9]+")) {
            findings.add(
                    Checks.SCRAPE_TARGET,
                    pod.object(),
                    annotations.path(),
                    pod.owner() + " is annotated " + SCRAPE_ANNOTATION + " without a numeric " + PORT_ANNOTATION + " ("
                            + port + "): Prometheus would try every declared port; name the metrics port");
            return;
        }
        Optional<Target> target = pod.number().apply(Integer.parseInt(port.strip()));
        if (target.isEmpty()) {
            findings.add(
                    Checks.SCRAPE_TARGET,
                    pod.object(),
                    annotations.path(),
                    pod.owner() + " is annotated " + PORT_ANNOTATION + " " + port.strip()
                            + " but no container of the pod declares that port");
            return;
        }
        path(
                pod.object(),
                Tree.entry(annotations.path(), PATH_ANNOTATION),
                annotations.values().get(PATH_ANNOTATION),
                List.of(target.get()));
    }

    /**
     * A container port a monitor endpoint reaches, and the Prometheus paths the Spark process there serves on it.
     *
     * @param owner the rendered object whose pod it is
     */
    private record Target(String owner, int port, Set<String> served) {}

    /**
     * A pod a PodMonitor may select: a rendered pod spec, or the driver pod Spark builds for a rendered
     * SparkApplication or ScheduledSparkApplication (the Spark Operator submits it in cluster mode).
     *
     * @param owner the rendered object the pod comes from
     * @param labels the pod's labels
     * @param port the target of a container port name, when the pod has a port of that name
     */
    private record Candidate(
            K8sObject object,
            String owner,
            Map<String, String> labels,
            Annotations annotations,
            Function<String, Optional<Target>> port,
            Function<Integer, Optional<Target>> number) {}

    /**
     * A pod's annotations and where they are in the rendered object.
     *
     * @param path the path of the annotations map ({@code spec.template.metadata.annotations})
     */
    private record Annotations(Map<String, String> values, String path) {

        boolean scraped() {
            return "true".equals(values.get(SCRAPE_ANNOTATION));
        }
    }

    static final String SCRAPE_ANNOTATION = "prometheus.io/scrape";
    private static final String PORT_ANNOTATION = "prometheus.io/port";
    private static final String PATH_ANNOTATION = "prometheus.io/path";

    private void podMonitor(K8sObject monitor) {
        List<Candidate> selected = selected(Tree.mapAt(monitor.body(), "spec", "selector"));
        if (selected.isEmpty()) {
            findings.add(
                    Checks.SCRAPE_TARGET,
                    monitor,
                    "spec.selector",
                    "selects no rendered pod: no pod template carries " + Tree.mapAt(monitor.body(), "spec", "selector")
                            + "; align it with the pod labels");
            return;
        }
        List<Object> endpoints = Tree.listAt(monitor.body(), "spec", "podMetricsEndpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            String where = "spec.podMetricsEndpoints[" + i + "]";
            String port = Tree.strAt(endpoints.get(i), "port");
            if (port == null) {
                findings.add(Checks.SCRAPE_TARGET, monitor, where, "names no port; name the container port to scrape");
                continue;
            }
            List<Target> targets = new ArrayList<>();
            for (Candidate pod : selected) {
                pod.port().apply(port).ifPresent(targets::add);
            }
            if (targets.isEmpty()) {
                findings.add(
                        Checks.SCRAPE_TARGET,
                        monitor,
                        where + ".port",
                        "no selected pod has a container port named '" + port + "' (selected: "
                                + selected.stream().map(Candidate::owner).toList() + ")");
                continue;
            }
            path(monitor, where + ".path", Tree.strAt(endpoints.get(i), "path"), targets);
        }
    }

    private void serviceMonitor(K8sObject monitor) {
        Map<String, Object> selector = Tree.mapAt(monitor.body(), "spec", "selector");
        List<K8sObject> chosen =
                services.stream().filter(s -> matches(selector, s.labels())).toList();
        if (chosen.isEmpty()) {
            findings.add(
                    Checks.SCRAPE_TARGET,
                    monitor,
                    "spec.selector",
                    "selects no rendered Service: none carries " + selector + "; align it with the Service labels");
            return;
        }
        List<Object> endpoints = Tree.listAt(monitor.body(), "spec", "endpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            String where = "spec.endpoints[" + i + "]";
            String port = Tree.strAt(endpoints.get(i), "port");
            List<Target> targets = new ArrayList<>();
            boolean named = false;
            for (K8sObject service : chosen) {
                for (Object p : Tree.listAt(service.body(), "spec", "ports")) {
                    if (port == null || !port.equals(Tree.strAt(p, "name"))) {
                        continue;
                    }
                    named = true;
                    Object targetPort =
                            Tree.at(p, "targetPort") != null ? Tree.at(p, "targetPort") : Tree.at(p, "port");
                    for (PodSpecRef pod : selectedByService(service)) {
                        (targetPort instanceof Number n
                                        ? numberedPort(pod, n.intValue())
                                        : namedPort(pod, String.valueOf(targetPort)))
                                .ifPresent(targets::add);
                    }
                }
            }
            if (!named) {
                continue; // a port name no selected Service has: the reference check reports it
            }
            if (targets.isEmpty()) {
                findings.add(
                        Checks.SCRAPE_TARGET,
                        monitor,
                        where + ".port",
                        "no selected Service has a port named '" + port
                                + "' that reaches a container port of its pods");
                continue;
            }
            path(monitor, where + ".path", Tree.strAt(endpoints.get(i), "path"), targets);
        }
    }

    /** The endpoint's path must be served on the target port of at least one reached pod. */
    private void path(K8sObject monitor, String where, String path, List<Target> targets) {
        String asked = path == null ? "/metrics" : path;
        Set<String> served = new TreeSet<>();
        for (Target target : targets) {
            Set<String> paths = target.served();
            if (paths.contains(asked)
                    || paths.contains(asked.endsWith("/") ? asked.substring(0, asked.length() - 1) : asked + "/")) {
                return;
            }
            served.addAll(paths);
        }
        findings.add(
                Checks.SCRAPE_TARGET,
                monitor,
                where,
                "no reached pod serves " + asked + " on that port with the rendered Spark settings ("
                        + targets.stream()
                                .map(t -> t.owner() + ":" + t.port())
                                .distinct()
                                .toList()
                        + " serve " + (served.isEmpty() ? "no Prometheus path" : String.join(", ", served))
                        + (JMX_PATH.equals(asked)
                                ? "); start the JMX exporter agent on that port in those JVMs"
                                        + " (global.monitoring.jmxExporter) with its configuration mounted, or fix"
                                        + " the port"
                                : "); turn the Prometheus endpoints on (monitoring.enabled) or fix the path"));
    }

    /** The Prometheus paths the Spark process of a container serves on a port, from its settings. */
    private Set<String> servedPaths(PodSpecRef pod, ContainerRef container, int port) {
        if (pod.embedded()) {
            // an executor pod template: the executor JVM serves no Spark UI, only a Java agent
            Properties driver = new Properties();
            Tree.mapAt(pod.owner().body(), "data").forEach((key, text) -> {
                if (key.endsWith(".conf") && text instanceof String t) {
                    load(driver, t);
                }
            });
            String options = env(container, "JAVA_TOOL_OPTIONS") + " "
                    + driver.getProperty("spark.executor.defaultJavaOptions", "") + " "
                    + driver.getProperty("spark.executor.extraJavaOptions", "");
            return jmxAgentServes(pod, container, options, port) ? Set.of(JMX_PATH) : Set.of();
        }
        String command = String.join(
                        "\n",
                        Tree.listAt(container.body(), "command").stream()
                                .map(String::valueOf)
                                .toList())
                + "\n"
                + String.join(
                        "\n",
                        Tree.listAt(container.body(), "args").stream()
                                .map(String::valueOf)
                                .toList());
        Properties conf = sparkConf(pod, command);
        Set<String> paths = new TreeSet<>();
        Matcher webui = WEBUI_PORT.matcher(command);
        if (command.contains("org.apache.spark.deploy.master.Master")) {
            int ui = webui.find() ? Integer.parseInt(webui.group(1)) : intOf(conf, "spark.master.ui.port", 8080);
            if (ui == port) {
                servlet(conf, "master").ifPresent(paths::add);
                servlet(conf, "applications").ifPresent(paths::add);
            }
        } else if (command.contains("org.apache.spark.deploy.worker.Worker")) {
            int ui = webui.find() ? Integer.parseInt(webui.group(1)) : intOf(conf, "spark.worker.ui.port", 8081);
            if (ui == port) {
                servlet(conf, "worker").ifPresent(paths::add);
            }
        } else if (command.contains("spark-submit") || command.contains("org.apache.spark.deploy.SparkSubmit")) {
            if (intOf(conf, "spark.ui.port", 4040) == port) {
                paths.addAll(driverPaths(conf));
            }
        }
        if (jmxAgentServes(pod, container, jvmOptions(container, command, conf), port)) {
            paths.add(JMX_PATH);
        }
        return paths;
    }

    /**
     * The JVM options the launcher of a container's Spark process reads (SparkClassCommandBuilder for the standalone
     * daemons, SparkSubmitCommandBuilder in client mode for spark-submit), with the JVM's own JAVA_TOOL_OPTIONS.
     */
    private static String jvmOptions(ContainerRef container, String command, Properties conf) {
        StringBuilder options = new StringBuilder(env(container, "JAVA_TOOL_OPTIONS"));
        if (command.contains("org.apache.spark.deploy.master.Master")) {
            options.append(' ').append(env(container, "SPARK_DAEMON_JAVA_OPTS"));
            options.append(' ').append(env(container, "SPARK_MASTER_OPTS"));
        } else if (command.contains("org.apache.spark.deploy.worker.Worker")) {
            options.append(' ').append(env(container, "SPARK_DAEMON_JAVA_OPTS"));
            options.append(' ').append(env(container, "SPARK_WORKER_OPTS"));
        } else if ((command.contains("spark-submit") || command.contains("org.apache.spark.deploy.SparkSubmit"))
                && !"cluster"
                        .equals(conf.getProperty("spark.submit.deployMode", "client")
                                .strip())) {
            options.append(' ').append(conf.getProperty("spark.driver.defaultJavaOptions", ""));
            options.append(' ').append(conf.getProperty("spark.driver.extraJavaOptions", ""));
        }
        return options.toString();
    }

    /** The plain value of a container's env entry, or "". */
    private static String env(ContainerRef container, String name) {
        for (Object entry : Tree.list(container.body().get("env"))) {
            if (name.equals(Tree.strAt(entry, "name")) && Tree.strAt(entry, "value") != null) {
                return Tree.strAt(entry, "value");
            }
        }
        return "";
    }

    /**
     * Whether JVM options start the JMX exporter agent on the port, reachable from other pods (not on the
     * loopback), with its configuration file in a volume the container mounts.
     */
    private boolean jmxAgentServes(PodSpecRef pod, ContainerRef container, String options, int port) {
        Matcher agent = JAVA_AGENT.matcher(options);
        while (agent.find()) {
            String host = agent.group(2);
            boolean loopback = host != null && (host.startsWith("127.") || "localhost".equals(host));
            if (!loopback && Integer.parseInt(agent.group(3)) == port && mounted(pod, container, agent.group(4))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a file is in a volume the container mounts: a rendered ConfigMap must hold its key. */
    private boolean mounted(PodSpecRef pod, ContainerRef container, String file) {
        for (Object mount : Tree.list(container.body().get("volumeMounts"))) {
            String at = Tree.strAt(mount, "mountPath");
            if (at == null || !file.startsWith(at.endsWith("/") ? at : at + "/")) {
                continue;
            }
            String key = file.substring(at.length()).replaceFirst("^/", "");
            for (Object volume : Tree.list(pod.spec().get("volumes"))) {
                if (!String.valueOf(Tree.strAt(volume, "name")).equals(Tree.strAt(mount, "name"))) {
                    continue;
                }
                String configMap = Tree.strAt(volume, "configMap", "name");
                if (configMap == null) {
                    return true; // another kind of volume: its files are not rendered
                }
                K8sObject rendered = configMaps.get(configMap);
                return rendered == null || Tree.mapAt(rendered.body(), "data").containsKey(key);
            }
        }
        return false;
    }

    /** What a driver's UI serves: its own metrics, and its executors' when spark.ui.prometheus.enabled. */
    private Set<String> driverPaths(Properties conf) {
        Set<String> paths = new TreeSet<>();
        if ("false"
                .equalsIgnoreCase(conf.getProperty("spark.ui.enabled", "true").strip())) {
            return paths;
        }
        servlet(conf, "driver").ifPresent(paths::add);
        String executors =
                conf.getProperty("spark.ui.prometheus.enabled", line == SparkLine.SPARK_3_5 ? "false" : "true");
        if ("true".equalsIgnoreCase(executors.strip())) {
            paths.add("/metrics/executors/prometheus");
        }
        return paths;
    }

    /**
     * The driver pod Spark builds for a rendered SparkApplication (or a ScheduledSparkApplication's template): the
     * labels of {@code spec.driver.labels} plus Spark's {@code spark-role: driver}, and the driver container's port
     * {@code spark-ui} on {@code spark.ui.port}, which Spark's BasicDriverFeatureStep always declares (Constants:
     * SPARK_ROLE_LABEL, UI_PORT_NAME); the process reads {@code spec.sparkConf}, which the operator passes as
     * {@code --conf}.
     */
    private static Optional<Map<String, Object>> sparkApplicationSpec(K8sObject o) {
        if (!SPARK_OPERATOR_API.equals(o.apiVersion())) {
            return Optional.empty();
        }
        return switch (o.kind()) {
            case "SparkApplication" -> Optional.of(Tree.mapAt(o.body(), "spec"));
            case "ScheduledSparkApplication" -> Optional.of(Tree.mapAt(o.body(), "spec", "template"));
            default -> Optional.empty();
        };
    }

    private Candidate operatorDriver(K8sObject application, Map<String, Object> spec, String specPath) {
        Map<String, String> labels = new LinkedHashMap<>(Tree.stringMapAt(spec, "driver", "labels"));
        labels.put("spark-role", "driver");
        Properties conf = new Properties();
        conf.putAll(Tree.stringMapAt(spec, "sparkConf"));
        int ui = intOf(conf, "spark.ui.port", 4040);
        String owner = application.kind() + "/" + application.name() + " (driver)";
        Optional<Target> target = Optional.of(new Target(owner, ui, driverPaths(conf)));
        return new Candidate(
                application,
                owner,
                labels,
                new Annotations(Tree.stringMapAt(spec, "driver", "annotations"), specPath + ".driver.annotations"),
                name -> "spark-ui".equals(name) ? target : Optional.empty(),
                number -> number == ui ? target : Optional.empty());
    }

    /** The PrometheusServlet path of a metrics instance, when its sink is configured. */
    private static Optional<String> servlet(Properties conf, String instance) {
        String prefix = "spark.metrics.conf.";
        String cls = conf.getProperty(
                prefix + instance + ".sink.prometheusServlet.class",
                conf.getProperty(prefix + "*.sink.prometheusServlet.class", ""));
        if (!PROMETHEUS_SERVLET.equals(cls.strip())) {
            return Optional.empty();
        }
        String path = conf.getProperty(
                prefix + instance + ".sink.prometheusServlet.path",
                conf.getProperty(prefix + "*.sink.prometheusServlet.path"));
        return Optional.ofNullable(path).map(String::strip);
    }

    /** The pod's Spark settings: its ConfigMaps' .conf entries, spark-defaults.conf last, then --conf arguments. */
    private Properties sparkConf(PodSpecRef pod, String command) {
        Properties conf = new Properties();
        List<String> last = new ArrayList<>();
        for (Object volume : Tree.list(pod.spec().get("volumes"))) {
            List<String> names = new ArrayList<>();
            String direct = Tree.strAt(volume, "configMap", "name");
            if (direct != null) {
                names.add(direct);
            }
            for (Object source : Tree.listAt(volume, "projected", "sources")) {
                String projected = Tree.strAt(source, "configMap", "name");
                if (projected != null) {
                    names.add(projected);
                }
            }
            for (String name : names) {
                K8sObject configMap = configMaps.get(name);
                if (configMap == null) {
                    continue;
                }
                for (Map.Entry<String, Object> entry :
                        Tree.mapAt(configMap.body(), "data").entrySet()) {
                    if (!entry.getKey().endsWith(".conf") || !(entry.getValue() instanceof String text)) {
                        continue;
                    }
                    if (entry.getKey().equals(SparkSettingsCheck.DEFAULTS_FILE)) {
                        last.add(text);
                    } else {
                        load(conf, text);
                    }
                }
            }
        }
        last.forEach(text -> load(conf, text));
        Matcher arg = CONF_ARG.matcher(command);
        while (arg.find()) {
            conf.setProperty(arg.group(1), arg.group(2));
        }
        return conf;
    }

    private static void load(Properties conf, String text) {
        Properties file = new Properties();
        try {
            file.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return; // the spark-settings check reports an unreadable file
        }
        conf.putAll(file);
    }

    private static int intOf(Properties conf, String key, int fallback) {
        try {
            return Integer.parseInt(
                    conf.getProperty(key, String.valueOf(fallback)).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private Optional<Target> namedPort(PodSpecRef pod, String name) {
        for (ContainerRef c : pod.containers(false)) {
            for (Object p : Tree.list(c.body().get("ports"))) {
                if (name.equals(Tree.strAt(p, "name")) && Tree.at(p, "containerPort") instanceof Number n) {
                    return Optional.of(new Target(pod.owner().name(), n.intValue(), servedPaths(pod, c, n.intValue())));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Target> numberedPort(PodSpecRef pod, int number) {
        for (ContainerRef c : pod.containers(false)) {
            for (Object p : Tree.list(c.body().get("ports"))) {
                if (Tree.at(p, "containerPort") instanceof Number n && n.intValue() == number) {
                    return Optional.of(new Target(pod.owner().name(), number, servedPaths(pod, c, number)));
                }
            }
        }
        return Optional.empty();
    }

    private List<Candidate> selected(Map<String, Object> selector) {
        return candidates().stream().filter(p -> matches(selector, p.labels())).toList();
    }

    /** The rendered pods (not pod templates embedded in ConfigMaps) and the drivers of SparkApplications. */
    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        for (PodSpecRef pod : pods) {
            candidates.add(new Candidate(
                    pod.owner(),
                    pod.owner().name(),
                    pod.labels(),
                    new Annotations(
                            Tree.stringMapAt(pod.metadata(), "annotations"),
                            Tree.child(pod.metadataPath(), "annotations")),
                    name -> namedPort(pod, name),
                    number -> numberedPort(pod, number)));
        }
        for (PodSpecRef template : executorTemplates) {
            String owner = template.owner().name() + " (" + template.documentPath() + ")";
            candidates.add(new Candidate(
                    template.owner(),
                    owner,
                    template.labels(),
                    new Annotations(Map.of(), Tree.child(template.metadataPath(), "annotations")),
                    name -> namedPort(template, name).map(t -> new Target(owner, t.port(), t.served())),
                    number -> Optional.empty()));
        }
        candidates.addAll(operatorDrivers);
        return candidates;
    }

    private List<PodSpecRef> selectedByService(K8sObject service) {
        Map<String, String> selector = Tree.stringMapAt(service.body(), "spec", "selector");
        if (selector.isEmpty()) {
            return List.of();
        }
        return pods.stream()
                .filter(p -> p.labels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /** A label selector (matchLabels and matchExpressions) against labels; an empty selector selects everything. */
    static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
        if (!labels.entrySet()
                .containsAll(Tree.stringMapAt(selector, "matchLabels").entrySet())) {
            return false;
        }
        for (Object expression : Tree.listAt(selector, "matchExpressions")) {
            String key = Tree.strAt(expression, "key");
            String operator = String.valueOf(Tree.strAt(expression, "operator"));
            List<String> values = Tree.listAt(expression, "values").stream()
                    .map(String::valueOf)
                    .toList();
            boolean has = labels.containsKey(key);
            boolean ok =
                    switch (operator) {
                        case "In" -> has && values.contains(labels.get(key));
                        case "NotIn" -> !has || !values.contains(labels.get(key));
                        case "Exists" -> has;
                        case "DoesNotExist" -> !has;
                        default -> false;
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
