package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.cli.SparkK8s;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 item 10: one Spark version knob per release. {@code global.spark.image.{repository,tag}} moves every
 * Spark process — Connect and its executors, the History Server, the standalone master and workers, the driver and
 * executor pods of Airflow's spark-submit — on both layouts (the knob lives under {@code global}, so the umbrella's
 * subcharts see it); a block's own {@code image.*} still wins; a Spark minor other than the chart's line, for the
 * release, a Spark block or the Spark Connect client (Jupyter), is rejected by Helm (schema) and by validate alike.
 */
class SparkVersionKnobTest {

    private static final String R = Rendered.RELEASE;

    static List<Path> charts() {
        return Repo.charts();
    }

    private static SparkProfile profile(Path chart) {
        String line = chart.getFileName().toString().substring("spark-".length());
        return Profiles.of(SparkLine.parse(line));
    }

    private static Map<String, String> everySparkBlock(String... more) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (String block : List.of("historyServer", "standalone", "minio", "airflow", "postgresql", "jupyter")) {
            sets.put(block + ".enabled", "true");
        }
        sets.put("airflow.connections.spark.master", "k8s://https://kubernetes.default.svc");
        for (int i = 0; i < more.length; i += 2) {
            sets.put(more[i], more[i + 1]);
        }
        return sets;
    }

    /** The image of every Spark process of the release: workload containers and the images Spark starts pods with. */
    private static Map<String, String> sparkImages(Rendered out) {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("connect server", (String)
                out.container("StatefulSet", R + "-connect", "connect").get("image"));
        images.put("history server", (String) out.container("Deployment", R + "-history-server", "history-server")
                .get("image"));
        images.put("standalone master", firstImage(out, "Deployment", R + "-standalone-master"));
        images.put("standalone worker", firstImage(out, "Deployment", R + "-standalone-worker"));
        images.put("connect executors", out.connectConf().get("spark.kubernetes.container.image"));
        images.put(
                "airflow spark-submit pods",
                out.sparkConf(R + "-airflow-spark-submit", "spark-defaults.conf")
                        .get("spark.kubernetes.container.image"));
        return images;
    }

    @SuppressWarnings("unchecked")
    private static String firstImage(Rendered out, String kind, String name) {
        List<Map<String, Object>> containers =
                (List<Map<String, Object>>) out.podSpec(kind, name).get("containers");
        return (String) containers.get(0).get("image");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void byDefaultEverySparkProcessRunsTheLinesImage(Path chart) {
        SparkProfile p = profile(chart);
        Map<String, String> images = sparkImages(Rendered.of(chart, List.of(), everySparkBlock()));

        assertThat(Set.copyOf(images.values()))
                .as("%s", images)
                .containsExactly(p.image().repository() + ":" + p.image().tag());
    }

    @ParameterizedTest
    @MethodSource("charts")
    void oneGlobalKnobMovesEverySparkProcessAndTheClientStaysOnTheLine(Path chart) {
        SparkProfile p = profile(chart);
        String newest = p.supportedVersions().get(p.supportedVersions().size() - 1);
        String tag = newest + p.image().tag().substring(p.sparkVersion().length());
        Rendered out = Rendered.of(
                chart,
                List.of(),
                everySparkBlock(
                        "global.spark.image.tag",
                        tag,
                        "global.spark.image.repository",
                        "registry.example.com/spark-python"));

        Map<String, String> images = sparkImages(out);

        assertThat(Set.copyOf(images.values()))
                .as("%s", images)
                .containsExactly("registry.example.com/spark-python:" + tag);
        // the Spark Connect client keeps its pinned image: same minor, which the rule below guards
        assertThat(out.container("Deployment", R + "-jupyter", "jupyter").get("image"))
                .isEqualTo(
                        p.jupyterImage().repository() + ":" + p.jupyterImage().tag());
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aBlocksOwnImageStillWins(Path chart) {
        SparkProfile p = profile(chart);
        String own = p.line().id() + ".0-custom";
        Map<String, String> images =
                sparkImages(Rendered.of(chart, List.of(), everySparkBlock("connect.image.tag", own)));

        assertThat(images.get("connect server")).isEqualTo(p.image().repository() + ":" + own);
        assertThat(images.get("connect executors")).isEqualTo(p.image().repository() + ":" + own);
        assertThat(images.get("history server"))
                .isEqualTo(p.image().repository() + ":" + p.image().tag());
    }

    @ParameterizedTest
    @MethodSource("charts")
    void mixingSparkMinorsInOneReleaseIsRejectedByHelmAndByValidate(Path chart, @TempDir Path dir) throws IOException {
        SparkProfile p = profile(chart);
        String other = p.line() == SparkLine.SPARK_4_1 ? "3.5" : "4.1";
        // planted: one release knob, one Spark block and the Spark Connect client on another minor
        Map<String, String> planted = new LinkedHashMap<>();
        planted.put("global.spark.image.tag", other + ".7-scala2.12-java17-python3-ubuntu");
        planted.put("historyServer.image.tag", other + ".2");
        planted.put("jupyter.image.tag", "spark-" + other + ".3");
        Set<String> helmRejects = new TreeSet<>();
        Set<String> validateRejects = new TreeSet<>();
        for (Map.Entry<String, String> set : planted.entrySet()) {
            Map<String, String> sets = everySparkBlock(set.getKey(), set.getValue());
            HelmCli.HelmResult helm = Rendered.template(chart, List.of(), sets);
            if (!helm.succeeded()
                    && helm.stderr().contains(set.getValue())
                    && helm.stderr().contains("minor")) {
                helmRejects.add(set.getKey());
            }
            String[] path = set.getKey().split("\\.");
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < path.length; i++) {
                yaml.append("  ".repeat(i)).append(path[i]).append(':');
                if (i == 0 && !path[0].equals("global")) {
                    yaml.append("\n  enabled: true");
                }
                yaml.append(i == path.length - 1 ? " \"" + set.getValue() + "\"\n" : "\n");
            }
            Path file = Files.writeString(dir.resolve(path[0] + ".yaml"), yaml.toString());
            String err = validate(chart, file);
            if (err.contains("`" + set.getKey() + "`") && err.contains("minor")) {
                validateRejects.add(set.getKey());
            }
        }
        // a tag that names no Spark version (a custom build) is not judged, and a patch of the line is fine
        HelmCli.HelmResult custom = Rendered.template(
                chart,
                List.of(),
                everySparkBlock(
                        "connect.image.tag",
                        "nightly",
                        "global.spark.image.tag",
                        p.line().id() + ".0-scala" + p.scalaVersion() + "-java17-python3-ubuntu"));

        assertThat(helmRejects).containsExactlyElementsOf(new TreeSet<>(planted.keySet()));
        assertThat(validateRejects).containsExactlyElementsOf(new TreeSet<>(planted.keySet()));
        assertThat(custom.succeeded()).as(custom.describe()).isTrue();
    }

    private static String validate(Path chart, Path values) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SparkK8s.run(
                new String[] {
                    "validate", values.toString(), "--chart", chart.toString(), "--catalog", Repo.ROOT.toString()
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return err.toString();
    }
}
