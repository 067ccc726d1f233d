package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import io.sparkk8s.api.ValuesModel;
import java.util.List;

/**
 * Airflow 3 with the LocalExecutor: API server, scheduler and DAG processor on the postgresql block's database
 * {@code airflow} (or an external one), the schema migrated by a Job, keys and the admin password in a Secret
 * created once, and Spark connections to the release's Connect server and standalone master.
 */
public final class AirflowBlock implements Block {

    @Override
    public String id() {
        return "airflow";
    }

    @Override
    public String valuesKey() {
        return "airflow";
    }

    @Override
    public String description() {
        return "Airflow 3 (API server 8080, scheduler, DAG processor; LocalExecutor) on PostgreSQL, with Spark "
                + "connections to the release's Connect server and standalone master and DAGs from a ConfigMap.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        List<Value> workload = CommonValues.workload("Airflow", false, profile.airflowImage(), "250m", "1Gi").stream()
                .filter(v -> !v.path().startsWith("resources."))
                .toList();
        return ValuesModel.builder()
                .image("image")
                .addAll(workload)
                .addAll(CommonValues.resources(
                        "apiServer.resources", "the Airflow API server (and the migration " + "Job)", "250m", "1Gi"))
                .add(Value.integer("apiServer.replicas", 1, "Number of API servers.")
                        .range(0, 10))
                .addAll(CommonValues.resources(
                        "scheduler.resources",
                        "the Airflow scheduler (LocalExecutor: " + "tasks run in its pod)",
                        "500m",
                        "2Gi"))
                .addAll(CommonValues.resources("dagProcessor.resources", "the Airflow DAG processor", "250m", "1Gi"))
                .addAll(CommonValues.service("the Airflow API server"))
                .addAll(DatabaseConsumer.hostValues("airflow", "the Airflow metadata"))
                .addAll(DatabaseConsumer.credentialValues("airflow", "Airflow", "database.host"))
                .add(Value.string("auth.adminUser", "admin", "Name of the admin user (SimpleAuthManager).")
                        .pattern("^[a-zA-Z0-9_.-]+$"))
                .add(Value.string(
                                "auth.existingSecret",
                                "",
                                "A Secret you manage with the keys fernet-key, "
                                        + "api-secret-key, jwt-secret and admin-password; empty means the chart generates one, once, "
                                        + "at install (kept on upgrade and uninstall).")
                        .format(ValueFormat.DNS_NAME))
                .add(Value.string(
                                "connections.sparkConnect.host",
                                "",
                                "Host of the spark_connect_default "
                                        + "connection, with its sc:// scheme; empty means the release's Connect server "
                                        + "(sc://<release>-connect).")
                        .pattern("^$|^sc://[^:/]+$")
                        .examples("sc://spark-connect.spark"))
                .add(Value.integer(
                                "connections.sparkConnect.port",
                                15002,
                                "Port of the spark_connect_default " + "connection.")
                        .range(1, 65535))
                .add(Value.string(
                                "connections.spark.master",
                                "",
                                "Master URL of the spark_default connection "
                                        + "(SparkSubmitOperator); empty means the release's standalone master "
                                        + "(spark://<release>-standalone-master:7077) while standalone is enabled, and no "
                                        + "spark_default connection otherwise.")
                        .pattern("^$|^(spark|k8s)://.+$|^(local|yarn)(\\[.+])?$")
                        .examples("k8s://https://kubernetes.default.svc:443"))
                .add(Value.string(
                                "connections.spark.deployMode",
                                "client",
                                "Deploy mode of the spark_default "
                                        + "connection; cluster runs the driver as a pod (k8s:// masters).")
                        .allowed("client", "cluster"))
                .add(Value.bool(
                        "dags.example",
                        true,
                        "Ship the example DAG spark_connect_example, which runs a "
                                + "Spark job through the spark_connect_default connection."))
                .add(Value.string(
                                "dags.existingConfigMap",
                                "",
                                "A ConfigMap you manage whose files are the DAGs; "
                                        + "empty means the chart's ConfigMap (the example DAG). More DAG volumes can be mounted "
                                        + "below /opt/airflow/dags with extraVolumes and extraVolumeMounts.")
                        .format(ValueFormat.DNS_NAME))
                .add(Value.string(
                                "mlflowTrackingUri",
                                "",
                                "MLFLOW_TRACKING_URI of the tasks; empty means the "
                                        + "release's MLflow (http://<release>-mlflow:5000) while mlflow is enabled, and none otherwise.")
                        .pattern("^$|^(https?|file|databricks)://.*$"))
                .add(Value.bool(
                        "rbac.create",
                        false,
                        "Create a ServiceAccount, Role and RoleBinding that let the "
                                + "scheduler's spark-submit create driver and executor pods (spark_default on a k8s:// "
                                + "master); the scheduler then mounts its token."))
                .add(Value.bool(
                        "rbac.sparkApplications",
                        false,
                        "With rbac.create: also let the tasks create, watch and delete Spark Operator "
                                + "SparkApplications (sparkoperator.k8s.io; SparkKubernetesOperator); their drivers "
                                + "run as the jobs block's ServiceAccount (jobs.enabled)."))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/airflow/";
    }

    @Override
    public List<String> templates() {
        return List.of(
                "_airflow.tpl",
                "secret.yaml",
                "configmap.yaml",
                "rbac.yaml",
                "migrate-job.yaml",
                "api-server.yaml",
                "scheduler.yaml",
                "dag-processor.yaml",
                "service.yaml",
                "spark-submit.yaml",
                "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.ui("airflow", "airflow", 8080, "/api/v2/monitor/health", "Airflow UI and API"));
    }

    @Override
    public List<Requirement> requires() {
        return List.of(new Requirement("postgresql", "database.host", "it keeps its metadata in PostgreSQL"));
    }

    @Override
    public List<Rule> rules() {
        return DatabaseConsumer.rules("airflow", "airflow", "airflow", "database.host", "its metadata");
    }
}
