package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §7: each composition rule rejects a values file that breaks it — in the engine (`validate`, with the
 * rule's message), and in Helm on both committed charts (schema {@code if}/{@code then} or template
 * {@code fail}), naming the key to fix.
 */
class CompositionRulesTest {

    private static final Generator GENERATOR = Generator.discover(GenerationListener.SILENT);

    @TempDir
    static Path dir;

    /**
     * One broken composition.
     *
     * @param rule the rule id
     * @param values the values file
     * @param engineMessage what the engine's message must say
     * @param helmMessage what Helm's error must say (a key path or the rule's message)
     */
    record Broken(String rule, String values, String engineMessage, String helmMessage) {}

    static final List<Broken> CASES = List.of(
            new Broken(
                    "connect-standalone-needs-master",
                    "connect: {enabled: true, backendMode: standalone}\n",
                    "connect.backendMode standalone needs a master: set standalone.enabled=true or "
                            + "connect.standalone.masterUrl",
                    "standalone/enabled"),
            new Broken(
                    "connect-needs-s3",
                    "connect: {enabled: true, eventLog: {enabled: true}}\n",
                    "connect needs s3 (its event logs go to S3)",
                    "minio/enabled"),
            new Broken(
                    "history-server-needs-s3",
                    "historyServer: {enabled: true}\n",
                    "historyServer needs s3 (it reads event logs from S3)",
                    "minio/enabled"),
            new Broken(
                    "hive-metastore-needs-postgresql",
                    "hiveMetastore: {enabled: true}\nminio: {enabled: true}\n",
                    "hiveMetastore needs postgresql (it keeps its schema in PostgreSQL)",
                    "postgresql/enabled"),
            new Broken(
                    "hive-metastore-needs-s3",
                    "hiveMetastore: {enabled: true}\npostgresql: {enabled: true}\n",
                    "hiveMetastore needs s3 (its warehouse is on S3)",
                    "minio/enabled"),
            new Broken(
                    "hive-external-database-needs-secret",
                    "hiveMetastore: {enabled: true, database: {jdbcUrl: 'jdbc:postgresql://db:5432/hive'}}\n"
                            + "minio: {enabled: true}\n",
                    "hiveMetastore.database.jdbcUrl needs a Secret with the password",
                    "database/existingSecret"),
            new Broken(
                    "jupyter-needs-spark-connect",
                    "jupyter: {enabled: true}\nconnect: {enabled: false}\n",
                    "jupyter needs spark-connect (its notebooks run Spark through Spark Connect): set "
                            + "connect.enabled=true, or set jupyter.connectUrl",
                    "connect/enabled"),
            new Broken(
                    "airflow-needs-postgresql",
                    "airflow: {enabled: true}\n",
                    "airflow needs postgresql (it keeps its metadata in PostgreSQL)",
                    "postgresql/enabled"),
            new Broken(
                    "airflow-external-database-needs-secret",
                    "airflow: {enabled: true, database: {host: 'db.example.com:5432'}}\n",
                    "airflow.database.host needs a Secret with the password",
                    "database/existingSecret"),
            new Broken(
                    "mlflow-needs-postgresql",
                    "mlflow: {enabled: true}\nminio: {enabled: true}\n",
                    "mlflow needs postgresql (its backend store is PostgreSQL)",
                    "postgresql/enabled"),
            new Broken(
                    "mlflow-needs-s3",
                    "mlflow: {enabled: true}\npostgresql: {enabled: true}\n",
                    "mlflow needs s3 (its artifacts are on S3)",
                    "minio/enabled"),
            new Broken(
                    "mlflow-external-database-needs-secret",
                    "mlflow: {enabled: true, database: {host: 'db.example.com:5432'}}\nminio: {enabled: true}\n",
                    "mlflow.database.host needs a Secret with the password",
                    "database/existingSecret"),
            new Broken(
                    "hive-password-key-needs-secret",
                    "hiveMetastore: {enabled: true, database: {passwordKey: pw}}\npostgresql: {enabled: true}\n"
                            + "minio: {enabled: true}\n",
                    "hiveMetastore.database.passwordKey names a key of your own Secret",
                    "database/existingSecret"),
            new Broken(
                    "airflow-password-key-needs-secret",
                    "airflow: {enabled: true, database: {passwordKey: pw}}\npostgresql: {enabled: true}\n",
                    "airflow.database.passwordKey names a key of your own Secret",
                    "database/existingSecret"),
            new Broken(
                    "mlflow-password-key-needs-secret",
                    "mlflow: {enabled: true, database: {passwordKey: pw}}\npostgresql: {enabled: true}\n"
                            + "minio: {enabled: true}\n",
                    "mlflow.database.passwordKey names a key of your own Secret",
                    "database/existingSecret"),
            new Broken(
                    "hive-bundled-database-secret",
                    "hiveMetastore: {enabled: true}\npostgresql: {enabled: true, auth: {existingSecret: pg-creds}}\n"
                            + "minio: {enabled: true}\n",
                    "set hiveMetastore.database.existingSecret to the same Secret",
                    "database/existingSecret"),
            new Broken(
                    "hive-bundled-database-listed",
                    "hiveMetastore: {enabled: true}\npostgresql: {enabled: true, databases: [airflow]}\n"
                            + "minio: {enabled: true}\n",
                    "add hive to postgresql.databases",
                    "postgresql/databases"),
            new Broken(
                    "airflow-bundled-database-secret",
                    "airflow: {enabled: true}\npostgresql: {enabled: true, auth: {existingSecret: pg-creds}}\n",
                    "set airflow.database.existingSecret to the same Secret",
                    "database/existingSecret"),
            new Broken(
                    "airflow-bundled-database-listed",
                    "airflow: {enabled: true}\npostgresql: {enabled: true, databases: [hive]}\n",
                    "add airflow to postgresql.databases",
                    "postgresql/databases"),
            new Broken(
                    "mlflow-bundled-database-secret",
                    "mlflow: {enabled: true}\npostgresql: {enabled: true, auth: {existingSecret: pg-creds}}\nminio: {enabled: true}\n",
                    "set mlflow.database.existingSecret to the same Secret",
                    "database/existingSecret"),
            new Broken(
                    "mlflow-bundled-database-listed",
                    "mlflow: {enabled: true}\npostgresql: {enabled: true, databases: [hive]}\nminio: {enabled: true}\n",
                    "add mlflow to postgresql.databases",
                    "postgresql/databases"),
            new Broken(
                    "s3-credentials-for-external-endpoint",
                    "global: {s3: {endpoint: 'https://s3.example.com'}}\n",
                    "an external global.s3.endpoint needs credentials",
                    "global/s3/accessKey"),
            // Spark 3.4 is neither line: the same file breaks the minor rules of both charts
            new Broken(
                    "spark-minor-of-the-line",
                    "global: {spark: {image: {tag: 3.4.4-scala2.12-java11-python3-ubuntu}}}\n",
                    "global.spark.image.tag must be a Spark ",
                    "global/spark/image/tag"),
            new Broken(
                    "connect-spark-minor",
                    "connect: {enabled: true, image: {tag: 3.4.4-scala2.12-java11-python3-ubuntu}}\n",
                    "connect.image.tag runs another Spark minor than the release",
                    "connect/image/tag"),
            new Broken(
                    "history-server-spark-minor",
                    "historyServer: {enabled: true, image: {tag: 3.4.4}}\nminio: {enabled: true}\n",
                    "historyServer.image.tag runs another Spark minor",
                    "historyServer/image/tag"),
            new Broken(
                    "standalone-spark-minor",
                    "standalone: {enabled: true, image: {tag: 3.4.4}}\n",
                    "standalone.image.tag runs another Spark minor",
                    "standalone/image/tag"),
            new Broken(
                    "connect-scratch-needs-size",
                    "connect: {enabled: true, executor: {scratch: {type: tmpfs}}}\n",
                    "connect.executor.scratch.type tmpfs or pvc needs a size: set connect.executor.scratch.sizeLimit",
                    "connect/executor/scratch/sizeLimit"),
            new Broken(
                    "monitoring-podMonitor-needs-metrics",
                    "monitoring: {podMonitor: {enabled: true}}\n",
                    "monitoring.podMonitor.enabled needs monitoring.enabled",
                    "monitoring/enabled"),
            new Broken(
                    "monitoring-prometheusRule-needs-metrics",
                    "monitoring: {prometheusRule: {enabled: true}}\n",
                    "monitoring.prometheusRule.enabled needs monitoring.enabled",
                    "monitoring/enabled"),
            new Broken(
                    "monitoring-dashboards-needs-metrics",
                    "monitoring: {dashboards: {enabled: true}}\n",
                    "monitoring.dashboards.enabled needs monitoring.enabled",
                    "monitoring/enabled"),
            new Broken(
                    "monitoring-annotations-needs-metrics",
                    "global: {monitoring: {annotations: true}}\n",
                    "global.monitoring.annotations needs monitoring.enabled",
                    "monitoring/enabled"),
            new Broken(
                    "jupyter-client-spark-minor",
                    "jupyter: {enabled: true, image: {tag: spark-3.4.1}}\n",
                    "jupyter.image.tag carries a Spark Connect client of another minor",
                    "jupyter/image/tag"),
            new Broken(
                    "jobs-spark-minor",
                    "jobs: {enabled: true, image: {tag: 3.4.4}}\n",
                    "jobs.image.tag runs another Spark minor",
                    "jobs/image/tag"),
            // the rules of one entry of jobs.apps (the entry model's rules), named by the entry
            new Broken(
                    "job-source",
                    "jobs: {enabled: true, apps: {bad: {schedule: '@daily'}}}\n",
                    "an application needs a source: set jobs.apps.<name>.mainApplicationFile",
                    "jobs/apps/bad"),
            new Broken(
                    "job-one-source",
                    "jobs: {enabled: true, apps: {bad: {script: 'print(1)', mainApplicationFile: 'local:///a.py'}}}\n",
                    "jobs.apps.<name>.mainApplicationFile is the source of this application: remove",
                    "jobs/apps/bad"),
            new Broken(
                    "job-one-inline-source",
                    "jobs: {enabled: true, apps: {bad: {script: 'print(1)', existingConfigMap: {name: app}}}}\n",
                    "jobs.apps.<name>.script is the source of this application",
                    "jobs/apps/bad"),
            new Broken(
                    "job-main-class",
                    "jobs: {enabled: true, apps: {bad: {type: Scala, mainApplicationFile: 'local:///a.jar'}}}\n",
                    "a Scala or Java application (jobs.apps.<name>.type) needs jobs.apps.<name>.mainClass",
                    "jobs/apps/bad"),
            new Broken(
                    "jmx-exporter-needs-agent-path",
                    "global: {monitoring: {jmxExporter: {enabled: true}}}\n",
                    "global.monitoring.jmxExporter.enabled needs global.monitoring.jmxExporter.agentPath",
                    "[rule jmx-exporter-needs-agent-path]"),
            new Broken(
                    "jmx-exporter-port-is-free",
                    "global: {monitoring: {jmxExporter: {enabled: true, agentPath: /opt/jmx/agent.jar, port: 4040}}}\n",
                    "global.monitoring.jmxExporter.port is a port a Spark process of the release listens on",
                    "[rule jmx-exporter-port-is-free]"),
            new Broken(
                    "log-shipping-forward-needs-host",
                    "global: {logShipping: {enabled: true, output: forward}}\n",
                    "global.logShipping.output forward needs global.logShipping.forward.host",
                    "[rule log-shipping-forward-needs-host]"),
            new Broken(
                    "log-shipping-http-needs-host",
                    "global: {logShipping: {enabled: true, output: http}}\n",
                    "global.logShipping.output http needs global.logShipping.http.host",
                    "[rule log-shipping-http-needs-host]"),
            new Broken(
                    "log-shipping-loki-needs-host",
                    "global: {logShipping: {enabled: true, output: loki}}\n",
                    "global.logShipping.output loki needs global.logShipping.loki.host",
                    "[rule log-shipping-loki-needs-host]"),
            new Broken(
                    "log-shipping-s3-needs-bucket",
                    "minio: {enabled: true}\nglobal: {logShipping: {enabled: true, output: s3}}\n",
                    "global.logShipping.output s3 needs global.logShipping.s3.bucket",
                    "[rule log-shipping-s3-needs-bucket]"),
            new Broken(
                    "log-shipping-s3-needs-a-store",
                    "minio: {enabled: false}\nglobal: {logShipping: {enabled: true, output: s3, s3: {bucket: logs}}}\n",
                    "global.logShipping.output s3 ships to the S3 store of the chart",
                    "[rule log-shipping-s3-needs-a-store]"),
            new Broken(
                    "driver-logs-need-a-store",
                    "minio: {enabled: false}\nglobal: {driverLogs: {enabled: true}}\n",
                    "global.driverLogs.enabled keeps driver logs on the S3 store of the chart",
                    "[rule driver-logs-need-a-store]"),
            // a rule between an entry and the rest of the chart (Condition.AnyEntry)
            new Broken(
                    "jobs-connect-runner-needs-connect",
                    "connect: {enabled: false}\njobs: {enabled: true, apps: {ok: {mainApplicationFile: "
                            + "'local:///a.py'}, adhoc: {runner: connect, script: 'print(1)'}}}\n",
                    "jobs.apps has an application with runner connect, which runs its script against the Spark "
                            + "Connect server of the release: set connect.enabled to true",
                    "connect/enabled"),
            new Broken(
                    "job-connect-python",
                    "jobs: {enabled: true, apps: {bad: {runner: connect, mainApplicationFile: 's3a://b/a.py'}}}\n",
                    "jobs.apps.<name>.runner connect runs a Python script",
                    "jobs/apps/bad"),
            new Broken(
                    "job-connect-no-jars",
                    "jobs: {enabled: true, apps: {bad: {runner: connect, script: 'print(1)', pyFiles: ['local:///a.zip']}}}\n",
                    "jobs.apps.<name>.runner connect runs the script against the Connect server, which starts no "
                            + "application for it",
                    "jobs/apps/bad"),
            new Broken(
                    "job-scratch-needs-size",
                    "jobs: {enabled: true, apps: {bad: {mainApplicationFile: 'local:///a.py', executor: {scratch: {type: pvc}}}}}\n",
                    "jobs.apps.<name>.executor.scratch.type tmpfs or pvc needs a size: set "
                            + "jobs.apps.<name>.executor.scratch.sizeLimit",
                    "jobs/apps/bad"),
            new Broken(
                    "job-connect-scheduling",
                    "jobs: {enabled: true, apps: {bad: {runner: connect, script: 'print(1)', scheduling: {scheduler: volcano}}}}\n",
                    "jobs.apps.<name>.runner connect runs on the executors of the Connect server",
                    "jobs/apps/bad"),
            new Broken(
                    "team-namespace-quota-needs-figures",
                    "teamNamespace: {resourceQuota: {enabled: true}}\n",
                    "teamNamespace.resourceQuota.enabled needs figures: set teamNamespace.resourceQuota.requestsCpu",
                    "teamNamespace.resourceQuota.enabled needs figures"));

    @TestFactory
    Stream<DynamicContainer> everyRuleRejectsInTheEngineAndInHelm() {
        return CASES.stream()
                .map(c -> DynamicContainer.dynamicContainer(
                        c.rule(),
                        Stream.of(
                                DynamicTest.dynamicTest("engine", () -> {
                                    List<Problem> problems = GENERATOR.validate(
                                            write(c), SparkLine.SPARK_4_1, Repo.ROOT.resolve("presets"));
                                    assertThat(problems)
                                            .as("problems for %s", c.values())
                                            .anyMatch(p -> p.message().contains(c.engineMessage()));
                                }),
                                DynamicTest.dynamicTest("helm", () -> {
                                    for (Path chart : Repo.charts()) {
                                        HelmCli.HelmResult result =
                                                Rendered.template(chart, List.of(write(c)), Map.of());
                                        assertThat(result.succeeded())
                                                .as("%s accepted %s", chart.getFileName(), c.values())
                                                .isFalse();
                                        assertThat(result.stderr())
                                                .as(chart.getFileName().toString())
                                                .contains(c.helmMessage());
                                    }
                                }),
                                DynamicTest.dynamicTest("helm 3 and 4 print the reason and fix", () -> {
                                    // the schema rejects the values before any template's fail runs: its error must
                                    // carry them
                                    for (HelmCli helm : List.of(HelmCli.helm3(), HelmCli.helm4())) {
                                        for (Path chart : Repo.charts()) {
                                            HelmCli.HelmResult result = helm.template(
                                                    chart,
                                                    Rendered.RELEASE,
                                                    Rendered.NAMESPACE,
                                                    io.sparkk8s.api.KubernetesVersions.HIGHEST,
                                                    List.of(write(c)),
                                                    Map.of());
                                            assertThat(result.succeeded()).isFalse();
                                            assertThat(result.stderr())
                                                    .as("helm %s, %s", helm.majorVersion(), chart.getFileName())
                                                    .contains(c.engineMessage())
                                                    .contains("[rule " + c.rule() + "]")
                                                    // Helm 4 quotes the reason in '…' and escapes an apostrophe in it:
                                                    // keep none
                                                    .doesNotContain("\\'");
                                        }
                                    }
                                }))));
    }

    @Test
    void everyRuleOfTheCatalogIsCovered() throws IOException {
        String schema = Files.readString(Repo.CHARTS.resolve("spark-4.1/values.schema.json"))
                + Files.readString(Repo.CHARTS.resolve("spark-4.1/templates/validate.yaml"));
        List<String> covered = CASES.stream().map(Broken::rule).toList();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\[rule ([a-z0-9-]+)]").matcher(schema);
        java.util.Set<String> rules = new java.util.TreeSet<>();
        while (m.find()) {
            rules.add(m.group(1));
        }
        assertThat(rules).isNotEmpty();
        assertThat(covered).containsAll(rules);
    }

    @Test
    void aSubchartThatNeedsAnotherBlockFailsClearlyWhenInstalledAlone() {
        HelmCli.HelmResult result =
                Rendered.template(Repo.CHARTS.resolve("spark-3.5/charts/hive-metastore"), List.of(), Map.of());
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr())
                .contains("hiveMetastore needs postgresql")
                .contains("set database.jdbcUrl")
                .doesNotContain("set hiveMetastore.database.jdbcUrl");
        HelmCli.HelmResult withExternal = Rendered.template(
                Repo.CHARTS.resolve("spark-3.5/charts/hive-metastore"),
                Repo.aloneValues(Repo.CHARTS.resolve("spark-3.5/charts/hive-metastore")),
                Map.of());
        assertThat(withExternal.succeeded()).as(withExternal.describe()).isTrue();
    }

    private static Path write(Broken c) throws IOException {
        Path file = dir.resolve(c.rule() + ".yaml");
        Files.writeString(file, c.values());
        return file;
    }
}
