package io.sparkk8s.blocks;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import java.util.List;

/**
 * The composition rules of a block that keeps its data in PostgreSQL: the bundled postgresql block's
 * database, or an external one given by a host or URL value. Hive Metastore, Airflow and MLflow share them.
 */
final class DatabaseRules {

    private DatabaseRules() {
    }

    /**
     * The rules of one database consumer.
     *
     * @param id the block id, prefix of the rule ids
     * @param key the block's values key
     * @param database the consumer's database in the bundled PostgreSQL (also its user and Secret key prefix)
     * @param external the value (below the key) that points at an external database, e.g. database.host
     * @param uses what the block keeps there, for messages, e.g. "its schema"
     */
    static List<Rule> of(String id, String key, String database, String external, String uses) {
        String externalPath = key + "." + external;
        String secret = key + ".database.existingSecret";
        return List.of(
                new Rule(id + "-external-database-needs-secret",
                        Condition.all(Condition.enabled(key), Condition.present(externalPath)),
                        Condition.all(Condition.present(secret), Condition.present(key + ".database.passwordKey")),
                        externalPath + " needs the password's Secret: set " + secret + " and " + key
                                + ".database.passwordKey"),
                new Rule(id + "-bundled-database-secret",
                        Condition.all(Condition.enabled(key), Condition.not(Condition.present(externalPath)),
                                Condition.present("postgresql.auth.existingSecret")),
                        Condition.present(secret),
                        "postgresql.auth.existingSecret is set, so the chart generates no PostgreSQL Secret: set "
                                + secret + " to the same Secret"),
                new Rule(id + "-bundled-database-listed",
                        Condition.all(Condition.enabled(key), Condition.enabled("postgresql"),
                                Condition.not(Condition.present(externalPath))),
                        Condition.contains("postgresql.databases", database),
                        key + " keeps " + uses + " in the bundled PostgreSQL, which creates only the databases "
                                + "it lists: add " + database + " to postgresql.databases"));
    }
}
