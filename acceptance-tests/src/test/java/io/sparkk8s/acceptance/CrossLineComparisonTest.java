package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Issue 6: the same values file means the same deployment on both lines. Each preset that applies to both
 * lines is rendered on {@code spark-4.1} (toggle layout) and {@code spark-3.5} (umbrella of subcharts) with the
 * same release name; both must give the same workloads (with the same containers), the same Services (with the
 * same ports) and the same Spark settings in every Spark configuration file, except for what differs between the
 * lines by design: {@link #LINE_SPECIFIC_SPARK_SETTINGS}.
 */
class CrossLineComparisonTest {

    private static final Path TOGGLE = Repo.CHARTS.resolve("spark-4.1");
    private static final Path UMBRELLA = Repo.CHARTS.resolve("spark-3.5");

    /**
     * The Spark settings whose values differ between the lines, and why. Everything else in every
     * {@code *.conf} entry of every ConfigMap must be equal.
     */
    static final Map<String, String> LINE_SPECIFIC_SPARK_SETTINGS = Map.of(
            "spark.kubernetes.container.image", "the line's default image tag",
            "spark.jars.packages",
                    "S3A jars (hadoop-aws + AWS SDK) matching the line's Hadoop; 3.5 Connect adds the server",
            "spark.eventLog.compress", "changed default (true since 4.0)",
            "spark.eventLog.rolling.enabled", "changed default (true since 4.0)",
            "spark.sql.ansi.enabled", "changed default (true since 4.0)",
            "spark.master.rest.enabled", "changed default (true on 4.1)",
            "spark.worker.cleanup.enabled", "changed default (true since 4.0)",
            "spark.connect.grpc.binding.port", "connect.auth (4.1 only): Spark on 15012 behind the TLS proxy on 15002");

    /**
     * What {@code connect.auth} (4.1 only; 3.5 has no Connect authentication) adds to the 4.1 Connect server: the
     * TLS proxy container and Spark's loopback binding. The Services stay the same (port 15002, target grpc).
     */
    static final String CONNECT_AUTH_CONTAINER = "containers:tls-proxy";

    static final String CONNECT_AUTH_SETTING = "spark.connect.grpc.binding.address";

    private static final String PACKAGES = "spark.jars.packages";

    private static final Set<String> WORKLOAD_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");

    /** Spark settings of values the models declare for one line only (Value.onlyOn): absent elsewhere by design. */
    private static final Set<String> ONE_LINE = Set.copyOf(OneLineValues.sparkSettings());

    /** The presets of the catalog whose {@code lines} name both lines. */
    static List<String> sharedPresets() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.ROOT.resolve("presets"))) {
            for (Path file : files.sorted().toList()) {
                Object lines = ((Map<?, ?>)
                                new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)))
                        .get("lines");
                if (lines instanceof List<?> list && list.contains("4.1") && list.contains("3.5")) {
                    out.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void thereArePresetsForBothLinesAndBothChartsShipThem() {
        assertThat(sharedPresets()).as("presets/*.yaml with lines [4.1, 3.5]").isNotEmpty();
        for (String preset : sharedPresets()) {
            assertThat(TOGGLE.resolve("presets/" + preset)).isRegularFile();
            assertThat(UMBRELLA.resolve("presets/" + preset)).isRegularFile();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedPresets")
    void aPresetDeploysTheSameOnBothLines(String preset) {
        Rendered toggle = Rendered.of(TOGGLE, List.of(TOGGLE.resolve("presets/" + preset)), Map.of());
        Rendered umbrella = Rendered.of(UMBRELLA, List.of(UMBRELLA.resolve("presets/" + preset)), Map.of());

        Map<String, List<String>> toggleWorkloads = workloads(toggle);
        toggleWorkloads.computeIfPresent(
                "StatefulSet/" + Rendered.RELEASE + "-connect", (name, containers) -> containers.stream()
                        .filter(c -> !c.equals(CONNECT_AUTH_CONTAINER))
                        .toList());
        assertThat(workloads(umbrella))
                .as("%s: workloads and their containers (3.5 vs 4.1)", preset)
                .isEqualTo(toggleWorkloads)
                .isNotEmpty();
        assertThat(services(umbrella))
                .as("%s: Services and their ports (3.5 vs 4.1)", preset)
                .isEqualTo(services(toggle));

        Map<String, Map<String, String>> sparkToggle = sparkSettings(toggle);
        Map<String, Map<String, String>> sparkUmbrella = sparkSettings(umbrella);
        assertThat(sparkUmbrella.keySet())
                .as("%s: the Spark configuration files", preset)
                .isEqualTo(sparkToggle.keySet())
                .isNotEmpty();
        sparkToggle.forEach((file, settings) -> {
            Map<String, String> other = sparkUmbrella.get(file);
            Set<String> expected = new java.util.TreeSet<>(settings.keySet());
            expected.removeAll(ONE_LINE);
            expected.remove(CONNECT_AUTH_SETTING);
            Set<String> actual = new java.util.TreeSet<>(other.keySet());
            actual.removeAll(ONE_LINE);
            if (file.endsWith("-connect/spark-defaults.conf") && !settings.containsKey(PACKAGES)) {
                // 3.5's Connect adds the Connect server jar, which the 3.5 image lacks; 4.1 has nothing to add
                assertThat(other.get(PACKAGES))
                        .as("%s: %s in %s on 3.5", preset, PACKAGES, file)
                        .startsWith("org.apache.spark:spark-connect_2.12:")
                        .doesNotContain(",");
                actual.remove(PACKAGES);
            }
            assertThat(actual).as("%s: the Spark settings in %s", preset, file).isEqualTo(expected);
            settings.forEach((key, value) -> {
                if (!LINE_SPECIFIC_SPARK_SETTINGS.containsKey(key)
                        && !ONE_LINE.contains(key)
                        && !CONNECT_AUTH_SETTING.equals(key)) {
                    assertThat(other.get(key))
                            .as("%s: %s in %s (3.5 vs 4.1)", preset, key, file)
                            .isEqualTo(value);
                }
            });
        });
    }

    @Test
    void theLineSpecificSettingsDoDifferWhereTheyAreSet() {
        // the allowed differences are real: images and packages differ between the lines in every preset
        Rendered toggle = Rendered.of(TOGGLE, List.of(TOGGLE.resolve("presets/minimal.yaml")), Map.of());
        Rendered umbrella = Rendered.of(UMBRELLA, List.of(UMBRELLA.resolve("presets/minimal.yaml")), Map.of());
        Map<String, String> connect41 = toggle.connectConf();
        Map<String, String> connect35 = umbrella.connectConf();
        // the one-line settings read from the models exist where declared and nowhere else
        assertThat(ONE_LINE).contains("spark.executor.minMemoryOverhead");
        assertThat(connect41).containsKey("spark.executor.minMemoryOverhead");
        assertThat(connect35).doesNotContainKey("spark.executor.minMemoryOverhead");
        // minimal uses no S3: 4.1 adds no jars at all, 3.5 only the Connect server the image lacks
        assertThat(connect35.get("spark.jars.packages"))
                .isEqualTo("org.apache.spark:spark-connect_2.12:"
                        + connect35.get("spark.kubernetes.container.image").replaceAll(".*:(3\\.5\\.[0-9]+)-.*", "$1"));
        assertThat(connect41).doesNotContainKey("spark.jars.packages");
        // with S3 (MinIO), the wiring's S3A jars follow each line's Hadoop
        Map<String, String> wiring41 = Rendered.of(
                        TOGGLE, List.of(TOGGLE.resolve("presets/connect-minio-history.yaml")), Map.of())
                .sparkConf(Rendered.RELEASE + "-spark-wiring", "wiring.conf");
        Map<String, String> wiring35 = Rendered.of(
                        UMBRELLA, List.of(UMBRELLA.resolve("presets/connect-minio-history.yaml")), Map.of())
                .sparkConf(Rendered.RELEASE + "-spark-wiring", "wiring.conf");
        assertThat(wiring41.get("spark.jars.packages")).contains("org.apache.hadoop:hadoop-aws:3.4.");
        assertThat(wiring35.get("spark.jars.packages")).contains("org.apache.hadoop:hadoop-aws:3.3.");
        assertThat(connect35.get("spark.kubernetes.container.image"))
                .contains(":3.5.")
                .isNotEqualTo(connect41.get("spark.kubernetes.container.image"));
    }

    /** Workload kind/name to its container names (init containers first, each list in order). */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> workloads(Rendered rendered) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map<String, Object> object : rendered.objects()) {
            String kind = String.valueOf(object.get("kind"));
            if (!WORKLOAD_KINDS.contains(kind)) {
                continue;
            }
            String name = Rendered.name(object);
            Map<String, Object> spec = rendered.podSpec(kind, name);
            List<String> containers = new ArrayList<>();
            for (String key : List.of("initContainers", "containers")) {
                if (spec.get(key) instanceof List<?> list) {
                    list.forEach(c -> containers.add(key + ":" + ((Map<String, Object>) c).get("name")));
                }
            }
            // Jobs named after a hash of their spec (which holds the line's image) differ by that hash only
            out.put(kind + "/" + name.replaceAll("-[0-9a-f]{8}$", "-<spec hash>"), containers);
        }
        return out;
    }

    /** Service name to its ports ({@code name port->targetPort/protocol}, sorted). */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> services(Rendered rendered) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Map<String, Object> object : rendered.objects()) {
            if (!"Service".equals(object.get("kind"))) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) object.get("spec");
            Set<String> ports = new TreeSet<>();
            for (Map<String, Object> port : (List<Map<String, Object>>) spec.getOrDefault("ports", List.of())) {
                ports.add(port.get("name") + " " + port.get("port") + "->" + port.get("targetPort") + "/"
                        + port.getOrDefault("protocol", "TCP"));
            }
            out.put(
                    Rendered.name(object) + " (" + spec.getOrDefault("type", "ClusterIP") + ", clusterIP "
                            + spec.getOrDefault("clusterIP", "auto") + ")",
                    ports);
        }
        return out;
    }

    /** Every Spark properties file ({@code *.conf} entry) of every ConfigMap, by ConfigMap/key. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> sparkSettings(Rendered rendered) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Map<String, Object> object : rendered.objects()) {
            if (!"ConfigMap".equals(object.get("kind")) || !(object.get("data") instanceof Map<?, ?> data)) {
                continue;
            }
            for (Object key : data.keySet()) {
                // the TLS proxy's NGINX configuration (connect.auth, 4.1 only) is no Spark properties file
                if (String.valueOf(key).endsWith(".conf")
                        && !String.valueOf(key).equals("proxy-nginx.conf")) {
                    String name = Rendered.name(object);
                    out.put(name + "/" + key, rendered.sparkConf(name, String.valueOf(key)));
                }
            }
        }
        return out;
    }
}
