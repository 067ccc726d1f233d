package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.KubernetesVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "prove the lifecycle without a cluster": revision N and N+1 of a release are rendered with the Helm 4
 * CLI ({@code helm template}, N+1 with {@code --is-upgrade}) and compared object by object for what the API
 * server or Helm would refuse, or what would lose data:
 * <ul>
 *   <li>a field Kubernetes keeps immutable changes under the same name: a workload's selector, a StatefulSet's
 *       serviceName, podManagementPolicy or volumeClaimTemplates, a Job's pod template, a Service's clusterIP,
 *       a PVC's spec (a storage request may only grow);</li>
 *   <li>an object holding data (a PVC, a StatefulSet with claims, a Secret Helm keeps) is renamed or dropped;</li>
 *   <li>a Secret a pod needs exists only as a pre-install hook on an upgrade, where Helm never creates it.</li>
 * </ul>
 * Pairs: every preset of both committed charts upgraded to itself, each chart as committed at earlier commits of
 * this repository upgraded to the current one, and blocks enabled after the first install.
 *
 * <p>Secrets: {@code lookup} returns nothing under plain {@code helm template}, so the values a generated Secret
 * keeps are proved twice: from the template text ({@link SecretTemplates}: every generated value is the existing
 * Secret's value for that key first) and by Helm itself, rendering with {@code --dry-run=server} against a fake
 * API server that holds the previous revision's Secrets ({@link SecretsKeepTheirValuesThroughLookup}). A real
 * upgrade is {@code examples/cluster-check.sh}.
 */
class UpgradeMatrixTest {

    /** Earlier commits of this repository whose committed charts a release may run today. */
    static final List<String> EARLIER_COMMITS = List.of(
            "50a9d88", // the first commit with generated-charts/
            "4de7c5a"); // the last commit before issue 13 (Secrets as pre-install hooks, Jobs with fixed names)

    /**
     * Secrets that were pre-install hooks in earlier charts and are release objects now. Helm records no hook in
     * the release, so the first upgrade from such a chart must adopt them; the README tells users how
     * ({@code kubectl annotate … meta.helm.sh/release-name}).
     */
    static final Set<String> ADOPTED_FROM_HOOKS =
            Set.of("Secret/rel-postgresql", "Secret/rel-airflow", "Secret/rel-jupyter", "Secret/rel-s3");

    private static final String R = Rendered.RELEASE;

    // ----------------------------------------------------------------------------------------------------------
    // The matrix

    @TestFactory
    Stream<DynamicTest> everyPresetUpgradesToItself() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            for (Path preset : Repo.presets(chart)) {
                tests.add(DynamicTest.dynamicTest(chart.getFileName() + " × " + preset.getFileName(), () -> {
                    List<Map<String, Object>> before = render(chart, List.of(preset), Map.of(), false);
                    List<Map<String, Object>> after = render(chart, List.of(preset), Map.of(), true);
                    Findings findings = Upgrade.check(before, after);
                    assertThat(findings.problems()).as("upgrade problems").isEmpty();
                    assertThat(findings.adopted())
                            .as("hooks that became release objects")
                            .isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> chartsOfEarlierCommitsUpgradeToTheCurrentOnes(@TempDir Path temp) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String commit : EARLIER_COMMITS) {
            Path old = checkout(commit, temp.resolve(commit));
            for (Path chart : Repo.charts()) {
                Path oldChart = old.resolve("generated-charts").resolve(chart.getFileName());
                for (Path preset : Repo.presets(chart)) {
                    Path oldPreset = oldChart.resolve("presets").resolve(preset.getFileName());
                    if (!Files.isRegularFile(oldPreset)) {
                        continue; // nobody can run a preset the earlier chart did not have
                    }
                    tests.add(DynamicTest.dynamicTest(
                            commit + " → current: " + chart.getFileName() + " × " + preset.getFileName(), () -> {
                                List<Map<String, Object>> before =
                                        render(oldChart, List.of(oldPreset), Map.of(), false);
                                List<Map<String, Object>> after = render(chart, List.of(preset), Map.of(), true);
                                Findings findings = Upgrade.check(before, after);
                                assertThat(findings.problems())
                                        .as("upgrade problems")
                                        .isEmpty();
                                assertThat(ADOPTED_FROM_HOOKS)
                                        .as("documented adoptions")
                                        .containsAll(findings.adopted());
                            }));
                }
            }
        }
        assertThat(tests).as("pairs of earlier and current charts").hasSizeGreaterThan(20);
        return tests.stream();
    }

    /** Blocks switched on by a later {@code helm upgrade}, with what they need. */
    static final Map<String, Map<String, String>> ENABLED_LATER = new LinkedHashMap<>();

    static {
        ENABLED_LATER.put("jupyter", Map.of("connect.enabled", "true", "jupyter.enabled", "true"));
        ENABLED_LATER.put("postgresql", Map.of("postgresql.enabled", "true"));
        ENABLED_LATER.put("airflow", Map.of("postgresql.enabled", "true", "airflow.enabled", "true"));
        ENABLED_LATER.put(
                "hiveMetastore",
                Map.of("postgresql.enabled", "true", "minio.enabled", "true", "hiveMetastore.enabled", "true"));
        ENABLED_LATER.put(
                "mlflow", Map.of("postgresql.enabled", "true", "minio.enabled", "true", "mlflow.enabled", "true"));
    }

    @TestFactory
    Stream<DynamicTest> blocksEnabledOnALaterUpgrade() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            Path minimal = chart.resolve("presets/minimal.yaml");
            ENABLED_LATER.forEach((block, sets) ->
                    tests.add(DynamicTest.dynamicTest(chart.getFileName() + " minimal + " + block, () -> {
                        List<Map<String, Object>> before = render(chart, List.of(minimal), Map.of(), false);
                        List<Map<String, Object>> after = render(chart, List.of(minimal), sets, true);
                        assertThat(after.size())
                                .as("objects after enabling " + block)
                                .isGreaterThan(before.size());
                        Findings findings = Upgrade.check(before, after);
                        assertThat(findings.problems()).as("upgrade problems").isEmpty();
                    })));
        }
        return tests.stream();
    }

    @Test
    void jobsGetANewNameWhenTheirPodTemplateChangesAndKeepItOtherwise() {
        Path chart = Repo.CHARTS.resolve("spark-4.1");
        Map<String, String> on = Map.of(
                "postgresql.enabled",
                "true",
                "airflow.enabled",
                "true",
                "minio.enabled",
                "true",
                "hiveMetastore.enabled",
                "true");
        Map<String, String> newImages = new LinkedHashMap<>(on);
        newImages.put("airflow.image.tag", "3.2.3");
        newImages.put("hiveMetastore.image.tag", "4.1.1");
        Set<String> first = jobNames(render(chart, List.of(), on, false));
        Set<String> same = jobNames(render(chart, List.of(), on, true));
        Set<String> moved = jobNames(render(chart, List.of(), newImages, true));
        assertThat(first)
                .hasSize(2)
                .allMatch(n -> n.length() <= 63)
                .anyMatch(n -> n.matches(R + "-airflow-migrate-[0-9a-f]{8}"))
                .anyMatch(n -> n.matches(R + "-hive-metastore-schema-[0-9a-f]{8}"));
        assertThat(same).isEqualTo(first);
        assertThat(moved).hasSize(2).doesNotContainAnyElementsOf(first);
        // the metastore pods' wait message names the Job of this revision
        List<Map<String, Object>> objects = render(chart, List.of(), on, false);
        String schemaJob = first.stream()
                .filter(n -> n.contains("hive-metastore-schema"))
                .findFirst()
                .orElseThrow();
        assertThat(String.valueOf(get(
                        find(objects, "Deployment", R + "-hive-metastore"),
                        "spec",
                        "template",
                        "spec",
                        "initContainers")))
                .contains("(Job " + schemaJob + ")");
    }

    @Test
    void longReleaseNamesKeepTheJobHashWithin63Characters() {
        Path chart = Repo.CHARTS.resolve("spark-4.1");
        String release = "a".repeat(53); // Helm's longest release name
        HelmCli.HelmResult result = HelmCli.helm4()
                .template(
                        chart,
                        release,
                        Rendered.NAMESPACE,
                        KubernetesVersions.HIGHEST,
                        List.of(),
                        Map.of(
                                "postgresql.enabled",
                                "true",
                                "airflow.enabled",
                                "true",
                                "minio.enabled",
                                "true",
                                "hiveMetastore.enabled",
                                "true"));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        Set<String> jobs = jobNames(Rendering.manifests(result.stdout()).stream()
                .map(Rendering.Manifest::content)
                .toList());
        assertThat(jobs).hasSize(2).allMatch(n -> n.length() <= 63).allMatch(n -> n.matches(".*-[0-9a-f]{8}"));
    }

    /** The rules applied to the charts before this fix: they fail, so the matrix above can fail. */
    @Nested
    class TheChecksFindTheDefectsOfEarlierCharts {

        @Test
        void aJobTemplateChangedUnderItsFixedName(@TempDir Path temp) {
            Path old = checkout("4de7c5a", temp).resolve("generated-charts/spark-4.1");
            Map<String, String> on = Map.of("postgresql.enabled", "true", "airflow.enabled", "true");
            Map<String, String> newTag = new LinkedHashMap<>(on);
            newTag.put("airflow.image.tag", "3.2.3");
            Findings findings = Upgrade.check(render(old, List.of(), on, false), render(old, List.of(), newTag, true));
            assertThat(findings.problems())
                    .anyMatch(p -> p.contains("Job/" + R + "-airflow-migrate") && p.contains("spec.template"));
        }

        @Test
        void aSecretEnabledOnUpgradeThatWasOnlyAPreInstallHook(@TempDir Path temp) {
            Path old = checkout("4de7c5a", temp).resolve("generated-charts/spark-4.1");
            Path minimal = old.resolve("presets/minimal.yaml");
            Findings findings = Upgrade.check(
                    render(old, List.of(minimal), Map.of(), false),
                    render(old, List.of(minimal), ENABLED_LATER.get("jupyter"), true));
            assertThat(findings.problems())
                    .anyMatch(p -> p.contains("Secret/" + R + "-jupyter") && p.contains("pre-install hook"));
        }

        @Test
        void secretTemplatesThatGenerateWithoutLookingUp(@TempDir Path temp) {
            Path old = checkout("4de7c5a", temp).resolve("generated-charts");
            List<String> problems = new ArrayList<>();
            for (Path chart : List.of(old.resolve("spark-4.1"), old.resolve("spark-3.5"))) {
                problems.addAll(SecretTemplates.check(chart));
            }
            assertThat(problems)
                    .anyMatch(p -> p.contains("postgresql-secret.yaml"))
                    .anyMatch(p -> p.contains("s3-secret.yaml"));
        }
    }

    /**
     * The {@code lookup} path for real: the Helm 4 CLI renders with {@code --dry-run=server} against
     * {@link FakeKubeApi}, which serves the Secrets a previous revision left. What this proves: Helm's own
     * lookup, ownership check and template engine give back every kept value and generate only missing keys.
     * What it does not: a real API server's behaviour beyond GET (nothing is applied).
     */
    @Nested
    class SecretsKeepTheirValuesThroughLookup {

        private final Map<String, String> full = Map.ofEntries(
                Map.entry("connect.enabled", "true"),
                Map.entry("jupyter.enabled", "true"),
                Map.entry("airflow.enabled", "true"),
                Map.entry("mlflow.enabled", "true"),
                Map.entry("postgresql.enabled", "true"),
                Map.entry("minio.enabled", "true"),
                Map.entry("hiveMetastore.enabled", "true"));
        private final List<String> generated = List.of(R + "-postgresql", R + "-airflow", R + "-jupyter", R + "-s3");

        @TestFactory
        Stream<DynamicTest> anUpgradeOrAReinstallKeepsEveryGeneratedValue(@TempDir Path dir) {
            return Repo.charts().stream()
                    .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                        try (FakeKubeApi cluster = new FakeKubeApi()) {
                            Path kubeconfig = cluster.kubeconfig(Files.createTempDirectory(dir, "kube"));
                            Map<String, Map<String, Object>> first = secrets(serverRender(chart, kubeconfig, full));
                            assertThat(first).containsKeys(generated.toArray(String[]::new));
                            assertThat(cluster.requests())
                                    .as("lookups of the generated Secrets")
                                    .contains("GET /api/v1/namespaces/" + Rendered.NAMESPACE + "/secrets/" + R
                                            + "-postgresql");
                            // a render against an empty cluster draws new values: what follows is not a coincidence
                            assertThat(secrets(serverRender(chart, kubeconfig, full))
                                            .get(R + "-jupyter"))
                                    .isNotEqualTo(first.get(R + "-jupyter"));

                            first.forEach((name, data) -> cluster.putSecret(Rendered.NAMESPACE, name, data, R, true));
                            assertThat(secrets(serverRender(chart, kubeconfig, full)))
                                    .isEqualTo(first);
                        }
                    }));
        }

        @Test
        void onlyAMissingKeyIsGenerated(@TempDir Path dir) {
            Path chart = Repo.CHARTS.resolve("spark-4.1");
            try (FakeKubeApi cluster = new FakeKubeApi()) {
                Path kubeconfig = cluster.kubeconfig(dir);
                Map<String, Object> kept = new LinkedHashMap<>(
                        secrets(serverRender(chart, kubeconfig, full)).get(R + "-postgresql"));
                Object dropped = kept.remove("mlflow-password");
                cluster.putSecret(Rendered.NAMESPACE, R + "-postgresql", kept, R, true);
                Map<String, Object> now =
                        secrets(serverRender(chart, kubeconfig, full)).get(R + "-postgresql");
                assertThat(now).containsAllEntriesOf(kept).containsKey("mlflow-password");
                assertThat(now.get("mlflow-password")).isNotEqualTo(dropped);
            }
        }

        @Test
        void aSecretWithoutThisReleasesOwnershipIsRefusedUntilAnnotated(@TempDir Path dir) {
            // what a pre-install hook Secret of an earlier chart looks like to Helm (README, "Day 2")
            Path chart = Repo.CHARTS.resolve("spark-4.1");
            Map<String, String> jupyter = Map.of("connect.enabled", "true", "jupyter.enabled", "true");
            try (FakeKubeApi cluster = new FakeKubeApi()) {
                Path kubeconfig = cluster.kubeconfig(dir);
                Map<String, Object> token = Map.of("token", "a2VwdC10b2tlbg==");
                cluster.putSecret(Rendered.NAMESPACE, R + "-jupyter", token, R, false);
                HelmCli.HelmResult refused = serverTemplate(chart, kubeconfig, jupyter);
                assertThat(refused.succeeded()).isFalse();
                assertThat(refused.stderr())
                        .contains("cannot be imported into the current release")
                        .contains("meta.helm.sh/release-name");
                cluster.putSecret(Rendered.NAMESPACE, R + "-jupyter", token, R, true);
                assertThat(secrets(serverRender(chart, kubeconfig, jupyter)).get(R + "-jupyter"))
                        .isEqualTo(token);
            }
        }

        @Test
        void aPlantedTemplateThatIgnoresTheExistingSecretIsCaught(@TempDir Path dir) throws IOException {
            Path copy = dir.resolve("chart");
            copyTree(Repo.CHARTS.resolve("spark-4.1"), copy);
            Path secret = copy.resolve("templates/jupyter-secret.yaml");
            Files.writeString(
                    secret,
                    Files.readString(secret, StandardCharsets.UTF_8)
                            .replaceFirst("get \\$existing [^|]+\\| default ", ""),
                    StandardCharsets.UTF_8);
            Map<String, String> jupyter = Map.of("connect.enabled", "true", "jupyter.enabled", "true");
            try (FakeKubeApi cluster = new FakeKubeApi()) {
                Path kubeconfig = cluster.kubeconfig(Files.createDirectories(dir.resolve("kube")));
                Map<String, Object> token = Map.of("token", "a2VwdC10b2tlbg==");
                cluster.putSecret(Rendered.NAMESPACE, R + "-jupyter", token, R, true);
                assertThat(secrets(serverRender(copy, kubeconfig, jupyter)).get(R + "-jupyter"))
                        .isNotEqualTo(token);
            }
        }

        private HelmCli.HelmResult serverTemplate(Path chart, Path kubeconfig, Map<String, String> sets) {
            List<String> args = new ArrayList<>(List.of(
                    "template",
                    R,
                    chart.toAbsolutePath().toString(),
                    "--namespace=" + Rendered.NAMESPACE,
                    "--dry-run=server",
                    "--disable-openapi-validation",
                    "--kubeconfig=" + kubeconfig));
            sets.forEach((k, v) -> args.add("--set=" + k + "=" + v));
            return HelmCli.helm4().run(args);
        }

        private List<Map<String, Object>> serverRender(Path chart, Path kubeconfig, Map<String, String> sets) {
            HelmCli.HelmResult result = serverTemplate(chart, kubeconfig, sets);
            if (!result.succeeded()) {
                throw new AssertionError("helm template --dry-run=server failed: " + result.describe());
            }
            return Rendering.manifests(result.stdout()).stream()
                    .map(Rendering.Manifest::content)
                    .toList();
        }

        @SuppressWarnings("unchecked")
        private Map<String, Map<String, Object>> secrets(List<Map<String, Object>> objects) {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            for (Map<String, Object> o : objects) {
                if ("Secret".equals(o.get("kind")) && !annotations(o).containsKey("helm.sh/hook")) {
                    out.put(Rendered.name(o), new LinkedHashMap<>((Map<String, Object>) o.get("data")));
                }
            }
            return out;
        }
    }

    /** Planted defects, one per rule, on otherwise identical renders. */
    @Nested
    class PlantedDefects {

        private final Path chart = Repo.CHARTS.resolve("spark-4.1");
        private final Map<String, String> full = Map.of(
                "postgresql.enabled",
                "true",
                "airflow.enabled",
                "true",
                "minio.enabled",
                "true",
                "hiveMetastore.enabled",
                "true",
                "jupyter.enabled",
                "true",
                "jupyter.persistence.enabled",
                "true",
                "historyServer.enabled",
                "true",
                "connect.eventLog.enabled",
                "true");

        private List<Map<String, Object>> before() {
            return render(chart, List.of(), full, false);
        }

        private List<Map<String, Object>> after() {
            return render(chart, List.of(), full, true);
        }

        @Test
        void theUnchangedUpgradeIsClean() {
            assertThat(Upgrade.check(before(), after()).problems()).isEmpty();
        }

        @Test
        void aChangedSelector() {
            List<Map<String, Object>> after = after();
            Map<String, Object> labels =
                    path(find(after, "Deployment", R + "-minio"), "spec", "selector", "matchLabels");
            labels.put("app.kubernetes.io/component", "object-store");
            assertThat(Upgrade.check(before(), after).problems())
                    .anyMatch(p -> p.contains("Deployment/" + R + "-minio") && p.contains("spec.selector"));
        }

        @Test
        void aChangedJobTemplateUnderTheSameName() {
            List<Map<String, Object>> after = after();
            Map<String, Object> job = after.stream()
                    .filter(o -> "Job".equals(o.get("kind")) && Rendered.name(o).startsWith(R + "-airflow-migrate"))
                    .findFirst()
                    .orElseThrow();
            path(job, "spec", "template", "metadata", "labels").put("planted", "defect");
            assertThat(Upgrade.check(before(), after).problems())
                    .anyMatch(p -> p.contains("Job/" + R + "-airflow-migrate") && p.contains("spec.template"));
        }

        @Test
        void aRenamedOrDroppedVolumeClaimAndKeptSecret() {
            List<Map<String, Object>> after = new ArrayList<>(after());
            after.remove(find(after, "PersistentVolumeClaim", R + "-postgresql"));
            Map<String, Object> secret = find(after, "Secret", R + "-airflow");
            ((Map<String, Object>) secret.get("metadata")).put("name", R + "-airflow-credentials");
            assertThat(Upgrade.check(before(), after).problems())
                    .anyMatch(p -> p.contains("PersistentVolumeClaim/" + R + "-postgresql") && p.contains("dropped"))
                    .anyMatch(p -> p.contains("Secret/" + R + "-airflow") && p.contains("dropped"));
        }

        @Test
        void aShrunkOrReclassedVolumeClaim() {
            List<Map<String, Object>> after = after();
            Map<String, Object> pvc = find(after, "PersistentVolumeClaim", R + "-minio");
            path(pvc, "spec", "resources", "requests").put("storage", "1Mi");
            Map<String, Object> other = find(after, "PersistentVolumeClaim", R + "-jupyter");
            path(other, "spec").put("accessModes", List.of("ReadWriteMany"));
            assertThat(Upgrade.check(before(), after).problems())
                    .anyMatch(p -> p.contains("PersistentVolumeClaim/" + R + "-minio") && p.contains("shrinks"))
                    .anyMatch(p -> p.contains("PersistentVolumeClaim/" + R + "-jupyter") && p.contains("spec"));
        }

        @Test
        void aStatefulSetsServiceNameOrClaimTemplatesAndAServicesClusterIp() {
            List<Map<String, Object>> after = after();
            Map<String, Object> sts = find(after, "StatefulSet", R + "-connect");
            path(sts, "spec").put("serviceName", R + "-connect-headless");
            path(sts, "spec").put("volumeClaimTemplates", List.of(Map.of("metadata", Map.of("name", "data"))));
            Map<String, Object> service = find(after, "Service", R + "-connect-driver");
            path(service, "spec").remove("clusterIP");
            assertThat(Upgrade.check(before(), after).problems())
                    .anyMatch(p -> p.contains("StatefulSet/" + R + "-connect") && p.contains("spec.serviceName"))
                    .anyMatch(p -> p.contains("StatefulSet/" + R + "-connect") && p.contains("volumeClaimTemplates"))
                    .anyMatch(p -> p.contains("Service/" + R + "-connect-driver") && p.contains("clusterIP"));
        }

        @Test
        void aGeneratedSecretValueThatIgnoresTheExistingSecret(@TempDir Path temp) throws IOException {
            Path copy = temp.resolve("chart");
            copyTree(chart, copy);
            Path secret = copy.resolve("templates/jupyter-secret.yaml");
            String text = Files.readString(secret, StandardCharsets.UTF_8);
            Files.writeString(
                    secret, text.replaceFirst("get \\$existing [^|]+\\| default ", ""), StandardCharsets.UTF_8);
            assertThat(SecretTemplates.check(chart)).isEmpty();
            assertThat(SecretTemplates.check(copy)).anyMatch(p -> p.contains("jupyter-secret.yaml"));
        }
    }

    @TestFactory
    Stream<DynamicTest> generatedSecretsTakeEveryValueFromTheExistingSecretFirst() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            tests.add(DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                assertThat(SecretTemplates.count(chart))
                        .as("generated Secret templates")
                        .isGreaterThanOrEqualTo(4);
                assertThat(SecretTemplates.check(chart)).isEmpty();
            }));
        }
        return tests.stream();
    }

    // ----------------------------------------------------------------------------------------------------------
    // The checker

    /** What an upgrade from one render to the next would break, and which hooks become release objects. */
    record Findings(List<String> problems, Set<String> adopted) {}

    /** Compares two renders of one release, object by object. */
    static final class Upgrade {

        private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

        private Upgrade() {}

        static Findings check(List<Map<String, Object>> before, List<Map<String, Object>> after) {
            List<String> problems = new ArrayList<>();
            Set<String> adopted = new TreeSet<>();
            Map<String, Map<String, Object>> old = index(before, false);
            Map<String, Map<String, Object>> now = index(after, false);
            Map<String, Map<String, Object>> oldHooks = index(before, true);
            Map<String, Map<String, Object>> newHooks = index(after, true);

            now.forEach((id, o) -> {
                Map<String, Object> was = old.get(id);
                if (was == null) {
                    if (oldHooks.containsKey(id)) {
                        adopted.add(id);
                    }
                    return;
                }
                String kind = (String) o.get("kind");
                if (WORKLOADS.contains(kind)) {
                    same(problems, id, "spec.selector", was, o, "spec", "selector");
                }
                if ("StatefulSet".equals(kind)) {
                    same(problems, id, "spec.serviceName", was, o, "spec", "serviceName");
                    same(problems, id, "spec.podManagementPolicy", was, o, "spec", "podManagementPolicy");
                    same(problems, id, "spec.volumeClaimTemplates", was, o, "spec", "volumeClaimTemplates");
                }
                if ("Job".equals(kind)) {
                    same(problems, id, "spec.template", was, o, "spec", "template");
                    same(problems, id, "spec.selector", was, o, "spec", "selector");
                }
                if ("Service".equals(kind)) {
                    same(problems, id, "spec.clusterIP", was, o, "spec", "clusterIP");
                }
                if ("PersistentVolumeClaim".equals(kind)) {
                    Map<String, Object> a = new LinkedHashMap<>(castMap(get(was, "spec")));
                    Map<String, Object> b = new LinkedHashMap<>(castMap(get(o, "spec")));
                    Object sizeA = get(was, "spec", "resources", "requests", "storage");
                    Object sizeB = get(o, "spec", "resources", "requests", "storage");
                    a.remove("resources");
                    b.remove("resources");
                    if (!a.equals(b)) {
                        problems.add(id + ": spec changes (only the storage request of a bound claim may change): " + a
                                + " → " + b);
                    }
                    if (sizeA != null && sizeB != null && bytes(sizeB) < bytes(sizeA)) {
                        problems.add(id + ": storage request shrinks from " + sizeA + " to " + sizeB);
                    }
                }
            });

            // objects holding data: kept claims, StatefulSets with claims, Secrets Helm keeps
            Map<String, Map<String, Object>> allOld = new LinkedHashMap<>(oldHooks);
            allOld.putAll(old);
            allOld.forEach((id, o) -> {
                if (holdsData(o) && !now.containsKey(id) && !newHooks.containsKey(id)) {
                    problems.add(id + ": holds data and is dropped or renamed by the upgrade");
                }
            });

            // a Secret a pod needs, rendered only as a pre-install hook, is never created by this upgrade
            for (String secret : referencedSecrets(after)) {
                String id = "Secret/" + secret;
                Map<String, Object> hook = newHooks.get(id);
                if (!now.containsKey(id) && hook != null && !old.containsKey(id) && !oldHooks.containsKey(id)) {
                    String phases = String.valueOf(annotations(hook).get("helm.sh/hook"));
                    if (!phases.contains("pre-upgrade") && !phases.contains("post-upgrade")) {
                        problems.add(id + ": needed by a pod but only a " + phases + " hook (pre-install hook), "
                                + "which an upgrade never runs");
                    }
                }
            }
            return new Findings(problems, adopted);
        }

        private static boolean holdsData(Map<String, Object> o) {
            String kind = (String) o.get("kind");
            return switch (kind) {
                case "PersistentVolumeClaim" -> true;
                case "StatefulSet" -> get(o, "spec", "volumeClaimTemplates") != null;
                case "Secret" -> "keep".equals(annotations(o).get("helm.sh/resource-policy"));
                default -> false;
            };
        }

        /** Objects by kind/name: release objects, or only hooks (test pods included). */
        private static Map<String, Map<String, Object>> index(List<Map<String, Object>> objects, boolean hooks) {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            for (Map<String, Object> o : objects) {
                if (annotations(o).containsKey("helm.sh/hook") == hooks) {
                    out.put(o.get("kind") + "/" + Rendered.name(o), o);
                }
            }
            return out;
        }

        private static void same(
                List<String> problems,
                String id,
                String field,
                Map<String, Object> was,
                Map<String, Object> now,
                String... path) {
            Object a = get(was, path);
            Object b = get(now, path);
            if (!Objects.equals(a, b)) {
                problems.add(id + ": " + field + " is immutable and changes under the same name: " + a + " → " + b);
            }
        }

        @SuppressWarnings("unchecked")
        private static Set<String> referencedSecrets(List<Map<String, Object>> objects) {
            Set<String> out = new TreeSet<>();
            Pattern ref = Pattern.compile("secretKeyRef=\\{[^}]*?name=([a-z0-9.-]+)");
            Pattern volume = Pattern.compile("secret=\\{[^}]*?secretName=([a-z0-9.-]+)");
            for (Map<String, Object> o : objects) {
                if ("Secret".equals(o.get("kind"))) {
                    continue;
                }
                Object spec = o.get("spec");
                String text = String.valueOf(spec);
                for (Pattern p : List.of(ref, volume)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                }
            }
            return out;
        }

        private static long bytes(Object quantity) {
            Matcher m = Pattern.compile("^([0-9]+)([KMGTP]i?)?$").matcher(String.valueOf(quantity));
            if (!m.matches()) {
                throw new IllegalArgumentException("storage request " + quantity + " is not a plain quantity");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "" : m.group(2);
            int power = "KMGTP".indexOf(unit.isEmpty() ? 'x' : unit.charAt(0)) + 1;
            long base = unit.endsWith("i") ? 1024 : 1000;
            for (int i = 0; i < power; i++) {
                n *= base;
            }
            return n;
        }
    }

    /**
     * The generated Secret templates, read as text: every value a template generates ({@code randAlphaNum}) must
     * be the fallback of the same key of the Secret found by {@code lookup} under the name the template renders,
     * so an upgrade or a reinstall over kept volumes keeps every value and generates only missing keys.
     */
    static final class SecretTemplates {

        private static final Pattern EXISTING = Pattern.compile(
                "\\$existing := dig \"data\" \\(dict\\) \\(lookup \"v1\" \"Secret\" \\.Release\\.Namespace \\$name\\)");
        private static final Pattern NAME = Pattern.compile("(?m)^  name: \\{\\{ \\$name \\}\\}$");
        /** {@code <key>: {{ [user value | default "" | b64enc | default] (get $existing <same key>) | default (randAlphaNum …} */
        private static final Pattern VALUE = Pattern.compile(
                "^\\s*(\\{\\{ [^}]+ \\}\\}|[A-Za-z0-9_.-]+): \\{\\{ (?:\\.Values\\.global\\.s3\\.\\w+ \\| default \"\" \\| b64enc \\| default \\(get \\$existing (\\S+)\\)|get \\$existing (.+?)) \\| default \\(randAlphaNum");

        private SecretTemplates() {}

        static List<Path> templates(Path chart) {
            try (Stream<Path> files = Files.walk(chart)) {
                return files.filter(f ->
                                f.toString().endsWith(".yaml") && f.toString().contains("/templates/"))
                        .filter(f -> read(f).contains("randAlphaNum") && read(f).contains("kind: Secret"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static int count(Path chart) {
            return templates(chart).size();
        }

        static List<String> check(Path chart) {
            List<String> problems = new ArrayList<>();
            for (Path file : templates(chart)) {
                String text = read(file);
                String where = chart.relativize(file).toString();
                if (!EXISTING.matcher(text).find() || !NAME.matcher(text).find()) {
                    problems.add(where + ": does not look up the Secret it renders ($existing from lookup of $name)");
                }
                if (text.contains("helm.sh/hook")) {
                    problems.add(where + ": a hook (not created when its block is enabled on upgrade, re-created "
                            + "with new values on reinstall)");
                }
                for (String line : text.split("\n")) {
                    if (!line.contains("randAlphaNum")) {
                        continue;
                    }
                    Matcher m = VALUE.matcher(line);
                    if (!m.find()) {
                        problems.add(
                                where + ": generates a value without taking the existing one first: " + line.strip());
                        continue;
                    }
                    String key = m.group(1);
                    String looked = m.group(2) != null ? m.group(2) : m.group(3);
                    // a key given by a value is quoted (YAML would read a key such as 0x1F as a number)
                    String plainKey = key.startsWith("{{")
                            ? key.substring(3, key.length() - 3).strip().replaceFirst("\\s*\\|\\s*quote$", "")
                            : "\"" + key + "\"";
                    if (!looked.equals(plainKey) && !looked.equals("(" + plainKey + ")")) {
                        problems.add(where + ": key " + key + " is looked up as " + looked);
                    }
                }
            }
            return problems;
        }

        private static String read(Path f) {
            try {
                return Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Helpers

    /** {@code helm template} (Helm 4 CLI); {@code --is-upgrade} for the second revision. */
    static List<Map<String, Object>> render(Path chart, List<Path> values, Map<String, String> sets, boolean upgrade) {
        List<String> args = new ArrayList<>(List.of(
                "template",
                R,
                chart.toAbsolutePath().toString(),
                "--namespace=" + Rendered.NAMESPACE,
                "--kube-version=" + KubernetesVersions.HIGHEST));
        if (upgrade) {
            args.add("--is-upgrade");
        }
        for (Path v : values) {
            args.add("--values=" + v.toAbsolutePath());
        }
        sets.forEach((k, v) -> args.add("--set=" + k + "=" + v));
        HelmCli.HelmResult result = HelmCli.helm4().run(args);
        if (!result.succeeded()) {
            throw new AssertionError("helm template failed: " + result.describe());
        }
        return new ArrayList<>(Rendering.manifests(result.stdout()).stream()
                .map(Rendering.Manifest::content)
                .toList());
    }

    /** The committed charts of an earlier commit, extracted with {@code git archive}. */
    static Path checkout(String commit, Path into) {
        try {
            Process probe = new ProcessBuilder(
                            "git", "-C", Repo.ROOT.toString(), "cat-file", "-e", commit + "^{commit}")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() != 0) {
                // Skipped, visibly: a shallow clone lacks the earlier charts; the other cases still run.
                org.junit.jupiter.api.Assumptions.abort("commit " + commit + " is not in this clone's history (a "
                        + "shallow clone?): the upgrade from its charts is not checked; run `git fetch --unshallow`");
            }
            Files.createDirectories(into);
            Path tar = into.resolve("charts.tar");
            run(
                    List.of(
                            "git",
                            "-C",
                            Repo.ROOT.toString(),
                            "archive",
                            "--format=tar",
                            "--output=" + tar,
                            commit,
                            "generated-charts"),
                    "commit " + commit + " is not in this clone's history (a shallow clone? "
                            + "run `git fetch --unshallow`)");
            run(List.of("tar", "-xf", tar.toString(), "-C", into.toString()), "cannot extract " + tar);
            return into;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, String failure) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(failure + ": " + String.join(" ", command) + "\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    private static Set<String> jobNames(List<Map<String, Object>> objects) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> o : objects) {
            if ("Job".equals(o.get("kind")) && !annotations(o).containsKey("helm.sh/hook")) {
                out.add(Rendered.name(o));
            }
        }
        return out;
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(Rendered.name(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotations(Map<String, Object> o) {
        Object a = get(o, "metadata", "annotations");
        return a == null ? Map.of() : (Map<String, Object>) a;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Map<String, Object> o, String... path) {
        Object at = o;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(key);
        }
        return at;
    }

    /** A nested map, made mutable in place so planted defects can change it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> o, String... path) {
        Map<String, Object> at = o;
        for (String key : path) {
            Object next = at.get(key);
            Map<String, Object> copy =
                    next == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) next);
            at.put(key, copy);
            at = copy;
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static void copyTree(Path from, Path to) throws IOException {
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
