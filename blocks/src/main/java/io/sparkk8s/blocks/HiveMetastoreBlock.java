package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkConfContribution;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Set;

/**
 * A standalone Hive Metastore on PostgreSQL with its warehouse on S3. The PostgreSQL JDBC driver, which the
 * Hive image lacks, is copied by an init container from a pinned Flyway image that ships it.
 */
public final class HiveMetastoreBlock implements Block {

    /**
     * 4.0.0, not 4.1.0: Hive removed the thrift call {@code get_table} in 4.0.1 (HIVE-26537) and Spark's built-in
     * Hive client (2.3.x on both lines) looks tables up with it ("Invalid method name: 'get_table'"). The
     * runtime tier runs this metastore version with Spark (ConnectStackRuntimeTest).
     */
    static final SparkProfile.Image IMAGE = new SparkProfile.Image("apache/hive", "4.0.0");

    static final SparkProfile.Image JDBC_DRIVER_IMAGE = new SparkProfile.Image("redgate/flyway", "13.5.0");

    @Override
    public String id() {
        return "hive-metastore";
    }

    @Override
    public String valuesKey() {
        return "hiveMetastore";
    }

    @Override
    public String description() {
        return "Hive Metastore (thrift 9083) on PostgreSQL with the warehouse on S3; its schema is "
                + "initialised once by a Job, and Spark blocks get spark.hive.metastore.uris.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.workload("the Hive Metastore", false, IMAGE, "250m", "1536Mi"))
                .image("jdbcDriverImage")
                .addAll(CommonValues.image(
                        "jdbcDriverImage",
                        "the image the PostgreSQL JDBC driver is copied "
                                + "from (an init container copies /flyway/drivers/postgresql-*.jar)",
                        JDBC_DRIVER_IMAGE))
                .addAll(CommonValues.service("the Hive Metastore"))
                .add(Value.integer(
                                "replicas", 1, "Number of metastore servers (stateless; they share the " + "database).")
                        .range(0, 10))
                .add(Value.string("heapSize", "1g", "Heap of the metastore JVM (-Xmx).")
                        .pattern(ConnectBlock.MEMORY))
                .add(Value.string(
                                "warehouseDir",
                                CommonValues.WAREHOUSE_DIR,
                                "Default location of managed "
                                        + "tables; Spark blocks get it as spark.sql.warehouse.dir.")
                        .pattern("^[a-z0-9]+://.+$")
                        .sparkConf("spark.sql.warehouse.dir"))
                .add(Value.string(
                                "database.jdbcUrl",
                                "",
                                "JDBC URL of an external PostgreSQL database; empty "
                                        + "means the postgresql block's database \"hive\".")
                        .pattern("^$|^jdbc:postgresql://.+$")
                        .examples("jdbc:postgresql://db.example.com:5432/hive"))
                .addAll(DatabaseConsumer.credentialValues("hive", "the metastore", "database.jdbcUrl"))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/hivemetastore/";
    }

    @Override
    public List<String> templates() {
        return List.of(
                "_hive-metastore.tpl",
                "configmap.yaml",
                "schema-job.yaml",
                "deployment.yaml",
                "service.yaml",
                "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.api("hiveMetastore", "hive-metastore", 9083, "thrift", "Hive Metastore (thrift)"));
    }

    @Override
    public Set<String> provides() {
        return Set.of("hive-metastore");
    }

    @Override
    public List<Requirement> requires() {
        return List.of(
                new Requirement("postgresql", "database.jdbcUrl", "it keeps its schema in PostgreSQL"),
                new Requirement(S3, "global.s3.endpoint", "its warehouse is on S3"));
    }

    @Override
    public List<Rule> rules() {
        return DatabaseConsumer.rules("hive", "hiveMetastore", "hive", "database.jdbcUrl", "its schema");
    }

    @Override
    public List<SparkConfContribution> sparkConf() {
        return List.of(
                new SparkConfContribution("spark.sql.catalogImplementation", "hive"),
                new SparkConfContribution(
                        "spark.hive.metastore.uris",
                        "thrift://{{ include \"sparkk8s.fullname\" (dict \"context\" $ \"component\" \"hive-metastore\") }}:9083"),
                new SparkConfContribution("spark.sql.warehouse.dir", "{{ .Values.hiveMetastore.warehouseDir }}"));
    }
}
