package io.sparkk8s.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The headline stack of preset {@code data-science-dev}, run on this machine by the real programs with exactly
 * the configuration the chart renders (SPEC §9.9): PostgreSQL initialised by the chart's init script, the Hive
 * Metastore schema created by the schema Job's own command, the metastore, the Spark Connect server (backend
 * {@code local}: no kubelet here) and the History Server of the line, an S3 server accepting only the release's
 * S3 Secret. A Connect client then creates, writes and reads a Hive table on {@code s3a://}, and the History
 * Server lists the Connect application while the server still runs. The release has every part of monitoring on
 * (issue 17): the server answers both paths of its rendered PodMonitor with every metric the rendered alert rules
 * and dashboard read; on 4.1 it and the History Server run with {@code logging.json}, and every line they write
 * is JSON.
 */
class ConnectStackRuntimeTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void connectHiveS3AndHistoryServerWorkTogether(String line) throws Exception {
        RenderedChart chart = RenderedChart.render(line, "data-science-dev", withJob(observed(line)));
        Stack stack = new Stack(chart, tmp, Programs.HIVE_METASTORE, "4.0.0");
        try (stack) {
            stack.startStorage();
            // what the drivers' and the History Server's ensure-driver-log-prefix init container creates
            stack.s3.createTarget(driverLogTarget(chart));
            stack.lap("S3 server, PostgreSQL and its init script");
            stack.createMetastoreSchema();
            stack.lap("schematool");
            stack.startMetastore();
            stack.lap("metastore listening");
            stack.startConnect();
            stack.lap("Connect server listening");
            if (line.equals("4.1")) {
                // connect.auth exists on 4.1 only: Spark 3.5 servers have no authentication
                connectServesOnlyClientsWithTheToken(stack);
                stack.lap("token checked: refused without it, served with it");
            }
            stack.startHistoryServer();
            // Planted: one S3A key misspelt (Hadoop keys are case-sensitive, and spark.hadoop.* is an open family,
            // so no name check can see it). This History Server runs beside the real one for the whole test, on the
            // next port (two pods on one machine cannot share one), and must never list the application.
            LocalPod planted = stack.sparkPod(
                            "Deployment",
                            RenderedChart.RELEASE + "-history-server",
                            "history-server",
                            "history-server-planted",
                            conf -> conf.replace("spark.hadoop.fs.s3a.endpoint=", "spark.hadoop.fs.s3a.endPoint=")
                                    .replace(
                                            "spark.history.ui.port=" + HISTORY_PORT,
                                            "spark.history.ui.port=" + PLANTED_PORT))
                    .start();
            stack.started.add(planted);
            assertThat(Stack.confText(planted))
                    .as("the plant reached the planted server's configuration")
                    .contains("spark.hadoop.fs.s3a.endPoint=", "spark.history.ui.port=" + PLANTED_PORT)
                    .doesNotContain("spark.hadoop.fs.s3a.endpoint=");
            stack.lap("History Server listening, the planted one started");

            String table = "runtime_" + line.replace('.', '_');
            List<String> rows = stack.query(
                    "CREATE TABLE " + table + " (id INT, name STRING) USING parquet",
                    "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')",
                    "SELECT count(*) FROM " + table,
                    "DESCRIBE TABLE EXTENDED " + table);
            assertThat(rows)
                    .as("the table's rows, read back through the metastore")
                    .contains("[2]");
            assertThat(rows)
                    .as("the table lives in the warehouse on S3")
                    .anyMatch(r -> r.contains("s3a://spark-warehouse/warehouse/" + table));
            assertThat(stack.s3.objects("spark-warehouse/warehouse/" + table))
                    .as("parquet files written through S3A")
                    .anyMatch(o -> o.endsWith(".parquet"));
            stack.lap("table created, written and read");

            // S3A shows an event-log part only once it is closed: a server that never stops shows up in the
            // History Server when its first part rolls (10 MiB of events, about two thousand tasks).
            stack.query("SELECT count(*) FROM range(0, 5000, 1, 5000)");
            String applications = stack.awaitHistory("spark-connect", Duration.ofSeconds(120));
            assertThat(stack.connect.alive())
                    .as("the Connect server still runs while the History Server lists it")
                    .isTrue();
            assertThat(applications).contains("spark-connect");
            stack.lap("5,000 tasks run and the History Server lists the running application");

            prometheusServesEveryMetricTheRulesAndDashboardRead(stack);
            stack.lap("both Prometheus paths scraped as the PodMonitor says; every rule and panel metric served");
            if (line.equals("4.1")) {
                // logging.json exists on 4.1 only: the 3.5 image has no JSON layout (a rule refuses it there)
                for (LocalPod pod : List.of(stack.connect, stack.history)) {
                    // how many depends on how long the stack ran (the History Server wrote 19 in a fast run)
                    assertThat(jsonLogLines(pod.log()))
                            .as("JSON log lines of " + pod.log())
                            .isGreaterThan(5);
                }
                assertThat(java.nio.file.Files.readString(stack.connect.log()))
                        .as("logging.levels: org.apache.spark.sql.connect at debug under the root's info")
                        .contains("\"level\":\"DEBUG\"");
                assertThat(java.nio.file.Files.readString(stack.history.log()))
                        .as("the History Server keeps the root level")
                        .doesNotContain("\"level\":\"DEBUG\"");
                stack.lap("every log line of the Connect server and the History Server is JSON");
            }
            shippedLogFilesAreWritten(stack, line);
            stack.lap("the log shipper's files written through the rendered log4j2 configuration");
            // Issue 15: one application of the jobs block runs with its rendered settings (its Job's driver container:
            // the assembled spark-defaults.conf after the release's wiring, spark-submit in client mode), on the local
            // backend (no kubelet here; its sparkConf says local[2]), and the History Server lists the run: its
            // spark.eventLog.dir is the History Server's directory.
            assertThat(chart.configMap(release(JOB_CONFIG)).get("spark-defaults.conf"))
                    .contains("spark.eventLog.dir=" + historyDirectory(chart));
            LocalPod job = stack.sparkPod(
                            "Job", chart.nameStartingWith("Job", release(JOB_CONFIG) + "-"), "driver", "job-" + JOB)
                    .hostEnv("APP_FILE", jobAppJar(tmp).toString())
                    .start();
            assertThat(job.awaitExit(Duration.ofMinutes(3)))
                    .as("the job's spark-submit exit code\n" + job.tail())
                    .isZero();
            assertThat(java.nio.file.Files.readString(job.log())).contains("JOB-APP COUNT 1000");
            driverLogIsKeptOnS3AndTheHistoryServerCleansIt(stack, line);
            assertThat(stack.awaitHistory(JOB, Duration.ofSeconds(90))).contains("\"" + JOB + "\"");
            stack.lap("a job's application ran with its rendered settings; the History Server lists the run");

            // The planted server ran as long as the real one took to list the application; two more scans.
            assertThat(stack.listsWithin(planted, PLANTED_PORT, "spark-connect", Duration.ofSeconds(25)))
                    .as("a History Server whose S3A endpoint key is misspelt must not list the application\n"
                            + planted.tail())
                    .isFalse();
            stack.lap("planted History Server did not list it");
        }
    }

    /** The stack's values: the local backend, and every part of monitoring (issue 17) on. */
    static final Map<String, String> MONITORED = Map.of(
            "connect.backendMode", "local",
            "monitoring.enabled", "true",
            "monitoring.podMonitor.enabled", "true",
            "monitoring.prometheusRule.enabled", "true",
            "monitoring.dashboards.enabled", "true");

    /**
     * The stack's values on a line: {@link #MONITORED}, the log shipper and driver logs on S3 (issue 17), and JSON log
     * lines where the line has them.
     */
    static Map<String, String> observed(String line) {
        Map<String, String> values = new java.util.TreeMap<>(MONITORED);
        values.put("global.logShipping.enabled", "true");
        values.put("global.logShipping.forward.host", "fluentd.logging");
        values.put("global.driverLogs.enabled", "true");
        if (line.equals("4.1")) {
            values.put("logging.json", "true");
            values.put("logging.levels.org\\.apache\\.spark\\.sql\\.connect", "debug");
        }
        return values;
    }

    /** The bucket path the rendered ensure-driver-log-prefix init container of the Connect server creates. */
    static String driverLogTarget(RenderedChart chart) {
        Map<String, Object> init =
                RenderedChart.list(chart.podSpec("StatefulSet", RenderedChart.RELEASE + "-connect"), "initContainers")
                        .stream()
                        .filter(c -> "ensure-driver-log-prefix".equals(c.get("name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no ensure-driver-log-prefix init container"));
        return RenderedChart.list(init, "env").stream()
                .filter(e -> "TARGET".equals(e.get("name")))
                .map(e -> String.valueOf(e.get("value")))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Issue 17, logs: the Connect server and the History Server, running with the rendered log4j2 configuration,
     * write their events to the rolling file on the shared volume the log shipper sidecar tails (on 4.1 as JSON
     * lines with ts, level, logger and msg; on 3.5 in Spark's pattern, which the sidecar's parser reads).
     */
    static void shippedLogFilesAreWritten(Stack stack, String line) throws IOException {
        for (LocalPod pod : List.of(stack.connect, stack.history)) {
            Path file = pod.root().resolve("volumes").resolve("spark-logs").resolve("spark.log");
            assertThat(file).as("the file the log shipper tails").isNotEmptyFile();
            if (line.equals("4.1")) {
                assertThat(jsonLogLines(file)).as("JSON lines in " + file).isGreaterThan(5);
            } else {
                assertThat(java.nio.file.Files.readAllLines(file))
                        .as("Spark's pattern, as the sidecar's spark-pattern parser reads it")
                        .anyMatch(l -> l.matches("^\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} INFO \\S+: .*"));
            }
        }
    }

    /**
     * Issue 17, logs: a client-mode driver that ends (the job's spark-submit) leaves its log on S3 under
     * global.driverLogs.dir, named after its application id (S3A makes the object visible when the driver closes
     * it); the 4.1 History Server shows that directory on its front page, where its driver-log cleaner works (3.5.7's
     * front page lists only the event-log directory).
     */
    static void driverLogIsKeptOnS3AndTheHistoryServerCleansIt(Stack stack, String line) throws Exception {
        String target = driverLogTarget(stack.chart);
        assertThat(stack.s3.objects(target)).as("driver logs under " + target).anyMatch(o -> o.endsWith("_driver.log"));
        String page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HISTORY_PORT + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        if (line.equals("4.1")) {
            assertThat(page).as("the History Server's front page").contains("s3a://" + target);
        }
    }

    /**
     * What is printed to stderr beside log4j, so no logging configuration can shape it: the JVM's own notice (Spark 4
     * on JDK 17 uses the incubating Vector API), and the three lines of the SLF4J 1.7 copy shaded into the AWS SDK v2
     * bundle (the S3A jars, software.amazon.awssdk.thirdparty.org.slf4j) when S3A first loads it and it finds no
     * binding of its own (docs/facts.md §22).
     */
    static final java.util.regex.Pattern NOT_LOG4J = java.util.regex.Pattern.compile("^WARNING: Using incubator "
            + "modules: .*|^SLF4J: (Failed to load class \"org\\.slf4j\\.impl\\.StaticLoggerBinder\"\\.|Defaulting to "
            + "no-operation \\(NOP\\) logger implementation|See http://www\\.slf4j\\.org/codes\\.html#StaticLoggerBinder "
            + "for further details\\.)$");

    /**
     * Every line a Spark process wrote with the rendered logging configuration is one JSON object with a time, a
     * level, a logger and a message (Spark's SparkLayout.json: ts, level, logger, msg), apart from what is
     * printed beside log4j ({@link #NOT_LOG4J}); gives the number of JSON lines.
     */
    static int jsonLogLines(Path log) throws IOException {
        int json = 0;
        List<String> bad = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(log)) {
            if (line.isBlank() || NOT_LOG4J.matcher(line).matches()) {
                continue;
            }
            try {
                com.google.gson.JsonObject o =
                        com.google.gson.JsonParser.parseString(line).getAsJsonObject();
                for (String field : List.of("ts", "level", "logger", "msg")) {
                    if (!o.has(field) || !o.get(field).isJsonPrimitive()) {
                        throw new IllegalStateException("no " + field);
                    }
                }
                json++;
            } catch (RuntimeException e) {
                bad.add(e.getMessage() + ": " + line);
            }
        }
        assertThat(bad)
                .as("log lines that are not JSON with ts, level, logger and msg")
                .isEmpty();
        return json;
    }

    /** A Spark metric name in Prometheus text or in a rule or query; every Spark series starts with metrics_. */
    static final java.util.regex.Pattern METRIC = java.util.regex.Pattern.compile("\\bmetrics_[A-Za-z0-9_]+");

    /**
     * Issue 17: the Connect driver, running with the rendered metrics settings, answers every path of its rendered
     * PodMonitor on the pod's named port with Prometheus text (without a redirect, as a scrape asks it), under the
     * stable namespace instead of the application id; and every metric name the rendered PrometheusRule and the
     * Grafana dashboard read is among the series served.
     */
    static void prometheusServesEveryMetricTheRulesAndDashboardRead(Stack stack) throws Exception {
        RenderedChart chart = stack.chart;
        String release = RenderedChart.RELEASE;
        Map<String, Object> monitor = chart.object("PodMonitor", release + "-connect-server-metrics");
        List<Map<String, Object>> endpoints =
                RenderedChart.list(RenderedChart.map(monitor, "spec"), "podMetricsEndpoints");
        assertThat(endpoints).hasSize(2);
        Map<String, Object> container = RenderedChart.list(
                        chart.podSpec("StatefulSet", release + "-connect"), "containers")
                .get(0);
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        StringBuilder scraped = new StringBuilder();
        for (Map<String, Object> endpoint : endpoints) {
            int port = RenderedChart.list(container, "ports").stream()
                    .filter(p -> endpoint.get("port").equals(p.get("name")))
                    .map(p -> ((Number) p.get("containerPort")).intValue())
                    .findFirst()
                    .orElseThrow();
            String url = "http://127.0.0.1:" + port + endpoint.get("path");
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            assertThat(response.body()).as(url).contains("metrics_");
            scraped.append(response.body()).append('\n');
        }
        String text = scraped.toString();
        assertThat(text)
                .as("driver metrics under monitoring.metricsNamespace, not the application id")
                .contains("metrics_spark_driver_jvm_heap_used_Value")
                .doesNotContainPattern("metrics_local_[0-9]+_driver");
        assertThat(text)
                .as("the driver's view of its executors, with the process-tree memory")
                .contains("metrics_executor_ProcessTreeJVMRSSMemory_bytes{");
        java.util.Set<String> served = new java.util.TreeSet<>();
        text.lines()
                .filter(l -> !l.startsWith("#"))
                .map(METRIC::matcher)
                .filter(java.util.regex.Matcher::lookingAt)
                .forEach(m -> served.add(m.group()));
        java.util.Set<String> read = new java.util.TreeSet<>();
        for (Object object : List.of(
                chart.object("PrometheusRule", release + "-spark-alerts"),
                chart.object("ConfigMap", release + "-spark-dashboard"))) {
            METRIC.matcher(object.toString()).results().forEach(m -> read.add(m.group()));
        }
        assertThat(read).as("metric names the rules and the dashboard read").hasSizeGreaterThan(10);
        assertThat(served)
                .as("every metric the rules and dashboard read is served; missing: "
                        + read.stream().filter(n -> !served.contains(n)).toList())
                .containsAll(read);
        assertThat(served)
                .as("the comparison can fail: a misspelt name is not served")
                .doesNotContain("metrics_spark_driver_appStatus_stages_failedStage_Count");
    }

    /** The jobs application the stack runs once: a Java application (JobApp) with its event log on. */
    static final String JOB = "nightly-job";

    private static final String JOB_CONFIG = "job-" + JOB;

    private static String release(String component) {
        return RenderedChart.RELEASE + "-" + component;
    }

    static Map<String, String> withJob(Map<String, String> sets) {
        Map<String, String> out = new java.util.LinkedHashMap<>(sets);
        String app = "jobs.apps." + JOB + ".";
        out.put("jobs.enabled", "true");
        out.put(app + "type", "Java");
        out.put(app + "mainClass", "JobApp");
        out.put(app + "mainApplicationFile", "local:///opt/spark/app/job-app.jar");
        out.put(app + "eventLog.enabled", "true");
        out.put(app + "sparkConf.spark\\.master", "local[2]");
        return out;
    }

    /** The History Server's event-log directory, as rendered. */
    static String historyDirectory(RenderedChart chart) {
        return chart.configMap(release("history-server"))
                .get("spark-defaults.conf")
                .lines()
                .filter(l -> l.startsWith("spark.history.fs.logDirectory="))
                .findFirst()
                .orElseThrow()
                .substring("spark.history.fs.logDirectory=".length());
    }

    /**
     * JobApp compiled with the JDK and packed into the application jar spark-submit is given; under the module's
     * target folder, since a pod's env value under one of its mount paths (such as /tmp) would be mapped into it.
     */
    static Path jobAppJar(Path ignored) throws IOException {
        Path dir = java.nio.file.Files.createDirectories(
                Path.of("target", "job-app").toAbsolutePath());
        Path classes = java.nio.file.Files.createDirectories(dir.resolve("job-app-classes"));
        Path source = Path.of("src", "test", "programs", "JobApp.java").toAbsolutePath();
        int exit = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", classes.toString(), source.toString());
        assertThat(exit).as("javac JobApp.java").isZero();
        Path jar = dir.resolve("job-app.jar");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("JobApp.class"));
            out.write(java.nio.file.Files.readAllBytes(classes.resolve("JobApp.class")));
            out.closeEntry();
        }
        return jar;
    }

    /**
     * {@code connect.auth} (issue 13 item 12), with the rendered settings: the server reads the token from the env
     * the Secret gives it and refuses a client without it or with another one; Spark listens on the loopback
     * only, so the network reaches it only through the TLS proxy; and, where NGINX is installed on this machine,
     * the proxy container runs with its rendered command, configuration and certificate, and a client that sends
     * the token over TLS and trusts the release's CA is served.
     */
    static void connectServesOnlyClientsWithTheToken(Stack stack) throws Exception {
        String token = stack.token();
        assertThat(token)
                .as("4.1 renders the Connect token Secret (connect.auth.enabled by default)")
                .isNotBlank();
        int port = stack.chart.connectGrpcPort();
        assertThat(port)
                .as("behind the proxy Spark binds another port than the Service's 15002")
                .isEqualTo(15012);

        Stack.Result anonymous = stack.runAt("sc://localhost:" + port, List.of(), "SELECT 1");
        assertThat(anonymous.exitCode())
                .as("a client without the token must be refused\n" + anonymous.output())
                .isNotZero();
        assertThat(anonymous.output()).contains("UNAUTHENTICATED").contains("No authentication token provided");
        stack.lap("a client without the token refused");
        String other = (token.charAt(0) == 'a' ? 'b' : 'a') + token.substring(1);
        Stack.Result wrong = stack.runAt("sc://localhost:" + port + "/;token=" + other, List.of(), "SELECT 1");
        assertThat(wrong.exitCode())
                .as("a client with another token must be refused\n" + wrong.output())
                .isNotZero();
        assertThat(wrong.output()).contains("UNAUTHENTICATED").contains("Invalid authentication token");
        stack.lap("a client with another token refused");
        assertThat(stack.query("SELECT 1"))
                .as("a client with the token is served")
                .containsExactly("[1]");
        stack.lap("a client with the token served");

        for (java.net.InetAddress address : nonLoopbackAddresses()) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(address, port), 1000);
                throw new AssertionError("Spark Connect answers on " + address + ":" + port
                        + "; behind the TLS proxy it must listen on the loopback only");
            } catch (IOException refused) {
                // expected: spark.connect.grpc.binding.address=127.0.0.1
            }
        }

        java.util.Optional<Path> nginx = java.util.stream.Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                .map(Path::of)
                .filter(java.nio.file.Files::isExecutable)
                .findFirst();
        if (nginx.isEmpty()) {
            System.out.println("ConnectStackRuntimeTest: no nginx on this machine (apt-get install nginx-light); "
                    + "the TLS proxy path was NOT run");
            return;
        }
        LocalPod proxy = LocalPod.of(
                        stack.chart,
                        "StatefulSet",
                        stack.release + "-connect",
                        "tls-proxy",
                        stack.dir.resolve("tls-proxy"))
                .shim("/usr/sbin/nginx", "exec " + nginx.get() + " \"$@\"")
                .start();
        stack.started.add(proxy);
        proxy.awaitPort(15002, Duration.ofSeconds(30));
        Path trustStore = trustStore(
                stack.dir.resolve("connect-ca.p12"),
                stack.chart.secret(stack.release + "-connect-tls").get("ca.crt"));
        List<String> trust = List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=changeit");

        // A client on another host speaks TLS to the proxy and sends "authorization: Bearer <token>", as pyspark's
        // ;token= does (grpc access-token call credentials). The 4.1.2 JVM client's own ;token= over TLS sends the
        // token under the key "Authentication", which the server does not read (docs/facts.md), so the header is
        // given as a URL parameter here, which the client passes on as gRPC metadata.
        String bearer = "authorization=Bearer%20" + token;
        Stack.Result tls = stack.runAt("sc://127.0.0.1:15002/;use_ssl=true;" + bearer, trust, "SELECT 2");
        assertThat(tls.exitCode())
                .as("token over TLS through the proxy\n" + tls.output() + "\n" + proxy.tail())
                .isZero();
        assertThat(tls.output()).contains("ROW [2]");
        Stack.Result tlsAnonymous = stack.runAt("sc://127.0.0.1:15002/;use_ssl=true", trust, "SELECT 2");
        assertThat(tlsAnonymous.exitCode())
                .as("TLS without the token\n" + tlsAnonymous.output())
                .isNotZero();
        assertThat(tlsAnonymous.output()).contains("No authentication token provided");
        // The client retries a failed TLS handshake (UNAVAILABLE in the SslHandler) with back-off for minutes (its
        // default policy: 50 ms growing fourfold): half a minute without a row, retrying the handshake, is the verdict.
        Stack.Result untrusted = stack.runAt(
                "sc://127.0.0.1:15002/;use_ssl=true;" + bearer, List.of(), Duration.ofSeconds(30), "SELECT 2");
        assertThat(untrusted.exitCode())
                .as("a client that does not trust the release's CA must not connect\n" + untrusted.output())
                .isNotZero();
        assertThat(untrusted.output())
                .as("a client that does not trust the release's CA fails the handshake\n" + untrusted.output())
                .doesNotContain("ROW [2]")
                .contains("UNAVAILABLE", "SslHandler");
    }

    /** The machine's addresses other than the loopback (where a pod's IP would be). */
    static List<java.net.InetAddress> nonLoopbackAddresses() throws IOException {
        List<java.net.InetAddress> out = new ArrayList<>();
        for (java.net.NetworkInterface nic :
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                java.util.Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> a instanceof java.net.Inet4Address)
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** A PKCS12 trust store (password changeit) holding the CA certificate of the rendered TLS Secret. */
    static Path trustStore(Path file, String caPem) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(
                "connect-ca",
                java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(
                                caPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }

    /**
     * The mismatch the chart had (review B1), planted: a metastore of Hive 4.0.1, which dropped the thrift call
     * {@code get_table} (HIVE-26537), behind the same chart; Spark's built-in Hive client cannot look up a table.
     */
    @ParameterizedTest(name = "spark-{0}")
    @MethodSource("lines")
    void aMetastoreWithoutGetTableIsCaught(String line) throws Exception {
        RenderedChart chart = RenderedChart.render(line, "data-science-dev", Map.of("connect.backendMode", "local"));
        try (Stack stack = new Stack(chart, tmp, Programs.HIVE_METASTORE_4_0_1, "4.0.1")) {
            stack.startStorage();
            stack.createMetastoreSchema();
            stack.startMetastore();
            stack.startConnect();
            Stack.Result result =
                    stack.run("CREATE TABLE planted (id INT) USING parquet", "SELECT count(*) FROM planted");
            assertThat(result.exitCode())
                    .as("the query must fail against Hive 4.0.1\n" + result.output())
                    .isNotZero();
            assertThat(result.output()).contains("get_table");
        }
    }

    /**
     * Both lines. The 3.5 line once stalled here: its INSERT took minutes and its in-process executor was told to
     * re-register on every heartbeat. Both came from the stand-in S3 server, not from the chart (see {@link S3Server}
     * and docs/facts.md §15): Hadoop 3.3's S3A deletes the directory markers above each file it writes, and the
     * filesystem backend the tier used then spent ten seconds on each such key; the event log's first writes did the
     * same while the SparkContext started, before its listener bus ran, so the heartbeat receiver did not know the
     * executor yet.
     */
    static java.util.stream.Stream<String> lines() {
        return Programs.lines().stream();
    }

    /** The History Server's port as rendered, and the port the planted one is moved to. */
    static final int HISTORY_PORT = 18080;

    static final int PLANTED_PORT = 18081;

    /**
     * What the image's {@code hive} script consumes itself: {@code --skiphadoopversion}, {@code --skiphbasecp} and
     * {@code --service metastore} (which selects {@code HiveMetaStore}); other arguments go to the main class.
     */
    static final String HIVE_LAUNCHER_OPTIONS = """
            args=()
            while [ $# -gt 0 ]; do
              case "$1" in
                --skiphadoopversion|--skiphbasecp) shift ;;
                --service) [ "$2" = metastore ] || { echo "unexpected service $2" >&2; exit 2; }; shift 2 ;;
                *) args+=("$1"); shift ;;
              esac
            done
            set -- "${args[@]}"
            """;

    /** The programs of one stack; closed in reverse order of start. */
    static final class Stack implements AutoCloseable {
        final RenderedChart chart;
        final Path dir;
        final String release = RenderedChart.RELEASE;
        final List<AutoCloseable> started = new ArrayList<>();
        S3Server s3;
        EmbeddedPostgres postgres;
        LocalPod connect;
        LocalPod history;

        final Programs hive;
        final String hiveVersion;
        private final long started0 = System.nanoTime();

        Stack(RenderedChart chart, Path dir, Programs hive, String hiveVersion) {
            this.chart = chart;
            this.dir = dir;
            this.hive = hive;
            this.hiveVersion = hiveVersion;
        }

        /** Prints how long the stack has run when a stage ends (the tier's time budget; nothing is asserted). */
        void lap(String stage) {
            System.out.printf(
                    "[runtime spark-%s] %-70s %6.1f s%n", chart.line(), stage, (System.nanoTime() - started0) / 1e9);
        }

        /** A client run: its exit code and output. */
        record Result(int exitCode, String output) {}

        void startStorage() throws IOException {
            Map<String, String> s3Secret = chart.secret(release + "-s3");
            s3 = S3Server.start(
                    dir.resolve("s3"), s3Secret.get("AWS_ACCESS_KEY_ID"), s3Secret.get("AWS_SECRET_ACCESS_KEY"));
            started.add(s3);
            for (String target : bucketTargets()) {
                s3.createTarget(target);
            }
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    .start();
            started.add(postgres);
            runPostgresInitScripts();
        }

        /** What the bucket Job creates: the targets in its BUCKETS env. */
        List<String> bucketTargets() {
            Map<String, Object> container = RenderedChart.list(
                            chart.podSpec("Job", release + "-minio-buckets"), "containers")
                    .get(0);
            return RenderedChart.list(container, "env").stream()
                    .filter(e -> "BUCKETS".equals(e.get("name")))
                    .flatMap(e -> Arrays.stream(String.valueOf(e.get("value")).split("\\s+")))
                    .toList();
        }

        /**
         * The postgres image's entrypoint sources every {@code /docker-entrypoint-initdb.d/*.sh} on the first start
         * with the container's env, connected as {@code POSTGRES_USER}; here bash runs them against the real server.
         */
        void runPostgresInitScripts() {
            Map<String, String> scripts = chart.configMap(release + "-postgresql");
            for (String script : scripts.keySet().stream()
                    .filter(n -> n.endsWith(".sh"))
                    .sorted()
                    .toList()) {
                LocalPod init = pod("Deployment", release + "-postgresql", "postgresql", "postgres-init-" + script)
                        .env("PGHOST", "127.0.0.1")
                        .env("PGPORT", String.valueOf(postgres.getPort()))
                        .command("bash", "/docker-entrypoint-initdb.d/" + script)
                        .start();
                assertThat(init.awaitExit(Duration.ofMinutes(1)))
                        .as(script + "\n" + init.tail())
                        .isZero();
            }
        }

        void createMetastoreSchema() {
            LocalPod schema = pod(
                            "Job",
                            chart.nameStartingWith("Job", release + "-hive-metastore-schema"),
                            "schema",
                            "hive-schema")
                    .shim(
                            "/opt/hive/bin/schematool",
                            hiveShim("org.apache.hadoop.hive.metastore.tools.schematool.MetastoreSchemaTool"))
                    .start();
            int exit = schema.awaitExit(Duration.ofMinutes(3));
            assertThat(exit).as("schematool exit code\n" + schema.tail()).isZero();
        }

        void startMetastore() {
            LocalPod metastore = pod("Deployment", release + "-hive-metastore", "metastore", "hive-metastore")
                    .shim(
                            "/opt/hive/bin/hive",
                            HIVE_LAUNCHER_OPTIONS + hiveShim("org.apache.hadoop.hive.metastore.HiveMetaStore"))
                    .start();
            started.add(metastore);
            metastore.awaitPort(9083, Duration.ofMinutes(3));
        }

        void startConnect() {
            connect = sparkPod("StatefulSet", release + "-connect", "connect", "connect")
                    .start();
            started.add(connect);
            connect.awaitPort(chart.connectGrpcPort(), Duration.ofMinutes(4));
        }

        /** The token of the release's Connect server (the rendered Secret), or null without connect.auth. */
        String token() {
            String name = release + "-connect-auth";
            return chart.has("Secret", name) ? chart.secret(name).get("token") : null;
        }

        void startHistoryServer() {
            history = sparkPod("Deployment", release + "-history-server", "history-server", "history-server")
                    .start();
            started.add(history);
            history.awaitPort(HISTORY_PORT, Duration.ofMinutes(3));
        }

        /** Runs SQL through the Spark Connect client; returns the rows printed. */
        List<String> query(String... statements) throws Exception {
            Result result = run(statements);
            assertThat(result.exitCode())
                    .as("Connect client\n" + result.output() + "\nserver:\n" + connect.tail())
                    .isZero();
            return result.output()
                    .lines()
                    .filter(l -> l.startsWith("ROW "))
                    .map(l -> l.substring(4))
                    .toList();
        }

        /**
         * Runs SQL through a Spark Connect client that speaks to the server as a process in its pod would: on the
         * loopback, with the token when the server wants one (the JVM client sends a token in clear text only to
         * {@code localhost}); fails only when the client hangs.
         */
        Result run(String... statements) throws Exception {
            String token = token();
            String url = token == null
                    ? "sc://127.0.0.1:15002"
                    : "sc://localhost:" + chart.connectGrpcPort() + "/;token=" + token;
            return runAt(url, List.of(), statements);
        }

        /** Runs SQL through a Spark Connect client at a URL, with extra JVM options (e.g. a trust store). */
        Result runAt(String url, List<String> jvmOptions, String... statements) throws Exception {
            return runAt(url, jvmOptions, Duration.ofMinutes(3), statements);
        }

        /** Runs the client for at most {@code timeout}; a client still running then is killed (exit code 137). */
        Result runAt(String url, List<String> jvmOptions, Duration timeout, String... statements) throws Exception {
            // The 3.5 JVM client on Maven Central lacks its relocated protobuf classes (3.5.0 is the only 3.5 client
            // jar served here; 3.5.1 and 3.5.7, and spark-connect-common_2.12, are not), so the 4.1 client speaks to
            // both servers. The Connect protocol is protobuf over gRPC; the 3.5 server runs every statement sent here
            // (DDL, INSERT, queries whose rows come back as Arrow batches), and where the 4.1 client asks for
            // something newer (plan compression) the 3.5 server says it does not know the setting and the client
            // carries on without it.
            Programs client = Programs.CONNECT_CLIENT_4_1;
            List<String> command = new ArrayList<>(client.javaCommand("512m", Programs.testClasses()));
            command.addAll(1, jvmOptions);
            command.add(ConnectQuery.class.getName());
            command.add(url);
            command.addAll(List.of(statements));
            Path log = dir.resolve("connect-client.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return new Result(process.exitValue(), java.nio.file.Files.readString(log));
        }

        String awaitHistory(String appName, Duration timeout) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + timeout.toNanos();
            String body = "";
            while (System.nanoTime() < deadline) {
                body = http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + HISTORY_PORT + "/api/v1/applications"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                if (body.contains(appName)) {
                    return body;
                }
                LocalPod.sleep(2000);
            }
            throw new AssertionError("the History Server did not list " + appName + " in " + timeout + ": " + body
                    + "\nevent log objects: " + s3.objects("spark-logs") + "\n" + history.tail());
        }

        private LocalPod pod(String kind, String workload, String container, String name) {
            return LocalPod.of(chart, kind, workload, container, dir.resolve(name))
                    .host(release + "-minio:9000", s3.address())
                    .host(release + "-postgresql:5432", "127.0.0.1:" + postgres.getPort())
                    .host(release + "-hive-metastore:9083", "127.0.0.1:9083")
                    .host(
                            release + "-connect-0." + release + "-connect-driver." + RenderedChart.NAMESPACE + ".svc",
                            "127.0.0.1");
        }

        private LocalPod sparkPod(String kind, String workload, String container, String name) {
            return sparkPod(kind, workload, container, name, conf -> conf);
        }

        /** A Spark pod whose {@code .conf} files get a planted change ({@code plant}; none for the identity). */
        LocalPod sparkPod(
                String kind,
                String workload,
                String container,
                String name,
                java.util.function.UnaryOperator<String> plant) {
            var packages = SparkPackages.onClassPath(Programs.spark(chart.line()));
            // In a pod the host name resolves to the pod IP, the address of spark.driver.host; here the machine's
            // name resolves elsewhere than the 127.0.0.1 the driver host is mapped to, so Spark is told its address.
            return pod(kind, workload, container, name)
                    .workingDir("/opt/spark/work-dir")
                    .env("SPARK_LOCAL_IP", "127.0.0.1")
                    .shim("/opt/spark/bin/spark-submit", sparkSubmitShim(chart.line()))
                    .files((file, text) -> {
                        String out = packages.apply(file, text);
                        return file.endsWith(".conf") ? plant.apply(out) : out;
                    });
        }

        /** Every Spark {@code .conf} file a started pod was given, concatenated. */
        static String confText(LocalPod pod) throws IOException {
            try (var files = java.nio.file.Files.walk(pod.root().resolve("volumes"))) {
                StringBuilder text = new StringBuilder();
                for (Path file : files.filter(f -> f.toString().endsWith(".conf"))
                        .sorted()
                        .toList()) {
                    text.append(java.nio.file.Files.readString(file)).append('\n');
                }
                return text.toString();
            }
        }

        /**
         * Whether a History Server lists an application within the time: false when it exits, never listens or
         * never lists it.
         */
        boolean listsWithin(LocalPod server, int port, String appName, Duration timeout) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && server.alive()) {
                try {
                    String body = http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://127.0.0.1:" + port + "/api/v1/applications"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    if (body.contains(appName)) {
                        return true;
                    }
                } catch (IOException notListening) {
                    // not up yet, or never: keep asking until the deadline
                }
                LocalPod.sleep(2000);
            }
            return false;
        }

        /** spark-submit as the image's launcher runs it: SparkSubmit with the conf dir first on the class path. */
        static String sparkSubmitShim(String line) {
            return "exec " + String.join(" ", quoted(Programs.spark(line).javaCommand("1g", "\"$SPARK_CONF_DIR\"")))
                    + " org.apache.spark.deploy.SparkSubmit \"$@\"";
        }

        /** The image's hive/schematool scripts: the conf dir first on the class path, then the main class. */
        private String hiveShim(String mainClass) {
            // The image's scripts live in /opt/hive/scripts (its HIVE_HOME); here in the unpacked distribution.
            String home = Path.of(
                            "..",
                            "hive-metastore" + ("4.0.0".equals(hiveVersion) ? "" : "-" + hiveVersion),
                            "target",
                            "metastore-home",
                            "apache-hive-metastore-" + hiveVersion + "-bin")
                    .toAbsolutePath()
                    .normalize()
                    .toString();
            return "export METASTORE_HOME='" + home + "'\nexec "
                    + String.join(" ", quoted(hive.javaCommand("1g", "\"$HIVE_CONF_DIR\"")))
                    + " -Dlog4j2.configurationFile=\"$HIVE_CONF_DIR/hive-log4j2.properties\""
                    + " " + mainClass + " \"$@\"";
        }

        static List<String> quoted(List<String> command) {
            return command.stream()
                    .map(c -> c.startsWith("\"") ? c : "'" + c + "'")
                    .toList();
        }

        @Override
        public void close() throws Exception {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }
}
