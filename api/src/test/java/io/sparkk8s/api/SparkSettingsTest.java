package io.sparkk8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {

    private static final SparkSettings SPARK_41 = SparkSettings.of(SparkLine.SPARK_4_1);
    private static final SparkSettings SPARK_35 = SparkSettings.of(SparkLine.SPARK_3_5);
    private static final List<SparkSettings> BOTH = List.of(SPARK_41, SPARK_35);

    @Nested
    class Catalog {
        @Test
        void bothLinesHoldTheRegisteredKeysOfTheirJars() {
            assertThat(SPARK_41.keys())
                    .hasSizeGreaterThan(1300)
                    .contains(
                            "spark.sql.warehouse.dir",
                            "spark.history.fs.cleaner.enabled",
                            "spark.kubernetes.executor.podTemplateFile",
                            "spark.connect.grpc.binding.port",
                            "spark.sql.hive.metastore.version",
                            "spark.eventLog.rolling.enabled",
                            "spark.executor.minMemoryOverhead");
            assertThat(SPARK_35.keys())
                    .hasSizeGreaterThan(1000)
                    .contains(
                            "spark.sql.warehouse.dir",
                            "spark.connect.grpc.binding.port",
                            "spark.kubernetes.executor.podTemplateFile",
                            "spark.eventLog.rolling.enabled");
        }

        @Test
        void settingsSparkReadsByNameAlternativesAndPrependedKeysAreKnown() {
            for (SparkSettings line : BOTH) {
                assertThat(line.knows("spark.master"))
                        .as(line.line() + " spark.master")
                        .isTrue();
                assertThat(line.knows("spark.app.name"))
                        .as(line.line() + " spark.app.name")
                        .isTrue();
                assertThat(line.knows("spark.local.dir"))
                        .as(line.line() + " spark.local.dir")
                        .isTrue();
                assertThat(line.knows("spark.yarn.executor.memoryOverhead"))
                        .as("alternative")
                        .isTrue();
                assertThat(line.knows("spark.driver.defaultJavaOptions"))
                        .as("prepended")
                        .isTrue();
            }
        }

        @Test
        void prefixFamiliesAreOpen() {
            for (SparkSettings line : BOTH) {
                assertThat(List.of(
                                "spark.hadoop.fs.s3a.endpoint",
                                "spark.hive.metastore.uris",
                                "spark.kubernetes.executor.label.team",
                                "spark.kubernetes.driver.annotation.example.com/owner",
                                "spark.kubernetes.executor.secretKeyRef.AWS_ACCESS_KEY_ID",
                                "spark.kubernetes.driver.volumes.persistentVolumeClaim.data.mount.path",
                                "spark.kubernetes.driverEnv.TZ",
                                "spark.executorEnv.TZ",
                                "spark.sql.catalog.lake",
                                "spark.sql.catalog.lake.type",
                                "spark.metrics.conf.*.sink.prometheusServlet.class",
                                "spark.org.example.AuthFilter.param.secret",
                                "spark.executor.resource.gpu.amount",
                                "spark.kubernetes.authenticate.driver.oauthTokenFile",
                                "spark.ssl.historyServer.enabled",
                                "spark.kubernetes.executor.node.selector.disktype"))
                        .as(line.line().id())
                        .allSatisfy(key -> assertThat(line.check(key)).as(key).isEmpty());
            }
        }

        @Test
        void extraSettingsOpenMorePatternsAndMustBeSparkSettings() {
            SparkSettings withDelta = SPARK_41.withExtraSettings(List.of("spark.databricks.delta.*"));
            assertThat(withDelta.knows("spark.databricks.delta.optimizeWrite.enabled"))
                    .isTrue();
            assertThat(SPARK_41.knows("spark.databricks.delta.optimizeWrite.enabled"))
                    .isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SPARK_41.withExtraSettings(List.of("delta.*")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must start with 'spark.'");
        }

        @Test
        void aFamilyPrefixAloneIsNoSetting() {
            assertThat(SPARK_41.knows("spark.hadoop.")).isFalse();
            assertThat(SPARK_41.knows("spark.kubernetes.executor.label")).isFalse();
        }
    }

    @Nested
    class Unknown {
        @Test
        void misspeltSqlWarehouseDirSuggestsTheRealKey() {
            for (SparkSettings line : BOTH) {
                UnknownSparkSetting unknown =
                        line.check("spark.sql.warehouseDir").orElseThrow();
                assertThat(unknown.suggestion()).isEqualTo("spark.sql.warehouse.dir");
                assertThat(unknown.knownOn()).isEmpty();
                String id = line.line().id();
                assertThat(unknown.message())
                        .isEqualTo("'spark.sql.warehouseDir' is not a Spark " + id + " setting; Spark " + id
                                + " would ignore it; did you mean 'spark.sql.warehouse.dir'?");
            }
        }

        @Test
        void historyCleanerWithoutFsSuggestsTheFsKey() {
            for (SparkSettings line : BOTH) {
                assertThat(line.check("spark.history.cleaner.enabled"))
                        .get()
                        .extracting(UnknownSparkSetting::suggestion)
                        .isEqualTo("spark.history.fs.cleaner.enabled");
            }
        }

        @Test
        void aKeyOfSpark41UsedOnSpark35NamesTheLineThatKnowsIt() {
            assertThat(SPARK_41.check("spark.executor.minMemoryOverhead")).isEmpty();
            UnknownSparkSetting unknown =
                    SPARK_35.check("spark.executor.minMemoryOverhead").orElseThrow();
            assertThat(unknown.knownOn()).isEqualTo(Set.of(SparkLine.SPARK_4_1));
            assertThat(unknown.message())
                    .startsWith("'spark.executor.minMemoryOverhead' is not a Spark 3.5 setting: "
                            + "it exists only on line 4.1");
        }

        @Test
        void aConnectKeyOfSpark41OnlyIsReportedOnSpark35() {
            String key = "spark.connect.session.planCache.enabled";
            assertThat(SPARK_41.knows(key)).isTrue();
            assertThat(SPARK_35.check(key))
                    .get()
                    .extracting(UnknownSparkSetting::knownOn)
                    .isEqualTo(Set.of(SparkLine.SPARK_4_1));
        }

        @Test
        void aKeyOfSpark35OnlyUsedOnSpark41NamesLine35() {
            String key = "spark.kubernetes.pyspark.pythonVersion";
            assertThat(SPARK_35.knows(key)).isTrue();
            assertThat(SPARK_41.check(key))
                    .get()
                    .extracting(UnknownSparkSetting::knownOn)
                    .isEqualTo(Set.of(SparkLine.SPARK_3_5));
        }

        @Test
        void aSettingSparkRemovedCarriesSparksNote() {
            for (SparkSettings line : BOTH) {
                UnknownSparkSetting unknown =
                        line.check("spark.sql.fromJsonForceNullableSchema").orElseThrow();
                assertThat(unknown.retired()).startsWith("removed in Spark 3.0.0: ");
                assertThat(unknown.message()).contains("(removed in Spark 3.0.0: ");
            }
        }

        @Test
        void anAlternativeThatSpark4DroppedIsKnownOn35AndRetiredOn41() {
            assertThat(SPARK_35.knows("spark.blacklist.enabled")).isTrue();
            UnknownSparkSetting unknown =
                    SPARK_41.check("spark.blacklist.enabled").orElseThrow();
            assertThat(unknown.knownOn()).isEqualTo(Set.of(SparkLine.SPARK_3_5));
            assertThat(unknown.retired())
                    .startsWith("no longer read (deprecated in Spark 3.1.0)")
                    .contains("spark.excludeOnFailure.enabled");
            assertThat(unknown.message())
                    .startsWith("'spark.blacklist.enabled' is not a Spark 4.1 setting "
                            + "(no longer read (deprecated in Spark 3.1.0): Not used anymore. Please use "
                            + "spark.excludeOnFailure.enabled): it exists only on line 3.5 (keep it in a values file for that "
                            + "line); Spark 4.1 would ignore it");
        }

        @Test
        void aMisspeltFamilyPrefixKeepsTheRestOfTheKey() {
            assertThat(SPARK_41.check("spark.hadop.fs.s3a.endpoint"))
                    .get()
                    .extracting(UnknownSparkSetting::suggestion)
                    .isEqualTo("spark.hadoop.fs.s3a.endpoint");
            assertThat(SPARK_41.check("spark.kubernetes.executor.lable.team"))
                    .get()
                    .extracting(UnknownSparkSetting::suggestion)
                    .isEqualTo("spark.kubernetes.executor.label.team");
        }

        @Test
        void aRealNamespaceIsNotRespelledAsAFamily() {
            assertThat(SPARK_35.check("spark.sql.artifact.isolation.enabled"))
                    .get()
                    .extracting(UnknownSparkSetting::suggestion)
                    .isEqualTo("");
        }

        @Test
        void settingsOnlyPySparkReadsAreKnown() {
            for (SparkSettings line : BOTH) {
                assertThat(line.check("spark.python.worker.memory")).isEmpty();
                assertThat(line.check("spark.python.profile")).isEmpty();
            }
        }

        @Test
        void farFromEveryKeyThereIsNoSuggestion() {
            UnknownSparkSetting unknown =
                    SPARK_41.check("spark.completely.made.up.setting").orElseThrow();
            assertThat(unknown.suggestion()).isEmpty();
            assertThat(unknown.message()).doesNotContain("did you mean");
        }

        @Test
        void keysAreCaseSensitiveLikeSpark() {
            assertThat(SPARK_41.check("spark.SQL.warehouse.dir"))
                    .get()
                    .extracting(UnknownSparkSetting::suggestion)
                    .isEqualTo("spark.sql.warehouse.dir");
        }
    }
}
