package io.sparkk8s.blocks;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import java.util.List;

/**
 * A block that keeps its data in PostgreSQL: the bundled postgresql block's database, or an external one
 * given by a host or URL value. Hive Metastore, Airflow and MLflow share its values and composition rules.
 */
final class DatabaseConsumer {

    private DatabaseConsumer() {}

    /**
     * database.host and database.name: an external server by host, or the bundled Service.
     *
     * @param database the consumer's database in the bundled PostgreSQL
     * @param what what the database holds, for descriptions, e.g. "the Airflow metadata"
     */
    static List<Value> hostValues(String database, String what) {
        return List.of(
                Value.string(
                                "database.host",
                                "",
                                "Host (and :port) of an external PostgreSQL server; empty "
                                        + "means the postgresql block's Service.")
                        .pattern("^$|^[a-zA-Z0-9.-]+(:[0-9]+)?$")
                        .examples("db.example.com:5432"),
                Value.string("database.name", database, "Database of " + what + ".")
                        .pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
                        .maxLength(63));
    }

    /**
     * database.user, database.existingSecret and database.passwordKey, defaulting to the bundled database's.
     *
     * @param database the consumer's database (and user) in the bundled PostgreSQL
     * @param who who connects, for descriptions, e.g. "Airflow"
     * @param external the value (below the key) that points at an external database
     */
    static List<Value> credentialValues(String database, String who, String external) {
        return List.of(
                Value.string("database.user", database, "Database user of " + who + "."),
                Value.string(
                                "database.existingSecret",
                                "",
                                "Secret with the database password; empty means "
                                        + "the postgresql block's Secret (<release>-postgresql). Required with "
                                        + external + ".")
                        .format(ValueFormat.DNS_NAME),
                Value.string(
                                "database.passwordKey",
                                "",
                                "Key of the password in the Secret; empty means "
                                        + PostgresqlBlock.passwordKey(database) + " (the postgresql block's key).")
                        .examples("password"));
    }

    /**
     * The composition rules of one database consumer.
     *
     * @param id the block id, prefix of the rule ids
     * @param key the block's values key
     * @param database the consumer's database in the bundled PostgreSQL (also its user and Secret key prefix)
     * @param external the value (below the key) that points at an external database, e.g. database.host
     * @param uses what the block keeps there, for messages, e.g. "its schema"
     */
    static List<Rule> rules(String id, String key, String database, String external, String uses) {
        String externalPath = key + "." + external;
        String secret = key + ".database.existingSecret";
        return List.of(
                new Rule(
                        id + "-external-database-needs-secret",
                        Condition.all(Condition.enabled(key), Condition.present(externalPath)),
                        Condition.all(Condition.present(secret), Condition.present(key + ".database.passwordKey")),
                        "{" + externalPath + "} needs a Secret with the password: set {" + secret + "} and {" + key
                                + ".database.passwordKey}"),
                new Rule(
                        id + "-password-key-needs-secret",
                        Condition.all(Condition.enabled(key), Condition.present(key + ".database.passwordKey")),
                        Condition.present(secret),
                        "{" + key + ".database.passwordKey} names a key of your own Secret: set {" + secret
                                + "} (the PostgreSQL Secret of the chart keeps the password under "
                                + PostgresqlBlock.passwordKey(database) + ")"),
                new Rule(
                        id + "-bundled-database-secret",
                        Condition.all(
                                Condition.enabled(key),
                                Condition.not(Condition.present(externalPath)),
                                Condition.present("postgresql.auth.existingSecret")),
                        Condition.present(secret),
                        "{postgresql.auth.existingSecret} is set, so the chart generates no PostgreSQL Secret: set {"
                                + secret + "} to the same Secret"),
                new Rule(
                        id + "-bundled-database-listed",
                        Condition.all(
                                Condition.enabled(key),
                                Condition.enabled("postgresql"),
                                Condition.not(Condition.present(externalPath))),
                        Condition.contains("postgresql.databases", database),
                        key + " keeps " + uses + " in the bundled PostgreSQL, which creates only the databases "
                                + "it lists: add " + database + " to {postgresql.databases}"));
    }
}
