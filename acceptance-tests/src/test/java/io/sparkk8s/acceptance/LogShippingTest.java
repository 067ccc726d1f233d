package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.verify.Checks;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, logs: the fluent-bit log shipper ({@code global.logShipping.*}) sits as a native sidecar (an init
 * container with {@code restartPolicy: Always}) on every Spark pod — the Connect server, the History Server, the
 * standalone master and workers, the spark-submit job pods and the executor pod template Spark builds executors
 * from — sharing a size-limited emptyDir with Spark, which writes a rolling log file there (log4j2); the gates (Pod
 * Security "restricted", Kubernetes schemas of the lowest and highest version, references) find nothing; the
 * shipper's configuration is checked for structure (no fluent-bit binary can be had here: docs/facts.md), its
 * parsers against real Spark lines.
 */
class LogShippingTest {

    private static final String R = Rendered.RELEASE;
    private static final Path TOGGLE = Repo.CHARTS.resolve("spark-4.1");
    private static final Path UMBRELLA = Repo.CHARTS.resolve("spark-3.5");
    private static final String LOG_DIR = "/opt/spark-k8s/logs";

    @TempDir
    static Path tmp;

    /** Shipping on (output given), with every block that runs a Spark process and one spark-submit job. */
    static Map<String, String> shipping(String output) {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("global.logShipping.enabled", "true");
        sets.put("global.logShipping.output", output);
        switch (output) {
            case "forward" -> sets.put("global.logShipping.forward.host", "fluentd.logging");
            case "loki" -> sets.put("global.logShipping.loki.host", "loki-gateway.monitoring");
            case "http" -> sets.put("global.logShipping.http.host", "logs.example.com");
            case "s3" -> sets.put("global.logShipping.s3.bucket", "spark-logs");
            default -> throw new IllegalArgumentException(output);
        }
        sets.put("connect.enabled", "true");
        sets.put("historyServer.enabled", "true");
        sets.put("minio.enabled", "true");
        sets.put("standalone.enabled", "true");
        sets.put("jobs.enabled", "true");
        sets.put("jobs.apps.nightly.mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py");
        sets.put("global.driverLogs.enabled", "true");
        sets.put("global.logLinks.executorUrl", LINK);
        return sets;
    }

    /** An executor log link with the placeholders both lines report. */
    static final String LINK = "https://logs.example.com/explore?namespace={{NAMESPACE}}&pod={{POD_NAME}}";

    private static Map<String, Object> valuesOf(Map<String, String> sets) {
        Map<String, Object> root = new LinkedHashMap<>();
        sets.forEach((path, value) -> {
            String[] parts = path.split("\\.");
            Map<String, Object> at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next =
                        (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                at = next;
            }
            Object typed = value.equals("true") ? Boolean.TRUE : value;
            at.put(parts[parts.length - 1], typed);
        });
        return root;
    }

    /** The pods that run a Spark process, as (kind, name, Spark container). */
    private static List<String[]> sparkWorkloads() {
        return List.of(
                new String[] {"StatefulSet", R + "-connect", "connect"},
                new String[] {"Deployment", R + "-history-server", "history-server"},
                new String[] {"Deployment", R + "-standalone-master", "master"},
                new String[] {"Deployment", R + "-standalone-worker", "worker"});
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static Map<String, Object> named(List<Map<String, Object>> entries, String name, String where) {
        return entries.stream()
                .filter(e -> name.equals(e.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + where + ": " + entries));
    }

    /** The sidecar, the Spark container's mount and the two volumes of one pod spec. */
    @SuppressWarnings("unchecked")
    private static void assertShipped(Map<String, Object> spec, String sparkContainer, String where) {
        Map<String, Object> sidecar = named(list(spec, "initContainers"), "log-shipper", where);
        assertThat(sidecar.get("restartPolicy")).as(where).isEqualTo("Always");
        assertThat(String.valueOf(sidecar.get("image")))
                .as(where)
                .matches("fluent/fluent-bit:[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(named(list(sidecar, "volumeMounts"), "spark-logs", where)).containsEntry("mountPath", LOG_DIR);
        Map<String, Object> spark = named(list(spec, "containers"), sparkContainer, where);
        assertThat(named(list(spark, "volumeMounts"), "spark-logs", where + " " + sparkContainer))
                .containsEntry("mountPath", LOG_DIR);
        Map<String, Object> volume = named(list(spec, "volumes"), "spark-logs", where);
        assertThat(((Map<String, Object>) volume.get("emptyDir")).get("sizeLimit"))
                .as(where)
                .isEqualTo("512Mi");
        Map<String, Object> config = named(list(spec, "volumes"), "log-shipper", where);
        assertThat(((Map<String, Object>) config.get("configMap")).get("name")).isEqualTo(R + "-log-shipper");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> executorTemplate(Rendered rendered, String configMap, String key) {
        Map<String, Object> data =
                (Map<String, Object>) rendered.object("ConfigMap", configMap).get("data");
        Map<String, Object> pod =
                Rendering.manifests(String.valueOf(data.get(key))).get(0).content();
        return (Map<String, Object>) pod.get("spec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark-4.1", "spark-3.5"})
    void everySparkPodCarriesTheShipperAsANativeSidecar(String chartName) {
        Rendered rendered = Rendered.of(Repo.CHARTS.resolve(chartName), List.of(), shipping("loki"));
        for (String[] w : sparkWorkloads()) {
            assertShipped(rendered.podSpec(w[0], w[1]), w[2], w[0] + "/" + w[1]);
        }
        assertShipped(
                executorTemplate(rendered, R + "-connect", "executor-pod-template.yaml"),
                "spark-executor",
                "the Connect executors' pod template");
        Map<String, Object> job = rendered.objects().stream()
                .filter(o -> "Job".equals(o.get("kind")) && Rendered.name(o).startsWith(R + "-job-nightly"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Job of jobs.apps.nightly in " + rendered.names()));
        assertShipped(rendered.podSpec("Job", Rendered.name(job)), "driver", "the job's driver pod");
        assertShipped(
                executorTemplate(rendered, R + "-job-nightly", "executor-pod-template.yaml"),
                "spark-executor",
                "the job's executors' pod template");
        assertThat(rendered.has("ConfigMap", R + "-log-shipper")).isTrue();
    }

    /** A Spark subchart of the umbrella installed on its own brings the shipper's ConfigMap and log4j2 file. */
    @SuppressWarnings("unchecked")
    @Test
    void aSparkSubchartInstalledAloneShipsToo() {
        Rendered rendered = Rendered.of(
                UMBRELLA.resolve("charts/connect"),
                List.of(),
                Map.of("global.logShipping.enabled", "true", "global.logShipping.forward.host", "fluentd.logging"));
        assertShipped(rendered.podSpec("StatefulSet", R + "-connect"), "connect", "the connect subchart alone");
        assertThat(rendered.has("ConfigMap", R + "-log-shipper")).isTrue();
        Map<String, Object> wiring = (Map<String, Object>)
                rendered.object("ConfigMap", R + "-spark-wiring").get("data");
        assertThat(String.valueOf(wiring.get("log4j2.properties")))
                .contains("appender.file.fileName = " + LOG_DIR + "/spark.log")
                .contains("appender.console.target = SYSTEM_ERR");
    }

    @Test
    void offByDefaultNothingIsAdded() {
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            Rendered rendered =
                    Rendered.of(chart, List.of(), Map.of("historyServer.enabled", "true", "minio.enabled", "true"));
            assertThat(rendered.has("ConfigMap", R + "-log-shipper")).isFalse();
            assertThat(list(rendered.podSpec("StatefulSet", R + "-connect"), "initContainers"))
                    .noneMatch(c -> "log-shipper".equals(c.get("name")));
            assertThat(list(rendered.podSpec("Deployment", R + "-history-server"), "volumes"))
                    .noneMatch(v -> "spark-logs".equals(v.get("name")));
        }
    }

    /** Shipping on with one SparkApplication and one ScheduledSparkApplication (the Spark Operator's runs). */
    static Map<String, String> operatorShipping(String output) {
        Map<String, String> sets = new LinkedHashMap<>(shipping(output));
        sets.put("jobs.apps.nightly.runner", "sparkApplication");
        sets.put("jobs.apps.hourly.runner", "sparkApplication");
        sets.put("jobs.apps.hourly.schedule", "@hourly");
        sets.put("jobs.apps.hourly.mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py");
        sets.put("jobs.sparkOperator.skipCapabilitiesCheck", "true");
        return sets;
    }

    /** The application spec of a SparkApplication, or a ScheduledSparkApplication's template. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationSpec(Rendered rendered, String kind, String name) {
        Map<String, Object> spec =
                (Map<String, Object>) rendered.object(kind, name).get("spec");
        return kind.equals("ScheduledSparkApplication") ? (Map<String, Object>) spec.get("template") : spec;
    }

    /**
     * The operator passes spec.driver.template and spec.executor.template to Spark as pod template files, so the
     * driver and executor pods Spark builds carry the sidecar, the size-limited log folder and the release's
     * log4j2.properties (from the spark-wiring ConfigMap, read through -Dlog4j2.configurationFile), on the toggle
     * chart and the umbrella's jobs subchart, for both kinds.
     */
    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"spark-4.1", "spark-3.5"})
    void sparkApplicationDriversAndExecutorsCarryTheShipperAndTheReleasesLog4j2(String chartName) {
        Rendered rendered = Rendered.of(Repo.CHARTS.resolve(chartName), List.of(), operatorShipping("forward"));
        String option = "-Dlog4j2.configurationFile=/opt/spark-k8s/wiring/log4j2.properties";
        for (String[] app : List.of(
                new String[] {"SparkApplication", R + "-job-nightly"},
                new String[] {"ScheduledSparkApplication", R + "-job-hourly"})) {
            String where = app[0] + "/" + app[1];
            Map<String, Object> spec = applicationSpec(rendered, app[0], app[1]);
            for (String[] role : List.of(
                    new String[] {"driver", "spark-kubernetes-driver"}, new String[] {"executor", "spark-executor"})) {
                Map<String, Object> template =
                        (Map<String, Object>) ((Map<String, Object>) spec.get(role[0])).get("template");
                assertThat(template).as(where + " " + role[0] + " template").isNotNull();
                Map<String, Object> pod = (Map<String, Object>) template.get("spec");
                assertShipped(pod, role[1], where + " " + role[0]);
                Map<String, Object> wiring = named(list(pod, "volumes"), "wiring", where);
                assertThat(String.valueOf(wiring.get("configMap")))
                        .contains("name=" + R + "-spark-wiring")
                        .contains("key=log4j2.properties");
                Map<String, Object> spark = named(list(pod, "containers"), role[1], where);
                assertThat(named(list(spark, "volumeMounts"), "wiring", where))
                        .containsEntry("mountPath", "/opt/spark-k8s/wiring");
                assertThat(((Map<String, Object>) spec.get("sparkConf"))
                                .get("spark." + role[0] + ".defaultJavaOptions"))
                        .as(where + " " + role[0] + " JVM options")
                        .isEqualTo(option);
            }
        }
        // the ConfigMap the pods mount carries the release's log4j2.properties with the shipper's file appender
        Map<String, Object> data = (Map<String, Object>)
                rendered.object("ConfigMap", R + "-spark-wiring").get("data");
        assertThat(String.valueOf(data.get("log4j2.properties")))
                .contains("appender.file.fileName = " + LOG_DIR + "/spark.log");
    }

    /**
     * A user's own spark.driver/executor.defaultJavaOptions in a SparkApplication's sparkConf joins the chart's
     * log4j2 option (after it, so a -D of the same property of the user's wins in the JVM) instead of replacing it;
     * every other user setting still replaces the chart's.
     */
    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"spark-4.1", "spark-3.5"})
    void aUsersDefaultJavaOptionsJoinTheChartsLog4j2Option(String chartName) {
        Map<String, String> sets = new LinkedHashMap<>(operatorShipping("forward"));
        sets.put("jobs.apps.nightly.sparkConf.spark\\.driver\\.defaultJavaOptions", "-Duser.driver=kept");
        sets.put("jobs.apps.nightly.sparkConf.spark\\.executor\\.defaultJavaOptions", "-Duser.executor=kept");
        sets.put("jobs.apps.nightly.sparkConf.spark\\.jars\\.ivy", "/tmp/user-ivy");
        Rendered rendered = Rendered.of(Repo.CHARTS.resolve(chartName), List.of(), sets);
        Map<String, Object> conf =
                (Map<String, Object>) applicationSpec(rendered, "SparkApplication", R + "-job-nightly")
                        .get("sparkConf");
        String option = "-Dlog4j2.configurationFile=/opt/spark-k8s/wiring/log4j2.properties";
        assertThat(conf)
                .containsEntry("spark.driver.defaultJavaOptions", option + " -Duser.driver=kept")
                .containsEntry("spark.executor.defaultJavaOptions", option + " -Duser.executor=kept")
                .containsEntry("spark.jars.ivy", "/tmp/user-ivy");
        // without the chart's option (no shipping, no logging.*) the user's value stands alone
        sets.keySet().removeIf(k -> k.startsWith("global."));
        Map<String, Object> alone = (Map<String, Object>) applicationSpec(
                        Rendered.of(Repo.CHARTS.resolve(chartName), List.of(), sets),
                        "SparkApplication",
                        R + "-job-nightly")
                .get("sparkConf");
        assertThat(alone).containsEntry("spark.driver.defaultJavaOptions", "-Duser.driver=kept");
    }

    /** Without shipping and without logging.* a SparkApplication stays as before: no templates' additions. */
    @SuppressWarnings("unchecked")
    @Test
    void withoutShippingASparkApplicationGetsNoDriverTemplateNorJvmOption() {
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            Map<String, String> sets = new LinkedHashMap<>(operatorShipping("forward"));
            sets.keySet().removeIf(k -> k.startsWith("global."));
            Rendered rendered = Rendered.of(chart, List.of(), sets);
            Map<String, Object> spec = applicationSpec(rendered, "SparkApplication", R + "-job-nightly");
            assertThat((Map<String, Object>) spec.get("driver")).doesNotContainKey("template");
            assertThat(String.valueOf(spec)).doesNotContain("log-shipper").doesNotContain("defaultJavaOptions");
        }
    }

    /** The gates over the operator's pods (Pod Security "restricted" on templates and webhook pods, schemas). */
    @TestFactory
    Stream<DynamicTest> theGatesFindNothingOnTheOperatorsPods() {
        Verifier verifier = Repo.featureVerifier();
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    Path values = Rendering.writeValues(
                            tmp.resolve(chart.getFileName() + "-operator.yaml"), valuesOf(operatorShipping("s3")));
                    VerificationReport report = verifier.verify(chart, List.of(values));
                    assertThat(report.findings()).as(report.format()).isEmpty();
                }));
    }

    /** The gates over manifests a test weakened by hand, at the newest Kubernetes version the charts support. */
    private static VerificationReport verifyPlanted(String manifests) {
        return Verifier.builder()
                .kubeVersions(List.of(KubernetesVersions.HIGHEST))
                .build()
                .verifyManifests(manifests, "planted");
    }

    /** Planted: the driver template's sidecar allowed to escalate is caught on the SparkApplication. */
    @Test
    void aSparkApplicationSidecarWeakenedByHandIsCaught() {
        String manifests = Rendered.template(TOGGLE, List.of(), operatorShipping("forward"))
                .stdout();
        int at = manifests.indexOf("kind: SparkApplication");
        String tail = manifests
                .substring(at)
                .replaceFirst("(?s)(name: log-shipper\\n.*?allowPrivilegeEscalation: )false", "$1true");
        String weakened = manifests.substring(0, at) + tail;
        assertThat(weakened).isNotEqualTo(manifests);
        VerificationReport report = verifyPlanted(weakened);
        assertThat(report.findings()).as(report.format()).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo(Checks.PSS_RESTRICTED);
            assertThat(f.kind()).isEqualTo("SparkApplication");
            assertThat(f.message()).contains("allowPrivilegeEscalation").contains("log-shipper");
        });
    }

    /** The gates over every output: Pod Security "restricted", schemas at both ends of the range, references. */
    @TestFactory
    Stream<DynamicTest> theGatesFindNothingForEveryOutput() {
        Verifier verifier = Repo.featureVerifier();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            for (String output : List.of("s3", "loki")) {
                String name = chart.getFileName() + "-" + output;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Path values = Rendering.writeValues(tmp.resolve(name + ".yaml"), valuesOf(shipping(output)));
                    VerificationReport report = verifier.verify(chart, List.of(values));
                    assertThat(report.findings()).as(report.format()).isEmpty();
                    assertThat(report.gates())
                            .filteredOn(g -> g.check().equals(Checks.PSS_RESTRICTED))
                            .isNotEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /** Planted: a sidecar that may escalate privileges is caught by the Pod Security gate. */
    @Test
    void aSidecarWeakenedByHandIsCaughtByThePodSecurityGate() {
        String manifests =
                Rendered.template(TOGGLE, List.of(), shipping("forward")).stdout();
        String weakened =
                manifests.replaceFirst("(?s)(- name: log-shipper\\n.*?allowPrivilegeEscalation: )false", "$1true");
        assertThat(weakened).isNotEqualTo(manifests);
        VerificationReport report = verifyPlanted(weakened);
        assertThat(report.findings()).as(report.format()).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo(Checks.PSS_RESTRICTED);
            assertThat(f.message()).contains("allowPrivilegeEscalation");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"forward", "loki", "s3", "http"})
    void eachOutputWithoutItsDestinationIsRefused(String output) {
        Map<String, String> sets = new LinkedHashMap<>(shipping(output));
        String key = sets.keySet().stream()
                .filter(k -> k.startsWith("global.logShipping." + output + "."))
                .findFirst()
                .orElseThrow();
        sets.remove(key);
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            var result = Rendered.template(chart, List.of(), sets);
            assertThat(result.succeeded()).as(chart + " " + output).isFalse();
            assertThat(result.describe()).contains(key);
        }
    }

    // --- the shipper's configuration, read as fluent-bit reads its classic format ---

    /** One [SECTION] of a fluent-bit classic configuration: its name and its entries (keys may repeat). */
    record Section(String name, List<String[]> entries) {
        String get(String key) {
            return entries.stream()
                    .filter(e -> e[0].equalsIgnoreCase(key))
                    .map(e -> e[1])
                    .findFirst()
                    .orElse(null);
        }
    }

    static List<Section> sections(String text) {
        List<Section> out = new ArrayList<>();
        Section current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                assertThat(line).as("section header").matches("\\[[A-Z_]+\\]");
                current = new Section(line.substring(1, line.length() - 1), new ArrayList<>());
                out.add(current);
                continue;
            }
            assertThat(current).as("entry outside a section: " + line).isNotNull();
            assertThat(raw).as("entries are indented: " + line).startsWith("    ");
            String[] kv = line.split("\\s+", 2);
            assertThat(kv).as("key and value: " + line).hasSize(2);
            current.entries().add(kv);
        }
        return out;
    }

    /** Required keys of each output plugin (fluent-bit's docs: pipeline/outputs/{forward,loki,s3,http}.md). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "forward",
            List.of("Host", "Port"),
            "loki",
            List.of("Host", "Port"),
            "s3",
            List.of("bucket", "region"),
            "http",
            List.of("Host", "Port", "URI", "Format"));

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"forward", "loki", "s3", "http"})
    void theShipperConfigurationHoldsTogether(String output) {
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            Rendered rendered = Rendered.of(chart, List.of(), shipping(output));
            Map<String, Object> data = (Map<String, Object>)
                    rendered.object("ConfigMap", R + "-log-shipper").get("data");
            List<Section> conf = sections(String.valueOf(data.get("fluent-bit.conf")));
            List<Section> parsers = sections(String.valueOf(data.get("parsers.conf")));
            assertThat(conf.stream().map(Section::name))
                    .containsExactly("SERVICE", "INPUT", "FILTER", "FILTER", "OUTPUT");
            Section service = conf.get(0);
            Section input = conf.get(1);
            Section out = conf.get(4);
            // the service's parsers file is the ConfigMap's, where the sidecar mounts it
            assertThat(service.get("Parsers_File")).isEqualTo("/fluent-bit/etc/spark-k8s/parsers.conf");
            // a bounded buffer on the shared emptyDir
            assertThat(service.get("storage.path")).startsWith(LOG_DIR + "/");
            assertThat(input.get("storage.type")).isEqualTo("filesystem");
            assertThat(input.get("Mem_Buf_Limit")).isEqualTo("8M");
            assertThat(out.get("storage.total_limit_size")).isEqualTo("200M");
            // the tailed file is the one log4j2 writes
            Map<String, Object> wiring = (Map<String, Object>)
                    rendered.object("ConfigMap", R + "-spark-wiring").get("data");
            String log4j2 = String.valueOf(wiring.get("log4j2.properties"));
            assertThat(log4j2)
                    .contains("appender.file.fileName = " + input.get("Path"))
                    .contains("rootLogger.appenderRef.file.ref = file")
                    .contains("appender.file.policies.size.size = 50MB")
                    .contains("appender.file.strategy.max = 2");
            assertThat(input.get("DB")).startsWith(LOG_DIR + "/");
            // every parser named is defined
            Set<String> defined = new TreeSet<>();
            parsers.forEach(p -> defined.add(p.get("Name") != null ? p.get("Name") : p.get("name")));
            conf.stream().map(s -> s.get("Parser")).filter(p -> p != null).forEach(p -> assertThat(defined)
                    .contains(p));
            if (input.get("multiline.parser") != null) {
                assertThat(defined).contains(input.get("multiline.parser"));
            }
            // the output, with what its plugin requires
            assertThat(out.get("Name")).isEqualTo(output);
            for (String key : REQUIRED.get(output)) {
                assertThat(out.get(key)).as(output + " " + key).isNotBlank();
            }
            // every ${VAR} the configuration reads is in the sidecar's env
            Map<String, Object> sidecar = rendered.container("StatefulSet", R + "-connect", "log-shipper");
            Set<String> env = Rendered.env(sidecar).keySet();
            Matcher vars = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(String.valueOf(data.get("fluent-bit.conf")));
            while (vars.find()) {
                assertThat(env).as("env of the sidecar").contains(vars.group(1));
            }
            if (output.equals("s3")) {
                assertThat(env).contains("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
                assertThat(out.get("endpoint")).isEqualTo("http://" + R + "-minio:9000");
            }
        }
    }

    /**
     * The parsers against Spark's own lines: the pattern parser (fluent-bit's Onigmo regex; the constructs used here
     * mean the same in java.util.regex) splits a plain line into time, level, logger and message; the multi-line
     * rule starts a record at a timestamped line and keeps a stack trace's lines with it.
     */
    @SuppressWarnings("unchecked")
    @Test
    void theParsersSplitSparksPlainLinesAndKeepStackTracesTogether() {
        Rendered rendered = Rendered.of(UMBRELLA, List.of(), shipping("forward"));
        Map<String, Object> data = (Map<String, Object>)
                rendered.object("ConfigMap", R + "-log-shipper").get("data");
        List<Section> parsers = sections(String.valueOf(data.get("parsers.conf")));
        Section pattern = parsers.stream()
                .filter(p -> "spark-pattern".equals(p.get("Name")))
                .findFirst()
                .orElseThrow();
        Matcher m = Pattern.compile(pattern.get("Regex"))
                .matcher("25/11/30 04:12:24 WARN TaskSetManager: Lost task 0.0 in stage 1.0 (TID 1)\n"
                        + "java.lang.IllegalStateException: boom\n\tat Main.main(Main.java:3)");
        assertThat(m.matches()).isTrue();
        assertThat(m.group("time")).isEqualTo("25/11/30 04:12:24");
        assertThat(m.group("level")).isEqualTo("WARN");
        assertThat(m.group("logger")).isEqualTo("TaskSetManager");
        assertThat(m.group("message")).startsWith("Lost task").contains("\tat Main.main");
        Section multiline = parsers.stream()
                .filter(p -> "MULTILINE_PARSER".equals(p.name()))
                .findFirst()
                .orElseThrow();
        List<String> rules = multiline.entries().stream()
                .filter(e -> e[0].equals("rule"))
                .map(e -> e[1])
                .toList();
        Pattern quoted = Pattern.compile("\"([^\"]*)\"\\s+\"/(.*)/\"\\s+\"([^\"]*)\"");
        Matcher start = quoted.matcher(rules.get(0));
        Matcher cont = quoted.matcher(rules.get(1));
        assertThat(start.matches()).isTrue();
        assertThat(cont.matches()).isTrue();
        assertThat(start.group(1)).isEqualTo("start_state");
        Pattern first = Pattern.compile(start.group(2).replace("\\/", "/"));
        Pattern next = Pattern.compile(cont.group(2).replace("\\/", "/"));
        assertThat(first.matcher("25/11/30 04:12:24 INFO SparkContext: Running Spark version 3.5.7")
                        .lookingAt())
                .isTrue();
        assertThat(first.matcher("\tat org.apache.spark.Main.main(Main.scala:1)")
                        .lookingAt())
                .isFalse();
        assertThat(next.matcher("\tat org.apache.spark.Main.main(Main.scala:1)").lookingAt())
                .isTrue();
        assertThat(next.matcher("Caused by: java.io.IOException: x").lookingAt())
                .isTrue();
        assertThat(next.matcher("25/11/30 04:12:25 INFO SparkContext: next").lookingAt())
                .isFalse();
    }

    @SuppressWarnings("unchecked")
    @Test
    void jsonLinesOnSpark41AreParsedAsJson() {
        Map<String, String> sets = new LinkedHashMap<>(shipping("http"));
        sets.put("logging.json", "true");
        Rendered rendered = Rendered.of(TOGGLE, List.of(), sets);
        Map<String, Object> data = (Map<String, Object>)
                rendered.object("ConfigMap", R + "-log-shipper").get("data");
        List<Section> conf = sections(String.valueOf(data.get("fluent-bit.conf")));
        assertThat(conf.get(1).get("multiline.parser")).isNull();
        assertThat(conf.get(2).get("Parser")).isEqualTo("spark-json");
        Map<String, Object> wiring = (Map<String, Object>)
                rendered.object("ConfigMap", R + "-spark-wiring").get("data");
        assertThat(String.valueOf(wiring.get("log4j2.properties")))
                .contains("appender.file.layout.type = JsonTemplateLayout")
                .contains("appender.console.layout.type = JsonTemplateLayout");
    }

    // --- driver logs on S3 (global.driverLogs) ---

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"spark-4.1", "spark-3.5"})
    void driverLogsGoToS3AndEveryDriverAndTheHistoryServerFindTheirPrefix(String chartName) {
        Rendered rendered = Rendered.of(Repo.CHARTS.resolve(chartName), List.of(), shipping("forward"));
        Map<String, Object> wiring = (Map<String, Object>)
                rendered.object("ConfigMap", R + "-spark-wiring").get("data");
        assertThat(String.valueOf(wiring.get("wiring.conf")))
                .contains("spark.driver.log.persistToDfs.enabled=true")
                .contains("spark.driver.log.dfsDir=s3a://spark-logs/driver-logs")
                .contains("spark.history.fs.driverlog.cleaner.enabled=true")
                .contains("spark.history.fs.driverlog.cleaner.maxAge=7d");
        String job = rendered.objects().stream()
                .filter(o -> "Job".equals(o.get("kind")) && Rendered.name(o).startsWith(R + "-job-nightly"))
                .map(Rendered::name)
                .findFirst()
                .orElseThrow();
        for (String[] w : List.of(
                new String[] {"StatefulSet", R + "-connect"},
                new String[] {"Deployment", R + "-history-server"},
                new String[] {"Job", job})) {
            Map<String, Object> init = rendered.container(w[0], w[1], "ensure-driver-log-prefix");
            assertThat(Rendered.env(init).get("TARGET")).as(w[1]).containsEntry("value", "spark-logs/driver-logs");
        }
        // the standalone daemons run no driver
        assertThat(list(rendered.podSpec("Deployment", R + "-standalone-master"), "initContainers"))
                .noneMatch(c -> "ensure-driver-log-prefix".equals(c.get("name")));
    }

    @Test
    void driverLogsWithoutAnS3StoreAreRefused() {
        Map<String, String> sets = Map.of("global.driverLogs.enabled", "true", "minio.enabled", "false");
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            var result = Rendered.template(chart, List.of(), sets);
            assertThat(result.succeeded()).as(chart.toString()).isFalse();
            assertThat(result.describe()).contains("global.driverLogs.enabled").contains("global.s3.endpoint");
        }
    }

    // --- executor log links (global.logLinks.executorUrl) ---

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"spark-4.1", "spark-3.5"})
    void theExecutorLogLinkReachesTheUiAndTheHistoryServerAndTheExecutorsReportItsPlaceholders(String chartName) {
        Rendered rendered = Rendered.of(Repo.CHARTS.resolve(chartName), List.of(), shipping("forward"));
        Map<String, Object> wiring = (Map<String, Object>)
                rendered.object("ConfigMap", R + "-spark-wiring").get("data");
        assertThat(String.valueOf(wiring.get("wiring.conf")))
                .contains("spark.ui.custom.executor.log.url=" + LINK)
                .contains("spark.history.custom.executor.log.url=" + LINK);
        Map<String, Object> spec = executorTemplate(rendered, R + "-connect", "executor-pod-template.yaml");
        Map<String, Object> executor = named(list(spec, "containers"), "spark-executor", "executor template");
        Map<String, Map<String, Object>> env = Rendered.env(executor);
        assertThat(env.get("SPARK_EXECUTOR_ATTRIBUTE_POD_NAME").toString()).contains("metadata.name");
        assertThat(env.get("SPARK_EXECUTOR_ATTRIBUTE_NAMESPACE").toString()).contains("metadata.namespace");
    }

    @Test
    void spark35RefusesPlaceholdersItsExecutorsDoNotReport() {
        Map<String, String> sets = Map.of("global.logLinks.executorUrl", "https://logs.example.com/{{APP_ID}}");
        var refused = Rendered.template(UMBRELLA, List.of(), sets);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.describe()).contains("executorUrl");
        assertThat(Rendered.template(TOGGLE, List.of(), sets).succeeded())
                .as("4.1 executors report APP_ID themselves")
                .isTrue();
    }
}
