package io.sparkk8s.cli;

import static io.sparkk8s.cli.SparkK8sTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.cli.SparkK8sTest.Run;
import io.sparkk8s.core.ManifestDiff;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 9: values, diff, explain's finders, JSON output of every command, verify's list of gates. */
@SuppressWarnings("unchecked")
class SeeingWhatYouGetTest {

    static final Path CHART = SparkK8sTest.ROOT.resolve("generated-charts/spark-4.1");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Run run) {
        assertThat(run.out()).as(run.err()).startsWith("{");
        return (Map<String, Object>) loadYaml(run.out());
    }

    @SuppressWarnings("unchecked")
    static Object at(Object tree, String... keys) {
        Object at = tree;
        for (String key : keys) {
            at = ((Map<String, Object>) at).get(key);
        }
        return at;
    }

    @Nested
    class Values {

        @Test
        void layersDefaultsPresetFilesAndSetLikeHelm() throws IOException {
            Path a = Files.writeString(dir.resolve("a.yaml"), """
                    connect:
                      executor:
                        instances: 4
                      nodeSelector:
                        disk: ssd
                      tolerations:
                        - {key: a, operator: Exists, effect: NoSchedule}
                    """);
            Path b = Files.writeString(dir.resolve("b.yaml"), """
                    connect:
                      executor:
                        instances: 6
                      nodeSelector:
                        zone: b
                      tolerations: []
                    """);

            Run run = run(
                    "values",
                    "--chart",
                    "4.1",
                    "--preset",
                    "minimal",
                    "-f",
                    a.toString(),
                    "-f",
                    b.toString(),
                    "--set",
                    "connect.replicas=2");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .startsWith("# spark-4.1 defaults + presets/minimal.yaml + " + a + " + " + b + " + --set");
            Object values = loadYaml(run.out());
            assertThat(at(values, "connect", "enabled")).as("from the preset").isEqualTo(true);
            assertThat(at(values, "connect", "executor", "instances"))
                    .as("later file wins")
                    .isEqualTo(6);
            assertThat((Map<Object, Object>) at(values, "connect", "nodeSelector"))
                    .as("maps merge")
                    .containsEntry("disk", "ssd")
                    .containsEntry("zone", "b");
            assertThat((List<?>) at(values, "connect", "tolerations"))
                    .as("lists are replaced")
                    .isEmpty();
            assertThat(at(values, "connect", "replicas")).as("--set last").isEqualTo(2);
            assertThat(at(values, "global", "s3", "region"))
                    .as("chart default kept")
                    .isEqualTo("us-east-1");
            assertThat(run.out()).doesNotContain("&id", "*id");
        }

        @Test
        void renderingThePrintedValuesGivesWhatHelmGivesForTheLayers() throws IOException {
            Path preset = CHART.resolve("presets/connect-minio-history.yaml");
            Path mine = SparkK8sTest.ROOT.resolve("examples/values/my-values.yaml");
            Run run = run("values", "--chart", "4.1", "-f", preset.toString(), "-f", mine.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            Path merged = Files.writeString(dir.resolve("merged.yaml"), run.out());

            Verifier verifier = Verifier.builder().build();
            String helm = verifier.render(CHART, List.of(preset, mine));
            String ours = verifier.render(CHART, List.of(merged));

            assertThat(ManifestDiff.of(
                            helm,
                            verifier.render(CHART, List.of(preset, mine)),
                            ours,
                            verifier.render(CHART, List.of(merged))))
                    .as("objects that differ between Helm's layering and the printed values")
                    .isEmpty();
            String presetOnly = verifier.render(CHART, List.of(preset));
            assertThat(ManifestDiff.of(helm, helm, presetOnly, presetOnly))
                    .as("the comparison can fail: without my-values.yaml the objects differ")
                    .isNotEmpty();
        }

        @Test
        void nullRemovesAKeyAsInHelm() throws IOException {
            Path file = Files.writeString(dir.resolve("null.yaml"), "connect:\n  nodeSelector:\n    disk: ssd\n");

            Run run = run("values", "-f", file.toString(), "--set", "connect.nodeSelector.disk=null");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat((Map<Object, Object>) at(loadYaml(run.out()), "connect", "nodeSelector"))
                    .doesNotContainKey("disk");
        }

        @Test
        void nullRemovesAChartDefaultAsInHelm() {
            Run defaults = run("values");
            Run removed = run("values", "--set", "connect.resources.limits.cpu=null");

            assertThat(removed.exitCode()).as(removed.err()).isZero();
            assertThat((Map<Object, Object>) at(loadYaml(defaults.out()), "connect", "resources", "limits"))
                    .containsKey("cpu");
            assertThat((Map<Object, Object>) at(loadYaml(removed.out()), "connect", "resources", "limits"))
                    .doesNotContainKey("cpu")
                    .containsKey("memory");
        }

        @Test
        void aProblemNamesTheLayerThatSetTheKeyItsValueAndTheFix() throws IOException {
            Path file = Files.writeString(dir.resolve("bad.yaml"), "connect:\n  replicas: 99\n");

            Run fromFile = run("values", "--preset", "minimal", "-f", file.toString());
            Run fromSet = run("values", "--preset", "minimal", "--set", "connect.backendMode=k9s");
            Run preset = run("values", "--preset", "minimall");
            Run noPath = run("values", "--set", "=3");

            assertThat(fromFile.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(fromFile.err())
                    .contains("`connect.replicas` in " + file, "99", "maximum 20")
                    .hasLineCount(1);
            assertThat(fromSet.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(fromSet.err())
                    .contains("`connect.backendMode` in --set", "'k9s'", "'k8s', 'standalone', 'local'");
            assertThat(preset.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(preset.err()).contains("unknown preset 'minimall'", "did you mean 'minimal'?");
            assertThat(noPath.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(noPath.err()).contains("--set", "no key path", "--set connect.replicas=2");
        }
    }

    @Nested
    class Diff {

        @Test
        void twoPresetsShowAddedAndChangedObjectsAndExitOne() {
            Run run = run("diff", "--chart", "4.1", "--preset", "minimal", "--to-preset", "connect-minio-history");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(SparkK8s.INVALID);
            assertThat(run.out())
                    .contains(
                            "--- spark-4.1 defaults + presets/minimal.yaml",
                            "+++ spark-4.1 defaults + presets/connect-minio-history.yaml",
                            "+ Deployment release-name-history-server",
                            "+ Deployment release-name-minio",
                            "~ ConfigMap release-name-connect",
                            "spark.eventLog.enabled=false -> ",
                            "spark.eventLog.enabled=true",
                            "objects differ");
            assertThat(run.out())
                    .as("generated credentials differ on every render: not a change")
                    .doesNotContain("Secret release-name-s3");
        }

        @Test
        void aSetChangeShowsThePathAndOldAndNewValue() {
            Run changed = run("diff", "--preset", "minimal", "--set", "connect.executor.instances=3");
            Run same = run("diff", "--preset", "minimal", "--set", "connect.executor.instances=1");

            assertThat(changed.exitCode()).as(changed.err()).isEqualTo(SparkK8s.INVALID);
            assertThat(changed.out())
                    .contains(
                            "~ ConfigMap release-name-connect",
                            "data.spark-defaults.conf: spark.executor.instances=1 -> spark.executor.instances=3",
                            "2 objects differ (0 added, 0 removed, 2 changed).");
            assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
            assertThat(same.out()).contains("No difference in the rendered objects.");
        }

        @Test
        void secretValuesAreNeverPrinted() {
            Run run = run(
                    "diff",
                    "--preset",
                    "minimal",
                    "--set",
                    "global.s3.accessKey=AKIAPLANTEDKEY0000000",
                    "--set",
                    "global.s3.secretKey=planted-secret-value",
                    "--set",
                    "global.s3.endpoint=http://s3:9000",
                    "--json");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(SparkK8s.INVALID);
            assertThat(run.out())
                    .contains(ManifestDiff.RANDOM + "\",", "\"to\": \"" + ManifestDiff.HIDDEN)
                    .doesNotContain(
                            "AKIAPLANTEDKEY",
                            "planted-secret-value",
                            java.util.Base64.getEncoder().encodeToString("planted-secret-value".getBytes()));
        }

        @Test
        void jsonListsEachObjectWithItsPaths() {
            Run run = run("diff", "--preset", "minimal", "--set", "connect.executor.instances=3", "--json");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
            Map<String, Object> json = json(run);
            assertThat(json)
                    .containsEntry("different", true)
                    .containsEntry("from", List.of("presets/minimal.yaml"))
                    .containsEntry("to", List.of("presets/minimal.yaml", "--set"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> objects = (List<Map<String, Object>>) json.get("objects");
            assertThat(objects).anySatisfy(o -> {
                assertThat(o)
                        .containsEntry("kind", "ConfigMap")
                        .containsEntry("name", "release-name-connect")
                        .containsEntry("change", "changed");
                assertThat(o.get("paths").toString())
                        .contains(
                                "data.spark-defaults.conf", "spark.executor.instances=1", "spark.executor.instances=3");
            });
        }

        @Test
        void nothingToCompareIsAUsageError() {
            Run run = run("diff", "--preset", "minimal");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.USAGE);
            assertThat(run.err()).contains("nothing to compare", "--to-preset");
        }
    }

    @Nested
    class Explain {

        @Test
        void aSparkPropertyListsTheKeysThatSetIt() {
            Run run = run("explain", "spark.eventLog.dir");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(
                            "connect.eventLog.dir  (connect): sets spark.eventLog.dir",
                            "connect.sparkConf.spark.eventLog.dir");
        }

        @Test
        void aSparkPropertyABlockComputesNamesTheBlock() {
            Run run = run("explain", "spark.hive.metastore.uris");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("(computed)  (hive-metastore): computed while hiveMetastore.enabled is true");
        }

        @Test
        void aMisspeltSparkPropertyGetsTheSparkSettingsSuggestion() {
            Run run = run("explain", "spark.evntLog.dir");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(run.err()).contains("did you mean 'spark.eventLog.dir'?");
        }

        @Test
        void aKeyOfOneApplicationEntryIsExplainedByItsPlaceholderOrAConcreteName() {
            Run generic = run("explain", "jobs.apps.<name>.schedule");
            assertThat(generic.exitCode()).as(generic.err()).isZero();
            assertThat(generic.out()).startsWith("jobs.apps.<name>.schedule\n").contains("block:       jobs", "@daily");

            Run concrete = run("explain", "jobs.apps.nightly.concurrencyPolicy");
            assertThat(concrete.exitCode()).as(concrete.err()).isZero();
            assertThat(concrete.out())
                    .contains(
                            "the key jobs.apps.<name>.concurrencyPolicy of the entry 'nightly' of jobs.apps",
                            "default:     Forbid");

            Run badName = run("explain", "jobs.apps.Nightly_ETL.schedule");
            assertThat(badName.out()).contains("'Nightly_ETL' is not a valid entry name");

            Run unknown = run("explain", "jobs.apps.nightly.shedule");
            assertThat(unknown.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(unknown.err()).contains("no such key");
        }

        @Test
        void aMapEntryExplainsTheMap() {
            Run run = run("explain", "jupyter.env.MY_SETTING");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(
                            "entry 'MY_SETTING' of the map jupyter.env",
                            "key:         jupyter.env",
                            "type:        map of string",
                            "SPARK_CONNECT_URL");
        }

        @Test
        void theGuidesNamesLeadToTheKeysHere() {
            Run minio = run("explain", "spark-base.minio.enabled");
            Run airflow = run("explain", "airflow.sparkConnect.url");

            assertThat(minio.exitCode()).as(minio.err()).isZero();
            assertThat(minio.out())
                    .contains(
                            "the DataOps guide's name (chart spark-base); here it is minio.enabled",
                            "type:        boolean");
            assertThat(airflow.exitCode()).as(airflow.err()).isZero();
            assertThat(airflow.out())
                    .contains(
                            "computed",
                            "sc://<release>-connect",
                            "airflow.connections.sparkConnect.host",
                            "airflow.connections.sparkConnect.port");
        }

        @Test
        void anUnknownKeyGetsDidYouMean() {
            Run run = run("explain", "conect.replicas");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(run.err())
                    .contains("`conect.replicas`", "did you mean 'connect.replicas'?")
                    .hasLineCount(1);
        }
    }

    @Nested
    class Json {

        @Test
        void everyCommandPrintsItsDocumentedFields() throws IOException {
            Path values = SparkK8sTest.ROOT.resolve("examples/values/my-values.yaml");
            Path out = dir.resolve("charts");
            Map<List<String>, List<String>> fields = Map.of(
                    List.of("blocks"),
                    List.of("blocks", "warnings"),
                    List.of("presets"),
                    List.of("presets", "warnings"),
                    List.of("validate", values.toString(), "--chart", "4.1"),
                    List.of("ok", "file", "chart", "checked", "warnings"),
                    List.of("explain", "connect.backendMode"),
                    List.of(
                            "asked",
                            "found",
                            "key",
                            "block",
                            "type",
                            "default",
                            "allowed",
                            "spark",
                            "description",
                            "children",
                            "setters",
                            "note",
                            "warnings"),
                    List.of("values", "--preset", "minimal"),
                    List.of("chart", "layers", "values", "warnings"),
                    List.of("generate", "--line", "4.1", "--preset", "minimal", "--output", out.toString()),
                    List.of("charts", "warnings"));
            for (Map.Entry<List<String>, List<String>> e : fields.entrySet()) {
                String[] args =
                        Stream.concat(e.getKey().stream(), Stream.of("--json")).toArray(String[]::new);
                Run run = run(args);

                assertThat(run.exitCode()).as("%s: %s", e.getKey(), run.err()).isZero();
                assertThat(json(run).keySet()).as("%s", e.getKey()).containsExactlyElementsOf(e.getValue());
            }
            Map<String, Object> explained = json(run("explain", "connect.backendMode", "--json"));
            assertThat(explained)
                    .containsEntry("type", "string")
                    .containsEntry("default", "k8s")
                    .containsEntry("allowed", List.of("k8s", "standalone", "local"));
        }

        @Test
        void aProblemCarriesFilePathValueAndMessage() throws IOException {
            Path file = Files.writeString(dir.resolve("bad.yaml"), "connect:\n  backendMode: k9s\n");

            Run run = run("validate", file.toString(), "--chart", "4.1", "--json");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(run.err()).isEmpty();
            Map<String, Object> json = json(run);
            assertThat(json).containsEntry("ok", false).containsEntry("exitCode", 1);
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = ((List<Map<String, Object>>) json.get("problems")).get(0);
            assertThat(problem)
                    .containsEntry("file", file.toString())
                    .containsEntry("path", "connect.backendMode")
                    .containsEntry("value", "k9s")
                    .containsEntry("kind", "input");
            assertThat((String) problem.get("message")).contains("'k8s', 'standalone', 'local'");
        }
    }

    @Nested
    class Verify {

        @Test
        void saysWhichGatesRanOnHowManyObjectsInTextAndJson() {
            Run text = run("verify", CHART.toString());
            Run json = run("verify", CHART.toString(), "--json");

            assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
            assertThat(text.out())
                    .contains(
                            "Verification passed",
                            "Checked (",
                            "helm-lint",
                            "helm template",
                            "1.29.0, 1.34.0",
                            "k8s-schema",
                            "pss-restricted",
                            "ref-integrity",
                            "spark-settings");
            Map<String, Object> report = json(json);
            assertThat(report).containsEntry("ok", true);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> gates = (List<Map<String, Object>>) report.get("gates");
            assertThat(gates)
                    .extracting(g -> g.get("check"))
                    .contains(
                            "helm-lint",
                            "helm-template",
                            "k8s-schema",
                            "pss-restricted",
                            "ref-integrity",
                            "spark-settings");
            assertThat(gates)
                    .filteredOn(g -> g.get("check").equals("k8s-schema"))
                    .allSatisfy(g -> assertThat((Integer) g.get("count")).isGreaterThan(5));
        }

        @Test
        void aPlantedDefectIsFoundByTheGateThatSaysItRan() throws IOException {
            Path chart = copy(CHART, dir.resolve("spark-4.1"));
            Path helpers = chart.resolve("templates/_helpers.tpl");
            String text = Files.readString(helpers);
            assertThat(text).contains("\"allowPrivilegeEscalation\" false");
            Files.writeString(
                    helpers, text.replace("\"allowPrivilegeEscalation\" false", "\"allowPrivilegeEscalation\" true"));

            Run run = run("verify", chart.toString(), "--json");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
            Map<String, Object> report = json(run);
            assertThat(report.get("gates").toString()).contains("pss-restricted");
            assertThat(report.get("findings").toString()).contains("pss-restricted", "allowPrivilegeEscalation");
        }

        private Path copy(Path from, Path to) throws IOException {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return to;
        }
    }

    private static Object loadYaml(String text) {
        return new org.snakeyaml.engine.v2.api.Load(
                        org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(text);
    }
}
