package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The S3A jars (hadoop-aws + the AWS SDK bundle, about 0.5 GB resolved at every start) and the S3A settings reach
 * the Spark processes only where S3 is used: {@code global.s3.endpoint} is set, or the bundled {@code minio} block
 * is enabled. Both lines give the same answer for every shared preset, and the jars are the line profile's.
 */
class S3OnlyWhereUsedTest {

    private static final Path TOGGLE = Repo.CHARTS.resolve("spark-4.1");
    private static final Path UMBRELLA = Repo.CHARTS.resolve("spark-3.5");
    private static final String R = Rendered.RELEASE;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sparkk8s.acceptance.CrossLineComparisonTest#sharedPresets")
    void aPresetGetsTheS3AJarsAndSettingsExactlyWhenItUsesS3(String preset) {
        boolean usesS3 = usesS3(preset);
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            Rendered out = Rendered.of(chart, List.of(chart.resolve("presets/" + preset)), Map.of());
            String conf = sparkConfigText(out);
            String initContainers = initContainers(out);
            if (usesS3) {
                assertThat(conf)
                        .as("%s on %s: the Spark configuration", preset, chart.getFileName())
                        .contains(
                                "spark.hadoop.fs.s3a.endpoint=",
                                "spark.jars.packages=" + String.join(",", s3Packages(chart)));
            } else {
                assertThat(conf)
                        .as("%s on %s: the Spark configuration of a preset without S3", preset, chart.getFileName())
                        .doesNotContain("fs.s3a", "hadoop-aws", "awssdk", "aws-java-sdk");
                assertThat(initContainers)
                        .as("%s on %s: init containers", preset, chart.getFileName())
                        .doesNotContain("ensure-s3-prefix");
            }
        }
    }

    @Test
    void theSharedPresetsCoverBothCases() {
        List<Boolean> cases = CrossLineComparisonTest.sharedPresets().stream()
                .map(S3OnlyWhereUsedTest::usesS3)
                .toList();
        assertThat(cases).contains(true, false);
        assertThat(usesS3("minimal.yaml")).isFalse();
        assertThat(usesS3("connect-k8s.yaml")).isFalse();
        assertThat(usesS3("jupyter-connect-k8s.yaml")).isFalse();
        assertThat(usesS3("connect-standalone.yaml")).isFalse();
    }

    @Test
    void aUsersOwnS3EndpointBringsTheJarsAndSettingsOnBothLines() {
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            Rendered out = Rendered.of(
                    chart,
                    List.of(chart.resolve("presets/minimal.yaml")),
                    Map.of(
                            "global.s3.endpoint",
                            "https://s3.eu-west-1.amazonaws.com",
                            "global.s3.existingSecret",
                            "team-s3"));
            Map<String, String> connect = out.connectConf();
            assertThat(connect)
                    .as("%s", chart.getFileName())
                    .containsEntry("spark.hadoop.fs.s3a.endpoint", "https://s3.eu-west-1.amazonaws.com");
            assertThat(List.of(connect.get("spark.jars.packages").split(",")))
                    .as("%s", chart.getFileName())
                    .containsAll(s3Packages(chart));
        }
    }

    @Test
    void aSubchartInstalledAloneWithAnEndpointBringsItsOwnWiring() {
        Path connect = UMBRELLA.resolve("charts/connect");
        Rendered alone = Rendered.of(
                connect,
                List.of(),
                Map.of("global.s3.endpoint", "http://s3.internal:9000", "global.s3.existingSecret", "team-s3"));
        assertThat(alone.connectConf())
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://s3.internal:9000")
                .hasEntrySatisfying("spark.jars.packages", v -> assertThat(v)
                        .contains("org.apache.spark:spark-connect_2.12:", "org.apache.hadoop:hadoop-aws:"));
        Rendered withoutS3 = Rendered.of(connect, List.of(), Map.of());
        assertThat(withoutS3.connectConf().toString()).doesNotContain("fs.s3a", "hadoop-aws");
        // inside the umbrella the umbrella's root renders the one wiring ConfigMap
        Rendered umbrella =
                Rendered.of(UMBRELLA, List.of(UMBRELLA.resolve("presets/connect-minio-history.yaml")), Map.of());
        assertThat(umbrella.objects().stream()
                        .filter(o ->
                                "ConfigMap".equals(o.get("kind")) && (R + "-spark-wiring").equals(Rendered.name(o))))
                .hasSize(1);
    }

    @Test
    void airGappedValuesAddNoPackagesButKeepTheS3ASettings(@TempDir Path dir) throws IOException {
        Path airGapped = dir.resolve("air-gapped.yaml");
        Files.writeString(airGapped, """
                global:
                  s3:
                    packages: []
                connect:
                  packages: []
                historyServer:
                  packages: []
                """);
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            Rendered out = Rendered.of(
                    chart, List.of(chart.resolve("presets/connect-minio-history.yaml"), airGapped), Map.of());
            assertThat(sparkConfigText(out))
                    .as("%s", chart.getFileName())
                    .doesNotContain("spark.jars.packages")
                    .contains("spark.hadoop.fs.s3a.endpoint=http://" + R + "-minio:9000");
        }
    }

    /** S3 is used by a preset when it sets global.s3.endpoint or enables the bundled minio block. */
    @SuppressWarnings("unchecked")
    static boolean usesS3(String preset) {
        try {
            Map<String, Object> file =
                    (Map<String, Object>) new Load(LoadSettings.builder().build())
                            .loadFromString(Files.readString(Repo.ROOT.resolve("presets/" + preset)));
            Map<String, Object> values = (Map<String, Object>) file.getOrDefault("values", Map.of());
            Map<String, Object> global = (Map<String, Object>) values.getOrDefault("global", Map.of());
            Map<String, Object> s3 = (Map<String, Object>) global.getOrDefault("s3", Map.of());
            Map<String, Object> minio = (Map<String, Object>) values.getOrDefault("minio", Map.of());
            return !String.valueOf(s3.getOrDefault("endpoint", "")).isEmpty()
                    || Boolean.TRUE.equals(minio.get("enabled"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line profile's S3A coordinates (spark-lines.yaml, {@code s3Packages}) of a generated chart. */
    @SuppressWarnings("unchecked")
    static List<String> s3Packages(Path chart) {
        String line = chart.getFileName().toString().substring("spark-".length());
        try {
            Map<String, Object> profiles =
                    (Map<String, Object>) new Load(LoadSettings.builder().build())
                            .loadFromString(Files.readString(Repo.ROOT.resolve(
                                    "generator-core/src/main/resources/io/sparkk8s/core/spark-lines.yaml")));
            for (Map<String, Object> profile : (List<Map<String, Object>>) profiles.get("lines")) {
                if (line.equals(profile.get("line"))) {
                    return (List<String>) profile.get("s3Packages");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no line " + line + " in spark-lines.yaml");
    }

    /** Every {@code *.conf} entry of every ConfigMap, one after the other. */
    @SuppressWarnings("unchecked")
    private static String sparkConfigText(Rendered out) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> object : out.objects()) {
            if ("ConfigMap".equals(object.get("kind")) && object.get("data") instanceof Map<?, ?> data) {
                ((Map<String, Object>) data).forEach((key, value) -> {
                    if (key.endsWith(".conf")) {
                        text.append(value).append('\n');
                    }
                });
            }
        }
        return text.toString();
    }

    /** The names of every init container of every workload. */
    @SuppressWarnings("unchecked")
    private static String initContainers(Rendered out) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> object : out.objects()) {
            Object spec = object.get("spec");
            if (!(spec instanceof Map<?, ?>)) {
                continue;
            }
            Object template = ((Map<String, Object>) spec).get("template");
            if (object.get("kind").equals("CronJob")) {
                continue;
            }
            if (template instanceof Map<?, ?> t
                    && t.get("spec") instanceof Map<?, ?> podSpec
                    && podSpec.get("initContainers") instanceof List<?> inits) {
                for (Object init : inits) {
                    names.add(String.valueOf(((Map<String, Object>) init).get("name")));
                }
            }
        }
        return names.toString();
    }
}
