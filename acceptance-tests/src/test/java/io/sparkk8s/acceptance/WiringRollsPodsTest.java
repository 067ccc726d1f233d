package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 fix 6 / issue 13: the Spark pods read the release's wiring ConfigMap ({@code <release>-spark-wiring}) only
 * when they start, so they must roll when an upgrade changes it. Revision N and N+1 are rendered with the Helm 4 CLI
 * (N+1 with {@code --is-upgrade}) on both layouts: every workload whose pods read the wiring changes its pod
 * template (annotation {@code checksum/wiring}) when the metastore or the bundled S3 store is enabled later or the
 * shared S3 settings change, and keeps it when nothing changes.
 */
class WiringRollsPodsTest {

    private static final String R = Rendered.RELEASE;
    private static final String WIRING = R + "-spark-wiring";

    static List<Path> charts() {
        return Repo.charts();
    }

    private static Map<String, String> sets(String... pairs) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sets.put(pairs[i], pairs[i + 1]);
        }
        return sets;
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.putAll(sets(pairs));
        return out;
    }

    /** Kind/name → pod template annotations of every workload whose pods read the wiring ConfigMap. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> wiringReaders(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> o : objects) {
            if (!Set.of("Deployment", "StatefulSet").contains(o.get("kind"))) {
                continue;
            }
            Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) o.get("spec")).get("template");
            if (!String.valueOf(template.get("spec")).contains(WIRING)) {
                continue;
            }
            Map<String, Object> metadata = (Map<String, Object>) template.get("metadata");
            Object annotations = metadata.get("annotations");
            out.put(
                    o.get("kind") + "/" + Rendered.name(o),
                    annotations == null ? Map.of() : (Map<String, Object>) annotations);
        }
        return out;
    }

    /** The wiring readers whose pod template is the same in both revisions: they would not roll. */
    static Set<String> notRolled(Path chart, Map<String, String> before, Map<String, String> after) {
        Map<String, Map<String, Object>> n = wiringReaders(UpgradeMatrixTest.render(chart, List.of(), before, false));
        Map<String, Map<String, Object>> n1 = wiringReaders(UpgradeMatrixTest.render(chart, List.of(), after, true));
        assertThat(n.keySet())
                .as("the Spark workloads of %s", chart.getFileName())
                .contains(
                        "StatefulSet/" + R + "-connect",
                        "Deployment/" + R + "-standalone-master",
                        "Deployment/" + R + "-standalone-worker");
        if (before.containsKey("historyServer.enabled")) {
            assertThat(n.keySet()).contains("Deployment/" + R + "-history-server");
        }
        Set<String> same = new TreeSet<>();
        n.forEach((workload, annotations) -> {
            if (annotations.equals(n1.get(workload))) {
                same.add(workload);
            }
        });
        return same;
    }

    private static final Map<String, String> SPARK = sets(
            "historyServer.enabled",
            "true",
            "standalone.enabled",
            "true",
            "global.s3.endpoint",
            "https://s3.example.com",
            "global.s3.existingSecret",
            "team-s3");

    static Stream<Path> bothLayouts() {
        return charts().stream();
    }

    @ParameterizedTest
    @MethodSource("bothLayouts")
    void enablingTheMetastoreLaterRollsEverySparkPod(Path chart) {
        Map<String, String> before = with(SPARK, "postgresql.enabled", "true");
        assertThat(notRolled(chart, before, with(before, "hiveMetastore.enabled", "true")))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("bothLayouts")
    void enablingTheBundledS3StoreLaterRollsEverySparkPod(Path chart) {
        // no S3 used, then the bundled store: the S3A jars and settings appear in the wiring
        Map<String, String> before = sets("standalone.enabled", "true");
        assertThat(notRolled(chart, before, with(before, "minio.enabled", "true")))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("bothLayouts")
    void changingTheSharedS3SettingsRollsEverySparkPod(Path chart) {
        assertThat(notRolled(chart, SPARK, with(SPARK, "global.s3.endpoint", "https://s3.other.example.com")))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("bothLayouts")
    void anUnchangedUpgradeRollsNothing(Path chart) {
        Map<String, String> values = with(SPARK, "postgresql.enabled", "true", "hiveMetastore.enabled", "true");
        Map<String, Map<String, Object>> n = wiringReaders(UpgradeMatrixTest.render(chart, List.of(), values, false));

        assertThat(notRolled(chart, values, values)).containsExactlyElementsOf(n.keySet());
        assertThat(n.values()).allSatisfy(a -> assertThat(a).containsKey("checksum/wiring"));
    }

    @Test
    void onTheToggleChartEnablingMonitoringLaterRollsEverySparkPod() {
        Path chart = Repo.CHARTS.resolve("spark-4.1");
        assertThat(notRolled(chart, SPARK, with(SPARK, "monitoring.enabled", "true")))
                .isEmpty();
    }

    @Test
    void aSparkSubchartWithoutTheChecksumIsCaught(@TempDir Path temp) throws IOException {
        // planted: the umbrella's connect subchart without its checksum/wiring line
        Path chart = temp.resolve("spark-3.5");
        copy(Repo.CHARTS.resolve("spark-3.5"), chart);
        Path sts = chart.resolve("charts/connect/templates/statefulset.yaml");
        List<String> kept = Files.readAllLines(sts).stream()
                .filter(l -> !l.contains("\"checksum/wiring\""))
                .toList();
        Files.write(sts, kept);
        Map<String, String> before = with(SPARK, "postgresql.enabled", "true");

        assertThat(notRolled(chart, before, with(before, "hiveMetastore.enabled", "true")))
                .containsExactly("StatefulSet/" + R + "-connect");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
