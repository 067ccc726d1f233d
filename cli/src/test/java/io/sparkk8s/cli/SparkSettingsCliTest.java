package io.sparkk8s.cli;

import static io.sparkk8s.cli.SparkK8sTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.cli.SparkK8sTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate and verify report sparkConf keys Spark does not read on the chart's line, with a "did you mean". */
class SparkSettingsCliTest {

    @TempDir
    Path dir;

    @Test
    void validateReportsMisspeltKeysOfEverySparkConfMapWithTheRealKey() throws IOException {
        Path file = Files.writeString(dir.resolve("values.yaml"), """
                minio:
                  enabled: true
                connect:
                  sparkConf:
                    spark.sql.warehouseDir: s3a://lake/warehouse
                historyServer:
                  enabled: true
                  sparkConf:
                    spark.history.cleaner.enabled: "true"
                standalone:
                  sparkConf:
                    spark.worker.cleanup.enabled: "true"
                """);
        for (String chart : List.of("spark-4.1", "spark-3.5")) {
            Run run = run("validate", file.toString(), "--chart", chart);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(SparkK8s.INVALID);
            List<String> lines =
                    run.err().lines().filter(l -> l.startsWith("  - ")).toList();
            assertThat(lines).as(run.err()).hasSize(2);
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .contains(
                            "`connect.sparkConf.spark.sql.warehouseDir`",
                            file.toString(),
                            "did you mean 'spark.sql.warehouse.dir'?"));
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .contains(
                            "`historyServer.sparkConf.spark.history.cleaner.enabled`",
                            "did you mean 'spark.history.fs.cleaner.enabled'?"));
        }
    }

    @Test
    void aKeyOnlySpark41ReadsIsValidThereAndReportedOnSpark35WithTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("values.yaml"), """
                connect:
                  sparkConf:
                    spark.executor.minMemoryOverhead: 512m
                """);

        assertThat(run("validate", file.toString(), "--chart", "4.1").exitCode())
                .isEqualTo(SparkK8s.OK);
        Run on35 = run("validate", file.toString(), "--chart", "3.5");
        assertThat(on35.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(on35.err())
                .contains(
                        "`connect.sparkConf.spark.executor.minMemoryOverhead`",
                        "is not a Spark 3.5 setting: it exists only on line 4.1");
    }

    @Test
    void prefixFamiliesAndSettingsReadByNameAreAccepted() throws IOException {
        Path file = Files.writeString(dir.resolve("values.yaml"), """
                connect:
                  sparkConf:
                    spark.hadoop.fs.s3a.connection.maximum: "200"
                    spark.hive.metastore.client.socket.timeout: 300s
                    spark.kubernetes.executor.label.team: data
                    spark.kubernetes.executor.annotation.example.com/owner: data
                    spark.kubernetes.driverEnv.TZ: UTC
                    spark.executorEnv.TZ: UTC
                    spark.sql.catalog.lake: org.apache.iceberg.spark.SparkCatalog
                    spark.sql.catalog.lake.type: rest
                    spark.sql.extensions: org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions
                    spark.local.dir: /tmp/spark
                """);
        for (String chart : List.of("4.1", "3.5")) {
            Run run = run("validate", file.toString(), "--chart", chart);
            assertThat(run.exitCode()).as(chart + ": " + run.err()).isEqualTo(SparkK8s.OK);
        }
    }

    @Test
    void verifyFindsAMisspeltKeyInTheRenderedSparkDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("values.yaml"), """
                connect:
                  sparkConf:
                    spark.sql.warehouseDir: s3a://lake/warehouse
                """);
        Path chart = rootOf().resolve("generated-charts/spark-4.1");

        Run run = run("verify", chart.toString(), "-f", file.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.out())
                .contains(
                        "[spark-settings] ConfigMap/release-name-connect at data[spark-defaults.conf]",
                        "'spark.sql.warehouseDir' is not a Spark 4.1 setting",
                        "did you mean 'spark.sql.warehouse.dir'?");
    }

    private static Path rootOf() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isExecutable(at.resolve("spark-k8s"))) {
            at = at.getParent();
        }
        return at;
    }
}
