package io.sparkk8s.core;

import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code global.logShipping.*} values (issue 17, logs): a fluent-bit log shipper as a native sidecar of every
 * Spark pod (servers, job drivers, executors), with one output chosen by values. They sit under {@code global}
 * because the pods that carry the sidecar live in the subcharts of the 3.5 umbrella, which see only their own
 * values and {@code global}. The templates that read them are {@code templates/_logs.tpl} (in every chart's
 * {@code _helpers.tpl}) and the root's {@code log-shipper.yaml} (the shipper's ConfigMap). Also the
 * {@code global.driverLogs.*} values: client-mode drivers' logs kept on S3, cleaned by the History Server.
 */
final class LogShippingValues {

    /** fluent-bit's own size notation for buffers ({@code 8M}, {@code 512K}, {@code 1G}). */
    static final String FLUENT_BIT_SIZE = "^[1-9][0-9]*[KMG]$";

    /** A host name or IP address, as fluent-bit's {@code Host} takes it. */
    static final String HOST = "^$|^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$";

    /**
     * The fluent-bit image: pinned by tag only, fluent-bit's documentation lists the tag (fluent/fluent-bit-docs,
     * installation/downloads/docker.md) but no source here gives its digest (docs/facts.md, log shipper).
     */
    static final SparkProfile.Image IMAGE = new SparkProfile.Image("fluent/fluent-bit", "4.2.0");

    private LogShippingValues() {}

    /** The values, relative to {@code global}. */
    static List<Value> global(SparkProfile profile) {
        List<Value> values = new ArrayList<>();
        values.add(Value.bool(
                "logShipping.enabled",
                false,
                "Ship the log lines of every Spark process (Connect, History Server, standalone master and "
                        + "workers, job drivers, their executors) with a fluent-bit sidecar: Spark also writes them "
                        + "to a size-limited rolling file on a shared emptyDir, which the sidecar tails and sends "
                        + "to logShipping.output. Native sidecar (init container with restartPolicy: Always): "
                        + "Kubernetes 1.29 or later."));
        values.addAll(CommonValues.image("logShipping.image", "the fluent-bit log shipper", IMAGE));
        values.add(Value.string(
                        "logShipping.output",
                        "forward",
                        "Where the sidecar sends the lines: forward (a Fluentd/Fluent Bit aggregator), loki, s3 "
                                + "(the chart's S3 store and Secret, global.s3.*), http (JSON lines by POST).")
                .allowed("forward", "loki", "s3", "http"));
        values.add(Value.string("logShipping.forward.host", "", "Host of the Fluentd/Fluent Bit aggregator.")
                .pattern(HOST)
                .examples("fluentd.logging"));
        values.add(Value.integer("logShipping.forward.port", 24224, "Forward protocol port of the aggregator.")
                .range(1, 65535));
        values.add(Value.string("logShipping.loki.host", "", "Host of Loki's push API.")
                .pattern(HOST)
                .examples("loki-gateway.monitoring"));
        values.add(Value.integer("logShipping.loki.port", 3100, "Port of Loki's push API.")
                .range(1, 65535));
        values.add(Value.bool("logShipping.loki.tls", false, "Connect to Loki over TLS."));
        values.add(Value.string(
                        "logShipping.loki.tenantId",
                        "",
                        "Loki tenant (X-Scope-OrgID) of a multi-tenant Loki; empty sends none.")
                .pattern("^[A-Za-z0-9_.-]*$"));
        values.add(Value.string(
                        "logShipping.s3.bucket",
                        "",
                        "Bucket the log chunks go to, on the chart's S3 store (global.s3.endpoint, region and "
                                + "Secret).")
                .pattern("^$|^[a-z0-9][a-z0-9.-]+[a-z0-9]$")
                .maxLength(63)
                .examples("spark-logs"));
        values.add(Value.string(
                        "logShipping.s3.prefix",
                        "spark-logs",
                        "Key prefix of the log chunks: <prefix>/<namespace>/<pod>/<date>/<time>-<uuid>.gz.")
                .pattern("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"));
        values.add(Value.string(
                        "logShipping.s3.uploadTimeout",
                        "5m",
                        "Longest time a log chunk waits on the buffer before it is uploaded.")
                .pattern("^[1-9][0-9]*[smh]$"));
        values.add(Value.string("logShipping.http.host", "", "Host of the HTTP endpoint taking JSON lines.")
                .pattern(HOST));
        values.add(Value.integer("logShipping.http.port", 443, "Port of the HTTP endpoint.")
                .range(1, 65535));
        values.add(Value.string("logShipping.http.uri", "/", "Path the sidecar POSTs to.")
                .pattern("^/[A-Za-z0-9._~/?=&%-]*$"));
        values.add(Value.bool("logShipping.http.tls", true, "Connect to the HTTP endpoint over TLS."));
        values.add(Value.quantity(
                        "logShipping.volumeSizeLimit",
                        "512Mi",
                        "sizeLimit of the shared emptyDir holding Spark's rolling log files (at most 3 x "
                                + "logShipping.fileSize) and the sidecar's filesystem buffer "
                                + "(logShipping.bufferLimit); the kubelet evicts a pod that goes over it.")
                .pattern(CommonValues.MEMORY_QUANTITY_PATTERN));
        values.add(Value.string(
                        "logShipping.fileSize",
                        "50M",
                        "Size at which Spark's log file rolls over (log4j2 SizeBasedTriggeringPolicy, K/M/G); two "
                                + "rolled files are kept.")
                .pattern(FLUENT_BIT_SIZE));
        values.add(Value.string(
                        "logShipping.bufferLimit",
                        "200M",
                        "Most the sidecar keeps on disk for an output that does not take lines "
                                + "(storage.total_limit_size); beyond it the oldest chunks are dropped.")
                .pattern(FLUENT_BIT_SIZE));
        values.add(Value.string(
                        "logShipping.memBufLimit",
                        "8M",
                        "Most the sidecar holds in memory for the tailed files (Mem_Buf_Limit); beyond it "
                                + "tailing pauses until chunks are flushed to the filesystem buffer.")
                .pattern(FLUENT_BIT_SIZE));
        values.addAll(CommonValues.resources("logShipping.resources", "the log shipper sidecar", "20m", "64Mi"));
        values.add(Value.bool(
                "driverLogs.enabled",
                false,
                "Keep the log of every client-mode driver (the Connect server, spark-submit job pods) on S3 "
                        + "(spark.driver.log.persistToDfs.enabled): <dir>/<application id>_driver.log, complete when "
                        + "the driver stops (S3 has no partial writes); the History Server cleans it "
                        + "(spark.history.fs.driverlog.cleaner.*) but does not show the logs."));
        values.add(Value.string(
                        "driverLogs.dir",
                        "s3a://spark-logs/driver-logs",
                        "spark.driver.log.dfsDir: where driver logs go, on the chart's S3 store; the prefix is "
                                + "created before the drivers and the History Server start. Keep it outside the "
                                + "event-log directory.")
                .pattern("^s3a://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9._-]+)*/?$")
                .examples("s3a://spark-logs/driver-logs"));
        values.add(Value.bool(
                "driverLogs.cleaner.enabled",
                true,
                "The History Server deletes driver logs older than driverLogs.cleaner.maxAge "
                        + "(spark.history.fs.driverlog.cleaner.enabled)."));
        values.add(Value.string(
                        "driverLogs.cleaner.interval",
                        "1d",
                        "How often the History Server looks for old driver logs "
                                + "(spark.history.fs.driverlog.cleaner.interval).")
                .pattern("^[1-9][0-9]*(s|m|h|d)$"));
        values.add(Value.string(
                        "driverLogs.cleaner.maxAge",
                        "7d",
                        "Age beyond which driver logs are deleted (spark.history.fs.driverlog.cleaner.maxAge).")
                .pattern("^[1-9][0-9]*(s|m|h|d)$"));
        values.add(executorLogLink(profile));
        return values;
    }

    /**
     * The executor log link of the Spark UI and the History Server: a URL with the placeholders the line's executors
     * report as attributes (SPARK_EXECUTOR_ATTRIBUTE_* env, CoarseGrainedExecutorBackend.extractAttributes): POD_NAME
     * and NAMESPACE, which the chart's executor pod template sets on both lines, and on spark-4.1 also APP_ID and
     * EXECUTOR_ID, which Spark's executor pod builder sets itself (Constants.ENV_EXECUTOR_ATTRIBUTE_*); 3.5's builder
     * sets none. A placeholder the executors do not report makes Spark fall back to no link, so the pattern only
     * admits the line's.
     */
    private static Value executorLogLink(SparkProfile profile) {
        List<String> names = profile.line() == SparkLine.SPARK_3_5
                ? List.of("POD_NAME", "NAMESPACE")
                : List.of("POD_NAME", "NAMESPACE", "APP_ID", "EXECUTOR_ID");
        String placeholders = String.join("|", names);
        return Value.string(
                        "logLinks.executorUrl",
                        "",
                        "Link of each executor's logs in the Spark UI and the History Server, pointing at the log "
                                + "backend (spark.ui.custom.executor.log.url, spark.history.custom.executor.log.url); "
                                + "placeholders on this line: "
                                + names.stream()
                                        .map(n -> "{{" + n + "}}")
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + ". Empty keeps Spark's own (none on Kubernetes).")
                .pattern("^$|^https?://([^{}]|\\{\\{(" + placeholders + ")\\}\\})+$")
                .examples("https://grafana.example.com/explore?left=%7B%22queries%22:%5B%7B%22expr%22:"
                        + "%22%7Bnamespace%3D%5C%22{{NAMESPACE}}%5C%22,pod%3D%5C%22{{POD_NAME}}%5C%22%7D%22%7D%5D%7D");
    }

    /**
     * Each output needs its destination (the sidecar would otherwise start and send nowhere); the S3 output and the
     * driver logs need an S3 store: an external endpoint, or the bundled one when the chart has it.
     *
     * @param blocks the chart's blocks; the one with an S3 endpoint, if any, is the bundled store
     */
    static List<Rule> rules(List<io.sparkk8s.api.Block> blocks) {
        java.util.Optional<String> bundledS3 = blocks.stream()
                .filter(b -> b.s3Endpoint().isPresent())
                .map(io.sparkk8s.api.Block::valuesKey)
                .findFirst();
        Condition s3 = bundledS3
                .map(key -> Condition.any(Condition.present("global.s3.endpoint"), Condition.enabled(key)))
                .orElse(Condition.present("global.s3.endpoint"));
        String where = bundledS3
                .map(key -> "set {global.s3.endpoint}, or enable {" + key + ".enabled}")
                .orElse("set {global.s3.endpoint}");
        return List.of(
                needs("forward", "forward.host", "the host of the aggregator"),
                needs("loki", "loki.host", "the host of Loki"),
                needs("http", "http.host", "the host of the HTTP endpoint"),
                needs("s3", "s3.bucket", "the bucket the log chunks go to"),
                new Rule(
                        "log-shipping-s3-needs-a-store",
                        Condition.all(
                                Condition.eq("global.logShipping.enabled", true),
                                Condition.eq("global.logShipping.output", "s3")),
                        s3,
                        "{global.logShipping.output} s3 ships to the S3 store of the chart: " + where),
                new Rule(
                        "driver-logs-need-a-store",
                        Condition.eq("global.driverLogs.enabled", true),
                        s3,
                        "{global.driverLogs.enabled} keeps driver logs on the S3 store of the chart: " + where));
    }

    private static Rule needs(String output, String key, String what) {
        return new Rule(
                "log-shipping-" + output + "-needs-" + key.substring(key.indexOf('.') + 1),
                Condition.all(
                        Condition.eq("global.logShipping.enabled", true),
                        Condition.eq("global.logShipping.output", output)),
                Condition.present("global.logShipping." + key),
                "{global.logShipping.output} " + output + " needs {global.logShipping." + key + "}: set it to " + what);
    }
}
