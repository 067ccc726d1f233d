package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Map;

/**
 * JupyterLab with the Spark Connect client of the chart's Spark line (the line's pyspark-notebook image), wired
 * to the release's Connect server through {@code SPARK_CONNECT_URL} and {@code SPARK_REMOTE}.
 */
public final class JupyterBlock implements Block {

    @Override
    public String id() {
        return "jupyter";
    }

    @Override
    public String valuesKey() {
        return "jupyter";
    }

    @Override
    public String description() {
        return "JupyterLab (8888) with the line's Spark Connect client: SPARK_CONNECT_URL points at the release's "
                + "Connect server, the token comes from a Secret, the work directory can be persistent.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.workload("JupyterLab", false, profile.jupyterImage(), "250m", "2Gi"))
                .addAll(CommonValues.service("JupyterLab"))
                .addAll(CommonValues.persistence("the notebooks in /home/jovyan/work", "10Gi"))
                .add(Value.string(
                                "connectUrl",
                                "",
                                "Spark Connect URL of an external Connect server; empty means "
                                        + "the release's (sc://<release>-connect:15002).")
                        .pattern("^$|^sc://.+$")
                        .examples("sc://spark-connect.spark.svc:15002"))
                .add(Value.string(
                                "mlflowTrackingUri",
                                "",
                                "MLFLOW_TRACKING_URI of the notebooks; empty means the "
                                        + "release's MLflow (http://<release>-mlflow:5000) while mlflow is enabled, and none otherwise.")
                        .pattern("^$|^(https?|file|databricks)://.*$")
                        .examples("http://mlflow.ml.svc:5000"))
                .add(Value.stringMap(
                        "env",
                        Map.of(),
                        "Environment variables of the notebook server by name; a "
                                + "name the chart computes (SPARK_CONNECT_URL, SPARK_REMOTE, MLFLOW_TRACKING_URI, …) is "
                                + "replaced, never duplicated."))
                .add(Value.string(
                                "auth.existingSecret",
                                "",
                                "A Secret you manage holding the login token; empty "
                                        + "means the chart generates one, once, at install (kept on upgrade and uninstall).")
                        .format(ValueFormat.DNS_NAME))
                .add(Value.string("auth.tokenKey", "token", "Key of the token in the Secret.")
                        .pattern("^[-._a-zA-Z0-9]+$"))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/jupyter/";
    }

    @Override
    public List<String> templates() {
        return List.of("secret.yaml", "deployment.yaml", "service.yaml", "pvc.yaml", "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.ui("jupyter", "jupyter", 8888, "/api", "JupyterLab"));
    }

    @Override
    public List<Requirement> requires() {
        return List.of(new Requirement("spark-connect", "connectUrl", "its notebooks run Spark through Spark Connect"));
    }

    @Override
    public boolean usesS3() {
        return true;
    }
}
