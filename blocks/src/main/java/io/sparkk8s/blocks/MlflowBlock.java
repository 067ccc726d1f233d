package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;

/**
 * The MLflow tracking server: runs and models in the postgresql block's database {@code mlflow} (or an external
 * one), artifacts on the shared S3 store. The {@code -full} image is used because the plain one lacks psycopg2
 * and boto3.
 */
public final class MlflowBlock implements Block {

    static final SparkProfile.Image IMAGE = new SparkProfile.Image("ghcr.io/mlflow/mlflow", "v3.10.1-full");

    @Override
    public String id() {
        return "mlflow";
    }

    @Override
    public String valuesKey() {
        return "mlflow";
    }

    @Override
    public String description() {
        return "MLflow tracking server (5000) with PostgreSQL as backend store and the shared S3 store for "
                + "artifacts; Jupyter and Airflow get its URI as MLFLOW_TRACKING_URI.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.workload("the MLflow tracking server", false, IMAGE, "250m", "1Gi"))
                .addAll(CommonValues.service("the MLflow tracking server"))
                .add(Value.integer("workers", 2, "Worker processes of the tracking server.")
                        .range(1, 32))
                .add(Value.string(
                                "artifactRoot",
                                "s3://mlflow/artifacts",
                                "Where artifacts go on the shared S3 "
                                        + "store (global.s3); the bucket and prefix are created before the server starts.")
                        .pattern("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$"))
                .add(Value.bool(
                        "serveArtifacts",
                        true,
                        "Proxy artifact uploads and downloads through the server "
                                + "(--serve-artifacts), so clients need no S3 credentials; off means clients write to "
                                + "artifactRoot themselves."))
                .add(Value.stringList(
                                "allowedHosts",
                                List.of(),
                                "Extra Host header values the server accepts "
                                        + "(e.g. the Ingress host); the Service's in-cluster names and localhost are always allowed.")
                        .examples(List.of("mlflow.example.com")))
                .addAll(DatabaseConsumer.hostValues("mlflow", "the backend store"))
                .addAll(DatabaseConsumer.credentialValues("mlflow", "the backend store", "database.host"))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/mlflow/";
    }

    @Override
    public List<String> templates() {
        return List.of("deployment.yaml", "service.yaml", "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.ui("mlflow", "mlflow", 5000, "/health", "MLflow tracking server"));
    }

    @Override
    public java.util.Set<String> provides() {
        return java.util.Set.of("mlflow");
    }

    @Override
    public List<Requirement> requires() {
        return List.of(
                new Requirement("postgresql", "database.host", "its backend store is PostgreSQL"),
                new Requirement(S3, "global.s3.endpoint", "its artifacts are on S3"));
    }

    @Override
    public List<Rule> rules() {
        return DatabaseConsumer.rules("mlflow", "mlflow", "mlflow", "database.host", "its backend store");
    }
}
