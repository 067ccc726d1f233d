package io.sparkk8s.core;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import java.util.List;
import java.util.Map;

/**
 * The root-only {@code monitoring.*} values (issue 17) and their rules. The templates that read them are the chart
 * root's {@code monitoring.yaml} (PodMonitors, PrometheusRule, Grafana dashboards) and the dict-style helpers of
 * {@code templates/_observability.tpl}, which a Spark-running block (or a later jobs block) includes per process.
 */
final class ObservabilityValues {

    /** A Prometheus scrape interval, a subset of the prometheus-operator CRDs' Duration ({@code 30s}, {@code 1m}). */
    static final String DURATION = "^[1-9][0-9]*(ms|s|m|h)$";

    private ObservabilityValues() {}

    static List<Value> monitoring() {
        return List.of(
                Value.bool(
                        "enabled",
                        false,
                        "Expose Spark metrics in Prometheus format on every Spark UI port (PrometheusServlet): "
                                + "/metrics/prometheus (driver, worker), /metrics/master/prometheus and "
                                + "/metrics/applications/prometheus (master), /metrics/executors/prometheus (the "
                                + "driver's view of every executor); with stable metric names "
                                + "(spark.metrics.namespace), JVM, application-status and process-tree metrics."),
                Value.string(
                                "metricsNamespace",
                                "spark",
                                "spark.metrics.namespace: the second word of every driver and executor metric "
                                        + "name (metrics_<namespace>_driver_…), instead of the application id, so "
                                        + "alert rules and dashboards keep working across restarts.")
                        .pattern("^[a-zA-Z][a-zA-Z0-9_]*$"),
                Value.bool(
                        "podMonitor.enabled",
                        false,
                        "Create a PodMonitor (prometheus-operator) per scraped Spark process: the Connect driver "
                                + "(its own and its executors' metrics), the standalone master and workers. Needs "
                                + "monitoring.enabled and the monitoring.coreos.com CRDs in the cluster."),
                Value.labels(
                                "podMonitor.labels",
                                "Extra labels of the PodMonitors and the PrometheusRule, e.g. the release label "
                                        + "kube-prometheus-stack's Prometheus selects them by.")
                        .examples(Map.of("release", "kube-prometheus-stack")),
                Value.string("podMonitor.interval", "30s", "How often Prometheus scrapes each endpoint.")
                        .pattern(DURATION),
                Value.bool(
                        "prometheusRule.enabled",
                        false,
                        "Create a PrometheusRule with alerts on the signals an operator watches: executors "
                                + "lost, failed stages and jobs, driver heap near its maximum, failing tasks. "
                                + "Needs monitoring.enabled."),
                Value.labels(
                        "dashboards.labels",
                        "Extra labels of the dashboard ConfigMap, beside grafana_dashboard: \"1\" (what the "
                                + "Grafana sidecar of kube-prometheus-stack looks for; set it here to change it)."),
                Value.bool(
                        "dashboards.enabled",
                        false,
                        "Create a ConfigMap holding a Grafana dashboard of the Spark driver and executors. Needs "
                                + "monitoring.enabled."),
                Value.stringList(
                                "allowNamespaces",
                                List.of(),
                                "Namespaces whose pods (Prometheus) may reach exactly the scraped ports of the "
                                        + "release's Spark pods, when networkPolicy.enabled; matched by the "
                                        + "kubernetes.io/metadata.name label.")
                        .pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
                        .examples(List.of("monitoring")));
    }

    /**
     * {@code global.monitoring.annotations}: the prometheus.io/* annotations as the alternative to the PodMonitors.
     * In {@code global} because the scraped pods of the spark-3.5 umbrella live in subcharts, which see the
     * umbrella's {@code global} but not its {@code monitoring} (templates/_metrics-pods.tpl).
     */
    static Value annotations() {
        return Value.bool(
                "monitoring.annotations",
                false,
                "Annotate every scraped Spark pod with prometheus.io/scrape, prometheus.io/port and "
                        + "prometheus.io/path, for a Prometheus that discovers pods by annotation (the kubernetes-pods "
                        + "job of Prometheus's example configuration): with monitoring.podMonitor.enabled off that is "
                        + "the annotations mode, with it on both. One port and path per pod: the driver's own "
                        + "metrics (its executors' path needs the PodMonitor), the master's. In global so that the "
                        + "subcharts of the spark-3.5 umbrella see it; needs monitoring.enabled.");
    }

    /** Monitors, rules and dashboards read metrics that only {@code monitoring.enabled} turns on. */
    static List<Rule> rules() {
        List<Rule> rules = new java.util.ArrayList<>(List.of("podMonitor", "prometheusRule", "dashboards").stream()
                .map(part -> new Rule(
                        "monitoring-" + part + "-needs-metrics",
                        Condition.enabled("monitoring." + part),
                        Condition.enabled("monitoring"),
                        "{monitoring." + part + ".enabled} needs {monitoring.enabled}: without it the Spark "
                                + "processes serve no Prometheus metrics"))
                .toList());
        rules.add(new Rule(
                "monitoring-annotations-needs-metrics",
                Condition.eq("global.monitoring.annotations", true),
                Condition.enabled("monitoring"),
                "{global.monitoring.annotations} needs {monitoring.enabled}: without it the annotated pods serve no "
                        + "Prometheus metrics"));
        return List.copyOf(rules);
    }

    /** The log4j2 levels a logger takes. */
    private static final String[] LEVELS = {"off", "fatal", "error", "warn", "info", "debug", "trace", "all"};

    /**
     * The root-only {@code logging.*} values: one log4j2 configuration for every Spark process of the release
     * (templates/_observability.tpl, sparkk8s.log4j2Properties), which Spark's driver passes on to its executors.
     */
    static List<Value> logging() {
        return List.of(
                Value.bool(
                        "json",
                        false,
                        "Write every Spark log line as one JSON object (ts, level, logger, msg, context, exception): "
                                + "Spark 4.1's structured logging layout (SparkLayout.json). spark-3.5 refuses it: "
                                + "its image has no log4j2 JSON layout."),
                Value.string("level", "info", "Level of the root logger of every Spark process.")
                        .allowed(LEVELS),
                Value.stringMap(
                                "levels",
                                Map.of(),
                                "Levels per logger name, e.g. org.apache.spark.scheduler: debug; they win over "
                                        + "level.")
                        .examples(Map.of("org.apache.spark.scheduler", "debug")));
    }

    /** spark-3.5 has no JSON layout: its jars lack log4j-layout-template-json (docs/facts.md §22). */
    static List<Rule> loggingRules(SparkProfile profile) {
        if (profile.line() != SparkLine.SPARK_3_5) {
            return List.of();
        }
        return List.of(new Rule(
                "logging-json-needs-spark-4",
                Condition.eq("logging.json", true),
                Condition.not(Condition.eq("logging.json", true)),
                "{logging.json} is not available on spark-3.5: its image has no log4j2 JSON layout "
                        + "(log4j-layout-template-json arrived with Spark 4.0's structured logging); use spark-4.1, "
                        + "or let the log shipper parse Spark's plain lines"));
    }
}
