package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine reports Spark settings Spark does not read: in values files, presets, overrides and block models. */
class SparkSettingsCheckTest {

    @TempDir
    Path catalog;

    @BeforeEach
    void emptyCatalog() throws IOException {
        Files.createDirectories(catalog.resolve("presets"));
    }

    private static TestBlock sparkBlock(Value... extra) {
        List<Value> values = new java.util.ArrayList<>(List.of(
                Value.bool("enabled", true, "Deploy it."), Value.sparkSettings("sparkConf", "Extra Spark settings.")));
        values.addAll(List.of(extra));
        return new TestBlock("spark", "spark", values, List.of("sparkconf.yaml"));
    }

    private static Generator generator(TestBlock block) {
        return Generator.of(List.of(block), GenerationListener.SILENT);
    }

    private Path file(String name, String text) throws IOException {
        Path file = catalog.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private GenerationRequest request(SparkLine line) {
        return GenerationRequest.forCatalog(catalog).lines(Set.of(line)).build();
    }

    @Test
    void validateReportsAMisspeltKeyWithItsPathAndTheRealKey() throws IOException {
        Path values = file(
                "values.yaml",
                "spark:\n  sparkConf:\n    spark.sql.warehouseDir: s3a://w/\n"
                        + "    spark.hadoop.fs.s3a.endpoint: http://minio:9000\n    spark.sql.shuffle.partitions: 8\n");
        List<Problem> problems = generator(sparkBlock()).validate(values, SparkLine.SPARK_4_1, catalog);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNKNOWN_SPARK_SETTING);
            assertThat(p.path()).isEqualTo("spark.sparkConf.spark.sql.warehouseDir");
            assertThat(p.source()).isEqualTo(values.toString());
            assertThat(p.message()).contains("did you mean 'spark.sql.warehouse.dir'");
        });
    }

    @Test
    void validateReportsAMisspeltKeyInsideANamedEntryOfAMapOfANestedModel() throws IOException {
        Value apps = Value.modelMap(
                "apps",
                io.sparkk8s.api.ValuesModel.builder()
                        .add(Value.sparkSettings("sparkConf", "Spark settings of one application."))
                        .build(),
                "Applications by name.");
        Path values = file(
                "values.yaml",
                "spark:\n  apps:\n    nightly:\n      sparkConf:\n        spark.sql.warehouseDir: s3a://w/\n"
                        + "        spark.sql.shuffle.partitions: 8\n");
        List<Problem> problems = generator(sparkBlock(apps)).validate(values, SparkLine.SPARK_4_1, catalog);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNKNOWN_SPARK_SETTING);
            assertThat(p.path()).isEqualTo("spark.apps.nightly.sparkConf.spark.sql.warehouseDir");
            assertThat(p.message()).contains("did you mean 'spark.sql.warehouse.dir'");
        });
    }

    @Test
    void validateNamesTheLineThatKnowsAKeyOfTheOtherLine() throws IOException {
        Path values = file("values.yaml", "spark:\n  sparkConf:\n    spark.executor.minMemoryOverhead: 384m\n");
        assertThat(generator(sparkBlock()).validate(values, SparkLine.SPARK_4_1, catalog))
                .isEmpty();
        assertThat(generator(sparkBlock()).validate(values, SparkLine.SPARK_3_5, catalog))
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("not a Spark 3.5 setting")
                        .contains("exists only on line 4.1"));
    }

    @Test
    void aPresetWithAnUnknownKeyFailsGenerationOnItsLine() throws IOException {
        file(
                "presets/cleaner.yaml",
                "name: cleaner\ndescription: A preset used by the tests.\nlines: [\"4.1\"]\n"
                        + "values:\n  spark:\n    sparkConf:\n      spark.history.cleaner.enabled: \"true\"\n");
        assertThatThrownBy(() -> generator(sparkBlock()).generate(request(SparkLine.SPARK_4_1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("`values.spark.sparkConf.spark.history.cleaner.enabled` in ")
                .hasMessageContaining("presets/cleaner.yaml")
                .hasMessageContaining("did you mean 'spark.history.fs.cleaner.enabled'")
                .extracting(e -> ((InvalidInputException) e).problems().get(0).kind())
                .isEqualTo(Problem.Kind.UNKNOWN_SPARK_SETTING);
    }

    @Test
    void anOverrideWithAnUnknownKeyIsReportedAgainstTheOverride() {
        GenerationRequest request = request(SparkLine.SPARK_4_1).toBuilder()
                .overrides(Map.of("spark.sparkConf", "{spark.sql.warehouseDir: x}"))
                .build();
        assertThatThrownBy(() -> generator(sparkBlock()).generate(request))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("`spark.sparkConf.spark.sql.warehouseDir` in overrides: ")
                .hasMessageContaining("did you mean 'spark.sql.warehouse.dir'");
    }

    @Test
    void aBlockValueMappedToAnUnknownSettingFailsGeneration() {
        TestBlock block =
                sparkBlock(Value.string("memory", "1g", "Driver memory.").sparkConf("spark.driver.memroy"));
        TestBlock reading =
                new TestBlock(block.id(), block.valuesKey(), block.values(), List.of("sparkconf.yaml", "memory.yaml"));
        assertThatThrownBy(() -> generator(reading).generate(request(SparkLine.SPARK_4_1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("`spark.memory` in block spark")
                .hasMessageContaining("did you mean 'spark.driver.memory'");
    }

    @Test
    void aKeyOutsideSparkIsRejectedByTheSchemaWithThePattern() throws IOException {
        Path values = file("values.yaml", "spark:\n  sparkConf:\n    hive.metastore.uris: thrift://hms:9083\n");
        assertThat(generator(sparkBlock()).validate(values, SparkLine.SPARK_4_1, catalog))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("spark.sparkConf.hive.metastore.uris");
                    assertThat(p.message()).contains("keys must match ^spark\\.");
                });
    }

    @Test
    void settingsOfAddedJarsPassWhenTheCatalogDeclaresThem() throws IOException {
        Path values = file(
                "values.yaml",
                "spark:\n  sparkConf:\n" + "    spark.databricks.delta.retentionDurationCheck.enabled: \"false\"\n");
        assertThat(generator(sparkBlock()).validate(values, SparkLine.SPARK_4_1, catalog))
                .singleElement()
                .extracting(Problem::kind)
                .isEqualTo(Problem.Kind.UNKNOWN_SPARK_SETTING);

        file(
                "extra-spark-settings.txt",
                "# Delta Lake (io.delta:delta-spark) reads its own SQL settings\n" + "spark.databricks.delta.*\n");
        for (SparkLine line : SparkLine.values()) {
            assertThat(generator(sparkBlock()).validate(values, line, catalog))
                    .as(line.id())
                    .isEmpty();
        }
    }

    @Test
    void aBadExtraSettingsLineIsNamedWithItsFileAndLine() throws IOException {
        file("extra-spark-settings.txt", "spark.databricks.delta.*\ndelta.*\n");
        assertThatThrownBy(() -> generator(sparkBlock()).generate(request(SparkLine.SPARK_4_1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("extra-spark-settings.txt")
                .hasMessageContaining("line 2: 'delta.*' is no Spark setting pattern");
    }

    @Test
    void knownKeysAndFamiliesPass() throws IOException {
        Path values = file(
                "values.yaml",
                "spark:\n  sparkConf:\n    spark.sql.warehouse.dir: s3a://w/\n"
                        + "    spark.kubernetes.executor.label.team: data\n    spark.hive.metastore.uris: thrift://hms:9083\n"
                        + "    spark.sql.catalog.lake: org.apache.iceberg.spark.SparkCatalog\n");
        for (SparkLine line : SparkLine.values()) {
            assertThat(generator(sparkBlock()).validate(values, line, catalog))
                    .as(line.id())
                    .isEmpty();
        }
    }
}
