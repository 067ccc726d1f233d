package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Set;

/** In-cluster MinIO for development and tests: the release's S3 store when global.s3.endpoint is empty. */
public final class MinioBlock implements Block {

    static final SparkProfile.Image IMAGE = new SparkProfile.Image("quay.io/minio/minio",
            "RELEASE.2025-09-07T16-13-09Z");

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
        return "MinIO (S3 API 9000, console 9001) with persistence, credentials from the shared S3 Secret and "
                + "a Job that creates the buckets and prefixes the other blocks use.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .addAll(CommonValues.workload("MinIO", false, IMAGE, "250m", "1Gi"))
                .addAll(CommonValues.service("MinIO"))
                .add(Value.bool("persistence.enabled", true, "Keep MinIO's data on a PersistentVolumeClaim; off "
                        + "means an emptyDir that is lost with the pod."))
                .add(Value.quantity("persistence.size", "10Gi", "Size of the data volume."))
                .add(Value.string("persistence.storageClass", "", "StorageClass of the data volume; empty "
                        + "means the cluster default.").pattern(CommonValues.NAME_PATTERN))
                .add(Value.stringList("buckets", List.of(
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

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.api("minio", "minio", 9000, "http", "MinIO S3 API"),
                Endpoint.ui("minioConsole", "minio", 9001, "/", "MinIO console"));
    }

    @Override
    public Set<String> provides() {
        return Set.of("s3");
    }
}
