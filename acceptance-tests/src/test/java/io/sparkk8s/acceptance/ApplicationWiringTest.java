package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.KubernetesVersions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5: the application blocks (jupyter, airflow, mlflow) are wired by construction to what the rendered
 * release really contains — the Connect Service and port, the postgresql block's Service, databases and
 * Secret keys, the shared S3 endpoint — on both lines, and two full stacks share a namespace.
 */
class ApplicationWiringTest {

    private static final String R = Rendered.RELEASE;

    private static final Map<String, String> FULL_STACK = Repo.EVERY_BLOCK_ON;

    static List<Path> charts() {
        return Repo.charts();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static Map<String, String> fullStackWith(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>(FULL_STACK);
        out.putAll(ordered(pairs));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> servicePorts(Rendered out, String service) {
        return (List<Map<String, Object>>)
                ((Map<String, Object>) out.object("Service", service).get("spec")).get("ports");
    }

    private static String value(Map<String, Object> container, String name) {
        Map<String, Object> entry = Rendered.env(container).get(name);
        assertThat(entry).as("env %s of %s", name, container.get("name")).isNotNull();
        return String.valueOf(entry.get("value"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> secretRef(Map<String, Object> container, String name) {
        Map<String, Object> entry = Rendered.env(container).get(name);
        assertThat(entry).as("env %s of %s", name, container.get("name")).isNotNull();
        return (Map<String, Object>) ((Map<String, Object>) entry.get("valueFrom")).get("secretKeyRef");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> secretData(Rendered out, String name) {
        return (Map<String, Object>) out.object("Secret", name).get("data");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void jupytersConnectUrlNamesTheConnectServiceAndPortOfTheRelease(Path chart) {
        Rendered out = Rendered.of(chart, List.of(), Map.of("jupyter.enabled", "true"));
        Map<String, Object> jupyter = out.container("Deployment", R + "-jupyter", "jupyter");
        String url = value(jupyter, "SPARK_CONNECT_URL");
        assertThat(url).startsWith("sc://");
        // spark-4.1: connect.auth adds ;use_ssl=true;token=… after the address (ConnectAuthTest)
        String address = url.contains("/;") ? url.substring(0, url.indexOf("/;")) : url;
        assertThat(url.contains("token="))
                .as("a token in the URL exactly on spark-4.1")
                .isEqualTo(chart.endsWith("spark-4.1"));
        String host = address.substring("sc://".length(), address.lastIndexOf(':'));
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        assertThat(servicePorts(out, host)).as("ports of Service %s", host).anyMatch(p -> p.get("port")
                .equals(port));
        // the Connect server's port, or on spark-4.1 its TLS proxy's
        assertThat(out.podSpec("StatefulSet", R + "-connect").get("containers").toString())
                .contains("containerPort=" + port);
        assertThat(value(jupyter, "SPARK_REMOTE")).isEqualTo(url);
        Map<String, Object> token = secretRef(jupyter, "JUPYTER_TOKEN");
        assertThat(secretData(out, String.valueOf(token.get("name")))).containsKey(String.valueOf(token.get("key")));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aUserSparkConnectUrlReplacesTheComputedOneWithoutADuplicate(Path chart) {
        Rendered out = Rendered.of(
                chart,
                List.of(),
                Map.of(
                        "jupyter.enabled",
                        "true",
                        "jupyter.env.SPARK_CONNECT_URL",
                        "sc://elsewhere.spark.svc:15002",
                        "jupyter.env.TEAM",
                        "ml"));
        Map<String, Object> jupyter = out.container("Deployment", R + "-jupyter", "jupyter");
        assertThat(jupyter.get("env").toString().split("name=SPARK_CONNECT_URL", -1))
                .hasSize(2);
        assertThat(value(jupyter, "SPARK_CONNECT_URL")).isEqualTo("sc://elsewhere.spark.svc:15002");
        assertThat(value(jupyter, "TEAM")).isEqualTo("ml");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void anExternalConnectUrlServesJupyterWithoutTheConnectBlock(Path chart) {
        Rendered out = Rendered.of(
                chart,
                List.of(),
                Map.of(
                        "connect.enabled",
                        "false",
                        "jupyter.enabled",
                        "true",
                        "jupyter.connectUrl",
                        "sc://connect.shared.svc:15002"));
        Map<String, Object> jupyter = out.container("Deployment", R + "-jupyter", "jupyter");
        assertThat(value(jupyter, "SPARK_CONNECT_URL")).isEqualTo("sc://connect.shared.svc:15002");
        assertThat(value(jupyter, "SPARK_REMOTE")).isEqualTo("sc://connect.shared.svc:15002");
        assertThat(out.has("StatefulSet", R + "-connect")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void airflowAndMlflowUseThePostgresqlBlocksServiceDatabasesAndSecret(Path chart) {
        Rendered out = Rendered.of(chart, List.of(), FULL_STACK);
        Map<String, Object> postgres = out.container("Deployment", R + "-postgresql", "postgresql");
        String databasesScript = out.configData(R + "-postgresql", "10-databases.sh");
        List<Map<String, Object>> consumers = new ArrayList<>();
        for (String component : List.of("api-server", "scheduler", "dag-processor")) {
            consumers.add(out.container("Deployment", R + "-airflow-" + component, component));
            consumers.add(out.container("Deployment", R + "-airflow-" + component, "wait-for-migrations"));
        }
        String migrate = out.names().stream()
                .filter(n -> n.startsWith("Job/" + R + "-airflow-migrate-"))
                .findFirst()
                .orElseThrow()
                .substring("Job/".length()); // named after a hash of its spec (UpgradeMatrixTest)
        consumers.add(out.container("Job", migrate, "migrate"));
        consumers.add(out.container("Deployment", R + "-mlflow", "mlflow"));
        for (Map<String, Object> consumer : consumers) {
            String database = consumer.get("name").equals("mlflow") ? "mlflow" : "airflow";
            String hostPort = value(consumer, "DB_HOST");
            String host = hostPort.substring(0, hostPort.indexOf(':'));
            int port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
            assertThat(host).isEqualTo(R + "-postgresql");
            assertThat(servicePorts(out, host)).anyMatch(p -> p.get("port").equals(port));
            assertThat(value(consumer, "DB_NAME")).isEqualTo(database);
            assertThat(value(consumer, "DB_USER")).isEqualTo(database);
            assertThat(databasesScript).contains("create \"" + database + "\"");
            Map<String, Object> password = secretRef(consumer, "DB_PASSWORD");
            assertThat(password).containsEntry("name", R + "-postgresql").containsEntry("key", database + "-password");
            assertThat(secretData(out, R + "-postgresql")).containsKey(database + "-password");
            assertThat(secretRef(postgres, "PASSWORD_" + database.toUpperCase()))
                    .isEqualTo(password);
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void mlflowsArtifactRootIsOnTheSharedS3Endpoint(Path chart) {
        Rendered out = Rendered.of(chart, List.of(), FULL_STACK);
        String endpoint = out.connectConf().get("spark.hadoop.fs.s3a.endpoint");
        assertThat(endpoint).isEqualTo("http://" + R + "-minio:9000");
        assertThat(servicePorts(out, R + "-minio")).anyMatch(p -> p.get("port").equals(9000));
        Map<String, Object> mlflow = out.container("Deployment", R + "-mlflow", "mlflow");
        assertThat(value(mlflow, "MLFLOW_S3_ENDPOINT_URL")).isEqualTo(endpoint);
        assertThat(value(mlflow, "MLFLOW_ARTIFACT_ROOT")).isEqualTo("s3://mlflow/artifacts");
        assertThat(secretRef(mlflow, "AWS_SECRET_ACCESS_KEY")).containsEntry("name", R + "-s3");
        Map<String, Object> prefix = out.container("Deployment", R + "-mlflow", "ensure-s3-prefix");
        assertThat(value(prefix, "S3_ENDPOINT")).isEqualTo(endpoint);
        assertThat(value(prefix, "TARGET")).isEqualTo("mlflow/artifacts");
        Map<String, Object> jupyter = out.container("Deployment", R + "-jupyter", "jupyter");
        assertThat(value(jupyter, "MLFLOW_S3_ENDPOINT_URL")).isEqualTo(endpoint);
        assertThat(out.effectiveEnv(jupyter)).containsEntry("MLFLOW_TRACKING_URI", "http://" + R + "-mlflow:5000");
        assertThat(servicePorts(out, R + "-mlflow")).anyMatch(p -> p.get("port").equals(5000));

        Rendered external = Rendered.of(
                chart,
                List.of(),
                fullStackWith(
                        "minio.enabled",
                        "false",
                        "global.s3.endpoint",
                        "https://s3.eu-west-1.amazonaws.com",
                        "global.s3.existingSecret",
                        "team-s3",
                        "mlflow.artifactRoot",
                        "s3://ml-team/runs"));
        Map<String, Object> onAws = external.container("Deployment", R + "-mlflow", "mlflow");
        assertThat(value(onAws, "MLFLOW_S3_ENDPOINT_URL")).isEqualTo("https://s3.eu-west-1.amazonaws.com");
        assertThat(value(onAws, "MLFLOW_ARTIFACT_ROOT")).isEqualTo("s3://ml-team/runs");
        assertThat(secretRef(onAws, "AWS_ACCESS_KEY_ID")).containsEntry("name", "team-s3");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void airflowsSparkConnectionsPointAtTheReleasesConnectServerAndMaster(Path chart) {
        Rendered out = Rendered.of(chart, List.of(), FULL_STACK);
        Map<String, Object> scheduler = out.container("Deployment", R + "-airflow-scheduler", "scheduler");
        // spark-4.1: the token (password) over TLS (connect.auth, ConnectAuthTest)
        assertThat(value(scheduler, "AIRFLOW_CONN_SPARK_CONNECT_DEFAULT"))
                .isEqualTo(
                        chart.endsWith("spark-4.1")
                                ? "{\"conn_type\":\"spark_connect\",\"extra\":{\"use_ssl\":true},\"host\":\"sc://" + R
                                        + "-connect\",\"password\":\"$(SPARK_CONNECT_AUTHENTICATE_TOKEN)\",\"port\":15002}"
                                : "{\"conn_type\":\"spark_connect\",\"host\":\"sc://" + R
                                        + "-connect\",\"port\":15002}");
        assertThat(servicePorts(out, R + "-connect"))
                .anyMatch(p -> p.get("port").equals(15002));
        assertThat(out.effectiveEnv(scheduler).get("AIRFLOW_CONN_SPARK_DEFAULT"))
                .contains("\"host\":\"spark://" + R + "-standalone-master:7077\"");
        assertThat(servicePorts(out, R + "-standalone-master"))
                .anyMatch(p -> p.get("port").equals(7077));
        assertThat(value(scheduler, "AIRFLOW__CORE__EXECUTION_API_SERVER_URL"))
                .isEqualTo("http://" + R + "-airflow:8080/execution/");
        assertThat(servicePorts(out, R + "-airflow"))
                .anyMatch(p -> p.get("port").equals(8080));
        assertThat(out.configData(R + "-airflow-dags", "spark_connect_example.py"))
                .contains("spark_connect_default")
                .contains("SparkSession.builder.remote");
    }

    /** Issue 13 item 8, review m5: no wiring to blocks that are not deployed, unless the user sets it. */
    @ParameterizedTest
    @MethodSource("charts")
    void noMlflowUriOrStandaloneConnectionWhenThoseBlocksAreOff(Path chart) {
        Rendered off =
                Rendered.of(chart, List.of(), fullStackWith("mlflow.enabled", "false", "standalone.enabled", "false"));
        Map<String, Object> jupyter = off.container("Deployment", R + "-jupyter", "jupyter");
        Map<String, Object> scheduler = off.container("Deployment", R + "-airflow-scheduler", "scheduler");
        assertThat(off.effectiveEnv(jupyter)).doesNotContainKey("MLFLOW_TRACKING_URI");
        assertThat(off.effectiveEnv(scheduler)).doesNotContainKeys("MLFLOW_TRACKING_URI", "AIRFLOW_CONN_SPARK_DEFAULT");
        assertThat(off.effectiveEnv(scheduler)).containsKey("AIRFLOW_CONN_SPARK_CONNECT_DEFAULT");

        Rendered explicit = Rendered.of(
                chart,
                List.of(),
                fullStackWith(
                        "mlflow.enabled",
                        "false",
                        "standalone.enabled",
                        "false",
                        "jupyter.mlflowTrackingUri",
                        "http://mlflow.ml.svc:5000",
                        "airflow.mlflowTrackingUri",
                        "http://mlflow.ml.svc:5000",
                        "airflow.connections.spark.master",
                        "spark://spark.team.svc:7077"));
        assertThat(explicit.effectiveEnv(explicit.container("Deployment", R + "-jupyter", "jupyter")))
                .containsEntry("MLFLOW_TRACKING_URI", "http://mlflow.ml.svc:5000");
        Map<String, String> tasks =
                explicit.effectiveEnv(explicit.container("Deployment", R + "-airflow-scheduler", "scheduler"));
        assertThat(tasks).containsEntry("MLFLOW_TRACKING_URI", "http://mlflow.ml.svc:5000");
        assertThat(tasks.get("AIRFLOW_CONN_SPARK_DEFAULT")).contains("\"host\":\"spark://spark.team.svc:7077\"");

        // the user's value wins over the computed one when both exist (env overrides envFrom)
        Rendered both =
                Rendered.of(chart, List.of(), fullStackWith("jupyter.mlflowTrackingUri", "http://mlflow.ml.svc:5000"));
        assertThat(both.effectiveEnv(both.container("Deployment", R + "-jupyter", "jupyter")))
                .containsEntry("MLFLOW_TRACKING_URI", "http://mlflow.ml.svc:5000");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void passwordsAndKeysStayInSecretsThatSurviveUpgrades(Path chart) {
        Rendered out = Rendered.of(chart, List.of(), FULL_STACK);
        StringBuilder outsideSecrets = new StringBuilder();
        for (Map<String, Object> object : out.objects()) {
            if (!"Secret".equals(object.get("kind"))) {
                outsideSecrets.append(object);
            }
        }
        for (String secret : List.of(R + "-postgresql", R + "-airflow", R + "-jupyter", R + "-s3")) {
            Map<String, Object> metadata = castMap(out.object("Secret", secret).get("metadata"));
            // ordinary release objects (a hook is not created when a block is enabled on upgrade, and is
            // re-created with new values on reinstall), kept on uninstall; values kept through lookup
            // (UpgradeMatrixTest)
            assertThat(castMap(metadata.get("annotations")))
                    .as(secret)
                    .doesNotContainKey("helm.sh/hook")
                    .containsEntry("helm.sh/resource-policy", "keep");
            for (Object encoded : secretData(out, secret).values()) {
                String plain = new String(Base64.getDecoder().decode(String.valueOf(encoded)), StandardCharsets.UTF_8);
                assertThat(outsideSecrets.toString())
                        .as("a value of Secret %s outside Secrets", secret)
                        .doesNotContain(plain);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    void twoFullStacksShareANamespaceWithoutANameCollision(Path chart) {
        Set<String> first = names(chart, "team-a");
        Set<String> second = names(chart, "team-b");
        assertThat(first).hasSizeGreaterThan(30);
        Set<String> both = new HashSet<>(first);
        both.retainAll(second);
        assertThat(both).as("objects both releases would create").isEmpty();
    }

    private static Set<String> names(Path chart, String release) {
        HelmCli.HelmResult result = HelmCli.helm4()
                .template(chart, release, Rendered.NAMESPACE, KubernetesVersions.HIGHEST, List.of(), FULL_STACK);
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        Set<String> out = new HashSet<>();
        for (Map<String, Object> object : Rendered.parse(result.stdout()).objects()) {
            out.add(object.get("kind") + "/" + Rendered.name(object));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
