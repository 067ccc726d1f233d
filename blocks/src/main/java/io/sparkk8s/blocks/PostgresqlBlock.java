package io.sparkk8s.blocks;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Set;

/**
 * One PostgreSQL instance serving every block that keeps state in a database (Hive Metastore, Airflow,
 * MLflow): one database and one user per consumer, created on the first start, passwords in a Secret.
 */
public final class PostgresqlBlock implements Block {

    static final SparkProfile.Image IMAGE = new SparkProfile.Image("postgres", "17.9");

    /** The databases the chart's consumers use; each is also the user name and the Secret key prefix. */
    static final List<String> DATABASES = List.of("hive", "airflow", "mlflow");

    /** The Secret key that holds a consumer's password. */
    static String passwordKey(String database) {
        return database + "-password";
    }

    @Override
    public String id() {
        return "postgresql";
    }

    @Override
    public String valuesKey() {
        return "postgresql";
    }

    @Override
    public String description() {
        return "PostgreSQL (5432) shared by the blocks that need a database: one database and user per "
                + "consumer, created on first start, passwords in a Secret.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return ValuesModel.builder()
                .image("image")
                .addAll(CommonValues.workload("PostgreSQL", false, IMAGE, "250m", "512Mi"))
                .addAll(CommonValues.service("PostgreSQL"))
                .addAll(CommonValues.persistence("PostgreSQL", "8Gi"))
                .add(Value.stringList(
                                "databases",
                                DATABASES,
                                "Databases created on the first start, each with "
                                        + "a user of the same name whose password is the Secret key <name>-password. The "
                                        + "defaults are the databases of hive-metastore, airflow and mlflow; the list is read "
                                        + "only when the data volume is empty.")
                        .pattern("^[a-z][a-z0-9_]*$")
                        .maxLength(63))
                .add(Value.string(
                                "auth.existingSecret",
                                "",
                                "A Secret you manage with the keys "
                                        + "postgres-password and <database>-password; empty means the chart generates one, once, "
                                        + "at install (kept on upgrade and uninstall).")
                        .format(ValueFormat.DNS_NAME)
                        .examples("spark-postgresql-credentials"))
                .build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/blocks/postgresql/";
    }

    @Override
    public List<String> templates() {
        return List.of(
                "secret.yaml", "configmap.yaml", "deployment.yaml", "service.yaml", "pvc.yaml", "tests/test.yaml");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.api("postgresql", "postgresql", 5432, "tcp", "PostgreSQL"));
    }

    @Override
    public Set<String> provides() {
        return Set.of("postgresql");
    }
}
