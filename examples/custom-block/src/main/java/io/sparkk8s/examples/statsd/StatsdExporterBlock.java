package io.sparkk8s.examples.statsd;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.SparkConfContribution;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Set;

/**
 * The Prometheus StatsD exporter as a third-party block: it receives the metrics Spark's built-in
 * {@code StatsdSink} sends over UDP and serves them to Prometheus on {@code /metrics}. While it is enabled,
 * every Spark-running block of the chart (Spark Connect and its executors, the History Server) reports to it:
 * the block contributes the {@code spark.metrics.conf.*.sink.statsd.*} settings to the chart's Spark wiring.
 *
 * <p>Written against {@code io.sparkk8s.api} only, and registered in
 * {@code META-INF/services/io.sparkk8s.api.Block}, exactly like a built-in block.
 */
public final class StatsdExporterBlock implements Block {

    /** The official image, pinned (see the README for why this tag). */
    static final SparkProfile.Image IMAGE = new SparkProfile.Image("prom/statsd-exporter", "v0.28.0");
    /** Where the exporter receives StatsD lines (UDP, and TCP on the same port). */
    static final int STATSD_PORT = 9125;
    /** Where the exporter serves Prometheus metrics. */
    static final int METRICS_PORT = 9102;

    private static final String SINK = "spark.metrics.conf.*.sink.statsd.";

    @Override
    public String id() {
        return "statsd-exporter";
    }

    @Override
    public String valuesKey() {
        return "statsdExporter";
    }

    @Override
    public String description() {
        return "Prometheus StatsD exporter (StatsD 9125/UDP, metrics 9102) that Spark's StatsdSink reports to; "
                + "Prometheus scrapes the Spark driver and executor metrics from it.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.workload("the StatsD exporter", false, IMAGE, "50m", "128Mi"))
                .addAll(CommonValues.service("the StatsD exporter"))
                .add(Value.integer("period", 10, "How often (seconds) every Spark process sends its metrics.")
                        .range(1, 3600).sparkConf(SINK + "period"))
                .add(Value.string("prefix", "spark", "Prefix of the StatsD metric names Spark sends; the "
                        + "exporter's mapping rules expect it.").pattern("^[A-Za-z][A-Za-z0-9_]{0,62}$")
                        .sparkConf(SINK + "prefix"))
                .add(Value.objectList("extraMappings", "Extra statsd_exporter mapping rules (objects with match, "
                        + "name, labels, ...); they come before the chart's rules, so they win."))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/examples/statsd/";
    }

    @Override
    public List<String> templates() {
        return List.of("configmap.yaml", "deployment.yaml", "service.yaml", "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.api("statsd", "statsd-exporter", STATSD_PORT, "udp",
                        "StatsD receiver for Spark's StatsdSink (UDP; TCP on the same port)"),
                new Endpoint("statsdMetrics", "statsd-exporter", METRICS_PORT, "http", false, "/metrics",
                        "Prometheus metrics of the Spark processes"));
    }

    @Override
    public Set<String> provides() {
        return Set.of("statsd");
    }

    /**
     * Spark's own StatsD sink, pointed at this release's exporter. The values are Helm templates rendered at
     * the chart's root, so they read values by absolute path.
     */
    @Override
    public List<SparkConfContribution> sparkConf() {
        return List.of(
                new SparkConfContribution(SINK + "class", "org.apache.spark.metrics.sink.StatsdSink"),
                new SparkConfContribution(SINK + "host",
                        "{{ include \"sparkk8s.fullname\" (dict \"context\" . \"component\" \"statsd-exporter\") }}.{{ .Release.Namespace }}.svc"),
                new SparkConfContribution(SINK + "port", String.valueOf(STATSD_PORT)),
                new SparkConfContribution(SINK + "period", "{{ .Values.statsdExporter.period | int64 }}"),
                new SparkConfContribution(SINK + "unit", "seconds"),
                new SparkConfContribution(SINK + "prefix", "{{ .Values.statsdExporter.prefix }}"));
    }
}
