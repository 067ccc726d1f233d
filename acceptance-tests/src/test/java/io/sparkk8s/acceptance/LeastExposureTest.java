package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, item 9 (NetworkPolicy part) and review m7: namespaces listed in {@code networkPolicy.allowNamespaces}
 * reach the web UIs and the Spark Connect port, not PostgreSQL, the metastore, the S3 API or the standalone
 * master unless {@code networkPolicy.exposeInternal} asks for it; and the Spark pods of spark-4.1 roll when the
 * release's wiring ConfigMap changes.
 */
class LeastExposureTest {

    private static final String R = Rendered.RELEASE;

    private static final Map<String, String> EVERYTHING = Map.ofEntries(
            Map.entry("connect.enabled", "true"),
            Map.entry("standalone.enabled", "true"),
            Map.entry("jupyter.enabled", "true"),
            Map.entry("airflow.enabled", "true"),
            Map.entry("mlflow.enabled", "true"),
            Map.entry("postgresql.enabled", "true"),
            Map.entry("minio.enabled", "true"),
            Map.entry("hiveMetastore.enabled", "true"),
            Map.entry("historyServer.enabled", "true"),
            Map.entry("connect.eventLog.enabled", "true"),
            Map.entry("networkPolicy.enabled", "true"),
            Map.entry("networkPolicy.allowNamespaces[0]", "ingress-nginx"));

    /** Web UIs and the Connect gRPC port of the full stack (8080: Airflow and the standalone master UI). */
    private static final List<Integer> CLIENT_PORTS = List.of(8080, 15002, 4040, 18080, 8888, 9001, 5000);
    /** PostgreSQL, the metastore, the S3 API, the standalone master. */
    private static final List<Integer> INTERNAL_PORTS = List.of(5432, 9083, 9000, 7077);

    static List<Path> charts() {
        return Repo.charts();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void otherNamespacesReachOnlyTheUisAndTheConnectPort(Path chart) {
        List<Integer> ports = admittedPorts(Rendered.of(chart, List.of(), EVERYTHING));
        assertThat(new java.util.TreeSet<>(ports)).isEqualTo(new java.util.TreeSet<>(CLIENT_PORTS));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void exposeInternalAlsoAdmitsTheInternalPorts(Path chart) {
        Map<String, String> sets = new LinkedHashMap<>(EVERYTHING);
        sets.put("networkPolicy.exposeInternal", "true");
        List<Integer> ports = admittedPorts(Rendered.of(chart, List.of(), sets));
        List<Integer> all = new ArrayList<>(CLIENT_PORTS);
        all.addAll(INTERNAL_PORTS);
        assertThat(new java.util.TreeSet<>(ports)).isEqualTo(new java.util.TreeSet<>(all));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void noRuleForOtherNamespacesWhenNoPortQualifies(Path chart) {
        // only internal endpoints enabled: a rule without ports would admit every port, so there is none
        Rendered out = Rendered.of(
                chart,
                List.of(),
                Map.of(
                        "connect.enabled",
                        "false",
                        "postgresql.enabled",
                        "true",
                        "networkPolicy.enabled",
                        "true",
                        "networkPolicy.allowNamespaces[0]",
                        "ingress-nginx"));
        List<Map<String, Object>> rules = ingressRules(out);
        assertThat(rules).hasSize(1);
        assertThat(String.valueOf(rules.get(0))).doesNotContain("namespaceSelector");
    }

    @Test
    void sparkPodsOfTheOneChartLayoutRollWhenTheWiringChanges() {
        Path chart = Repo.CHARTS.resolve("spark-4.1");
        Map<String, String> base = Map.of(
                "connect.enabled",
                "true",
                "standalone.enabled",
                "true",
                "historyServer.enabled",
                "true",
                "minio.enabled",
                "true",
                "connect.eventLog.enabled",
                "true",
                "postgresql.enabled",
                "true");
        Map<String, String> metastore = new LinkedHashMap<>(base);
        metastore.put("hiveMetastore.enabled", "true");
        Map<String, String> monitoring = new LinkedHashMap<>(base);
        monitoring.put("monitoring.enabled", "true");
        Rendered before = Rendered.of(chart, List.of(), base);
        for (Map<String, String> later : List.of(metastore, monitoring)) {
            Rendered after = Rendered.of(chart, List.of(), later);
            for (String[] workload : List.of(
                    new String[] {"StatefulSet", R + "-connect"},
                    new String[] {"Deployment", R + "-history-server"},
                    new String[] {"Deployment", R + "-standalone-master"},
                    new String[] {"Deployment", R + "-standalone-worker"})) {
                String was = wiringChecksum(before, workload[0], workload[1]);
                String now = wiringChecksum(after, workload[0], workload[1]);
                assertThat(was).as("checksum/wiring of %s", workload[1]).isNotBlank();
                assertThat(now).as("%s after %s", workload[1], later).isNotEqualTo(was);
            }
        }
    }

    @Test
    void jupyterAndAirflowPodsOfTheOneChartLayoutRollWhenMlflowOrStandaloneIsEnabledLater() {
        Path chart = Repo.CHARTS.resolve("spark-4.1");
        Map<String, String> base = Map.of(
                "connect.enabled",
                "true",
                "jupyter.enabled",
                "true",
                "postgresql.enabled",
                "true",
                "airflow.enabled",
                "true",
                "minio.enabled",
                "true");
        Map<String, String> mlflow = new LinkedHashMap<>(base);
        mlflow.put("mlflow.enabled", "true");
        Map<String, String> standalone = new LinkedHashMap<>(base);
        standalone.put("standalone.enabled", "true");
        Rendered before = Rendered.of(chart, List.of(), base);
        for (Map<String, String> later : List.of(mlflow, standalone)) {
            Rendered after = Rendered.of(chart, List.of(), later);
            for (String deployment : List.of(R + "-jupyter", R + "-airflow-scheduler", R + "-airflow-api-server")) {
                assertThat(checksum(after, "Deployment", deployment, "checksum/app-wiring"))
                        .as("%s after %s", deployment, later)
                        .isNotBlank()
                        .isNotEqualTo(checksum(before, "Deployment", deployment, "checksum/app-wiring"));
            }
        }
    }

    private static String wiringChecksum(Rendered out, String kind, String name) {
        return checksum(out, kind, name, "checksum/wiring");
    }

    @SuppressWarnings("unchecked")
    private static String checksum(Rendered out, String kind, String name, String key) {
        Map<String, Object> template = (Map<String, Object>)
                ((Map<String, Object>) out.object(kind, name).get("spec")).get("template");
        Map<String, Object> annotations =
                (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("annotations");
        return annotations == null ? "" : String.valueOf(annotations.getOrDefault(key, ""));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ingressRules(Rendered out) {
        Map<String, Object> policy = out.objects().stream()
                .filter(o -> "NetworkPolicy".equals(o.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy in " + out.names()));
        return (List<Map<String, Object>>) ((Map<String, Object>) policy.get("spec")).get("ingress");
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> admittedPorts(Rendered out) {
        List<Integer> ports = new ArrayList<>();
        for (Map<String, Object> rule : ingressRules(out)) {
            if (String.valueOf(rule.get("from")).contains("namespaceSelector")) {
                assertThat(rule.get("ports"))
                        .as("a namespace rule names its ports")
                        .isNotNull();
                for (Map<String, Object> p : (List<Map<String, Object>>) rule.get("ports")) {
                    ports.add((Integer) p.get("port"));
                }
            }
        }
        return ports;
    }
}
