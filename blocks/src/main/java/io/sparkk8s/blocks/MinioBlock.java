package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bundled S3 store for development and tests (values key {@code minio}, kept for existing values files): the
 * Versity S3 Gateway over a volume, the release's S3 endpoint when global.s3.endpoint is empty.
 */
public final class MinioBlock implements Block {

    /** Versity S3 Gateway: Apache-2.0, released monthly; why and sources in the chart's image catalogue. */
    static final SparkProfile.Image IMAGE = new SparkProfile.Image("versity/versitygw", "v1.7.0");

    @Override
    public String id() {
        return "minio";
    }

    @Override
    public String valuesKey() {
        return "minio";
    }

    @Override
    public String description() {
        return "Bundled S3 store (Versity S3 Gateway; the key keeps its MinIO name): S3 API 9000, WebUI 9001, "
                + "persistence, credentials from the shared S3 Secret and a Job that creates the buckets and "
                + "prefixes the other blocks use.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.workload("the bundled S3 store (Versity S3 Gateway)", false, IMAGE, "250m", "1Gi"))
                .addAll(CommonValues.service("the bundled S3 store"))
                .addAll(CommonValues.persistence("the bundled S3 store", "10Gi"))
                .add(Value.stringList(
                        "buckets",
                        List.of(
                                CommonValues.EVENT_LOG_DIR.substring("s3a://".length()),
                                CommonValues.WAREHOUSE_DIR.substring("s3a://".length()),
                                "mlflow/artifacts"),
                        "Buckets (and prefixes, as bucket/prefix) the setup Job creates; the defaults are the "
                                + "chart's event-log, warehouse and MLflow locations."))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/minio/";
    }

    @Override
    public List<String> templates() {
        return List.of("deployment.yaml", "service.yaml", "pvc.yaml", "buckets-job.yaml", "tests/test.yaml");
    }

    private static final Endpoint S3_API = Endpoint.api("minio", "minio", 9000, "http", "S3 API (Versity S3 Gateway)");

    @Override
    public List<Endpoint> endpoints() {
        return List.of(S3_API, Endpoint.ui("minioConsole", "minio", 9001, "/", "S3 WebUI (Versity S3 Gateway)"));
    }

    @Override
    public Set<String> provides() {
        return Set.of(S3);
    }

    @Override
    public Optional<Endpoint> s3Endpoint() {
        return Optional.of(S3_API);
    }
}
