package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: the application blocks start the way their images expect and accept the traffic the chart routes
 * to them (Jupyter's start hooks, MLflow behind the chart's Ingress), on both lines.
 */
class ApplicationRuntimeTest {

    private static final String R = Rendered.RELEASE;

    static List<Path> charts() {
        return Repo.charts();
    }

    private static Map<String, String> sets(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("charts")
    void jupyterStartsThroughStartShSoTheSparkHookPutsPysparkOnThePythonPath(Path chart) {
        Rendered out = Rendered.of(chart, List.of(), sets("jupyter.enabled", "true"));
        Map<String, Object> jupyter = out.container("Deployment", R + "-jupyter", "jupyter");
        // docker-stacks: ENTRYPOINT ["tini", "-g", "--", "start.sh"]; start.sh sources before-notebook.d, where
        // pyspark-notebook links 10spark-config.sh (spark-config.sh exports PYTHONPATH with $SPARK_HOME/python).
        assertThat(jupyter.get("command")).isEqualTo(List.of("tini", "-g", "--", "start.sh"));
        assertThat(((List<?>) jupyter.get("args")).subList(0, 2)).isEqualTo(List.of("jupyter", "lab"));
        Map<String, Object> pod = out.podSpec("Deployment", R + "-jupyter");
        assertThat(pod.get("securityContext").toString())
                .contains("runAsUser=1000")
                .contains("runAsNonRoot=true");
    }

    @ParameterizedTest
    @MethodSource("charts")
    void mlflowAcceptsTheHostAndOriginOfTheChartsIngress(Path chart, @TempDir Path dir) throws IOException {
        Map<String, String> stack = sets(
                "mlflow.enabled",
                "true",
                "postgresql.enabled",
                "true",
                "minio.enabled",
                "true",
                "ingress.enabled",
                "true",
                "ingress.hosts.mlflow",
                "mlflow.example.com");
        List<String> args = mlflowArgs(Rendered.of(chart, List.of(), stack), dir.resolve("with"));
        assertThat(csv(args, "--allowed-hosts")).contains("mlflow.example.com", R + "-mlflow", "localhost:5000");
        assertThat(csv(args, "--cors-allowed-origins"))
                .contains("https://mlflow.example.com", "http://mlflow.example.com");

        stack.put("ingress.enabled", "false");
        List<String> without = mlflowArgs(Rendered.of(chart, List.of(), stack), dir.resolve("without"));
        assertThat(csv(without, "--allowed-hosts"))
                .doesNotContain("mlflow.example.com")
                .contains(R + "-mlflow");
        assertThat(csv(without, "--cors-allowed-origins")).doesNotContain("https://mlflow.example.com");
    }

    @ParameterizedTest
    @MethodSource("charts")
    @SuppressWarnings("unchecked")
    void sparkSubmitToKubernetesGetsRestrictedPodTemplatesTheImageAndAServiceAccountWithRights(Path chart) {
        Path preset = chart.resolve("presets/airflow-spark-submit-k8s.yaml");
        Rendered out = Rendered.of(chart, List.of(preset), Map.of());
        Map<String, Object> scheduler = out.container("Deployment", R + "-airflow-scheduler", "scheduler");
        String confDir =
                String.valueOf(Rendered.env(scheduler).get("SPARK_CONF_DIR").get("value"));
        Map<String, Object> mount = ((List<Map<String, Object>>) scheduler.get("volumeMounts"))
                .stream()
                        .filter(m -> confDir.equals(m.get("mountPath")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("nothing mounted at SPARK_CONF_DIR " + confDir));
        Map<String, Object> volume = ((List<Map<String, Object>>)
                        out.podSpec("Deployment", R + "-airflow-scheduler").get("volumes"))
                .stream()
                        .filter(v -> mount.get("name").equals(v.get("name")))
                        .findFirst()
                        .orElseThrow();
        String configMap = String.valueOf(((Map<String, Object>) volume.get("configMap")).get("name"));
        Map<String, String> conf = out.sparkConf(configMap, "spark-defaults.conf");

        String image = String.valueOf(out.container("Deployment", R + "-airflow-scheduler", "scheduler")
                .get("image"));
        assertThat(image).startsWith("apache/airflow:");
        assertThat(conf.get("spark.kubernetes.container.image")).startsWith("apache/spark:");
        assertThat(conf).containsEntry("spark.kubernetes.namespace", Rendered.NAMESPACE);
        for (String role : List.of("driver", "executor")) {
            String file = conf.get("spark.kubernetes." + role + ".podTemplateFile");
            assertThat(file).as("%s pod template", role).startsWith(confDir + "/");
            Map<String, Object> template = (Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
                            org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromString(out.configData(configMap, file.substring(confDir.length() + 1)));
            Map<String, Object> spec = (Map<String, Object>) template.get("spec");
            Map<String, Object> pod = (Map<String, Object>) spec.get("securityContext");
            assertThat(pod).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 185);
            assertThat(pod.get("seccompProfile").toString()).contains("RuntimeDefault");
            Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).get(0);
            Map<String, Object> security = (Map<String, Object>) container.get("securityContext");
            assertThat(security).containsEntry("allowPrivilegeEscalation", false);
            assertThat(security.get("capabilities").toString()).contains("ALL");
            assertThat(spec.get("automountServiceAccountToken")).isEqualTo(role.equals("driver"));
        }
        // The driver runs under the ServiceAccount the Role binds, which may create its executor pods.
        String account = conf.get("spark.kubernetes.authenticate.driver.serviceAccountName");
        assertThat(out.has("ServiceAccount", account)).isTrue();
        Map<String, Object> binding = out.object("RoleBinding", account);
        assertThat(binding.get("subjects").toString()).contains("name=" + account);
        String role = String.valueOf(((Map<String, Object>) binding.get("roleRef")).get("name"));
        assertThat(out.object("Role", role).get("rules").toString())
                .contains("pods")
                .contains("create")
                .contains("configmaps")
                .contains("services");
        // DAG authors see the same settings in the connection's extras.
        String connection = String.valueOf(
                Rendered.env(scheduler).get("AIRFLOW_CONN_SPARK_DEFAULT").get("value"));
        for (Map.Entry<String, String> e : conf.entrySet()) {
            if (e.getKey().startsWith("spark.kubernetes.")) {
                assertThat(connection).contains("\"" + e.getKey() + "\":\"" + e.getValue() + "\"");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("charts")
    @SuppressWarnings("unchecked")
    void helmTestsProveTheStackNotOnlyThatPortsAnswer(Path chart) {
        Rendered out = Rendered.of(
                chart,
                List.of(),
                sets(
                        "connect.enabled",
                        "true",
                        "connect.eventLog.enabled",
                        "true",
                        "jupyter.enabled",
                        "true",
                        "airflow.enabled",
                        "true",
                        "mlflow.enabled",
                        "true",
                        "postgresql.enabled",
                        "true",
                        "minio.enabled",
                        "true",
                        "hiveMetastore.enabled",
                        "true"));
        Map<String, Map<String, Object>> tests = new LinkedHashMap<>();
        for (Map<String, Object> o : out.objects()) {
            Map<String, Object> metadata = (Map<String, Object>) o.get("metadata");
            Map<String, Object> annotations = (Map<String, Object>) metadata.get("annotations");
            if ("Pod".equals(o.get("kind")) && annotations != null && "test".equals(annotations.get("helm.sh/hook"))) {
                Map<String, Object> spec = (Map<String, Object>) o.get("spec");
                tests.put(Rendered.name(o), ((List<Map<String, Object>>) spec.get("containers")).get(0));
                assertThat(spec.get("securityContext").toString())
                        .as(Rendered.name(o))
                        .contains("runAsNonRoot=true");
                assertThat(spec.get("automountServiceAccountToken")).isEqualTo(false);
            }
        }
        String jupyterImage = String.valueOf(
                out.container("Deployment", R + "-jupyter", "jupyter").get("image"));

        Map<String, Object> query = tests.get(R + "-connect-test-query");
        assertThat(query).as("a Spark Connect query test in %s", tests.keySet()).isNotNull();
        assertThat(query.get("image")).isEqualTo(jupyterImage);
        assertThat(query.get("command").toString()).contains("start.sh");
        assertThat(String.valueOf(((List<?>) query.get("args")).get(0)))
                .contains("builder.remote")
                .contains("range(10).count()")
                .contains(".parquet(path)")
                .contains("CREATE TABLE")
                .contains("SELECT count(*)");
        // spark-4.1: the token over TLS (connect.auth; ConnectAuthTest checks its Secret, CA and order)
        assertThat(Rendered.env(query).get("SPARK_REMOTE").get("value"))
                .isEqualTo("sc://" + R + "-connect:15002"
                        + (chart.endsWith("spark-4.1")
                                ? "/;use_ssl=true;token=$(SPARK_CONNECT_AUTHENTICATE_TOKEN)"
                                : ""));

        Map<String, Object> kernel = tests.get(R + "-jupyter-test-kernel");
        assertThat(kernel).isNotNull();
        assertThat(String.valueOf(((List<?>) kernel.get("args")).get(0)))
                .contains("/api/kernels")
                .contains("execute_request")
                .contains("import os, pyspark");
        assertThat(Rendered.env(kernel).get("JUPYTER_TOKEN").toString()).contains("secretKeyRef");

        Map<String, Object> run = tests.get(R + "-mlflow-test-run");
        assertThat(run).isNotNull();
        assertThat(String.valueOf(((List<?>) run.get("args")).get(0)))
                .contains("mlflow.start_run()")
                .contains("log_metric")
                .contains("list_artifacts");

        Map<String, Object> dags = tests.get(R + "-airflow-test-dags");
        assertThat(dags).isNotNull();
        assertThat(String.valueOf(((List<?>) dags.get("args")).get(0)))
                .contains("DagBag")
                .contains("import_errors");
        assertThat(Rendered.env(dags).get("EXPECTED_DAG").get("value")).isEqualTo("spark_connect_example");
        assertThat(dags.get("image"))
                .isEqualTo(out.container("Deployment", R + "-airflow-scheduler", "scheduler")
                        .get("image"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    @SuppressWarnings("unchecked")
    void executorsHaveAWritableHomeForPythonUdfLibraries(Path chart) {
        Rendered out = Rendered.of(chart, List.of(), sets("connect.enabled", "true"));
        Map<String, Object> template = (Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
                        org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(out.configData(R + "-connect", "executor-pod-template.yaml"));
        Map<String, Object> spec = (Map<String, Object>) template.get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).get(0);
        assertThat(Rendered.env(container).get("HOME"))
                .as("HOME of the executor template")
                .containsEntry("value", "/tmp");
        assertThat(container.get("volumeMounts").toString()).contains("mountPath=/tmp");
    }

    /** The arguments `mlflow server` gets when the container's script runs. */
    private static List<String> mlflowArgs(Rendered out, Path dir) throws IOException {
        Files.createDirectories(dir);
        ContainerScript.Run run = ContainerScript.of(out, out.container("Deployment", R + "-mlflow", "mlflow"))
                .stub("python", "echo postgresql+psycopg2://u:p@h/db")
                .stub("mlflow", "for a in \"$@\"; do echo \"$a\"; done > \"$STUB_DIR/mlflow.args\"")
                .run(dir);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return Files.readAllLines(dir.resolve("mlflow.args"));
    }

    private static List<String> csv(List<String> args, String option) {
        int at = args.indexOf(option);
        assertThat(at).as("%s in %s", option, args).isNotNegative();
        return Arrays.asList(args.get(at + 1).split(","));
    }
}
