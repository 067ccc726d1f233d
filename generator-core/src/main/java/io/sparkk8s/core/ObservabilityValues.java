package io.sparkk8s.core;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.Value;
import java.util.List;
import java.util.Map;

/**
 * The root-only {@code monitoring.*} values (issue 17) and their rules. The templates that read them are the chart
 * root's {@code monitoring.yaml} (PodMonitors, PrometheusRule, Grafana dashboards) and the dict-style helpers of
 * {@code templates/_observability.tpl}, which a Spark-running block (or a later jobs block) includes per process.
 */
final class ObservabilityValues {

    /** A Prometheus duration as the prometheus-operator CRDs spell it ({@code 30s}, {@code 1m}). */
    static final String DURATION =
            "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";

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
                Value.stringMap(
                        "dashboards.labels",
                        Map.of("grafana_dashboard", "1"),
                        "Labels of the dashboard ConfigMap; grafana_dashboard: \"1\" is what the Grafana "
                                + "sidecar of kube-prometheus-stack looks for."),
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

    /** Monitors, rules and dashboards read metrics that only {@code monitoring.enabled} turns on. */
    static List<Rule> rules() {
        return List.of("podMonitor", "prometheusRule", "dashboards").stream()
                .map(part -> new Rule(
                        "monitoring-" + part + "-needs-metrics",
                        Condition.enabled("monitoring." + part),
                        Condition.enabled("monitoring"),
                        "{monitoring." + part + ".enabled} needs {monitoring.enabled}: without it the Spark "
                                + "processes serve no Prometheus metrics"))
                .toList();
    }
}
