package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, logs: {@code logging.*} becomes one log4j2 configuration in the release's Spark wiring, which every Spark
 * pod copies into its conf dir (and a driver ships to its executors); JSON lines on spark-4.1, refused on spark-3.5.
 * The runtime tier runs the 4.1 Connect server and History Server with it and parses every line they write.
 */
class LoggingTest {

    private static final Path TOGGLE = Repo.CHARTS.resolve("spark-4.1");
    private static final Path UMBRELLA = Repo.CHARTS.resolve("spark-3.5");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> wiring(Rendered rendered) {
        return (Map<String, Object>)
                rendered.object("ConfigMap", Rendered.RELEASE + "-spark-wiring").get("data");
    }

    @Test
    void jsonLinesOnSpark41UseSparksStructuredLoggingLayout() {
        Map<String, Object> data = wiring(Rendered.of(
                TOGGLE,
                List.of(),
                Map.of("logging.json", "true", "logging.levels.org\\.apache\\.spark\\.scheduler", "debug")));
        assertThat(String.valueOf(data.get("log4j2.properties")))
                .contains("appender.console.layout.type = JsonTemplateLayout")
                .contains("eventTemplateUri = classpath:org/apache/spark/SparkLayout.json")
                .contains("rootLogger.level = info")
                .contains("logger.user0.name = org.apache.spark.scheduler", "logger.user0.level = debug");
        assertThat(String.valueOf(data.get("wiring.conf"))).contains("spark.log.structuredLogging.enabled=true");
    }

    @Test
    void levelsAloneKeepSparksPlainLinesOnBothLines() {
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            Map<String, Object> data = wiring(Rendered.of(chart, List.of(), Map.of("logging.level", "warn")));
            assertThat(String.valueOf(data.get("log4j2.properties")))
                    .contains("rootLogger.level = warn")
                    .contains("appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex")
                    .doesNotContain("JsonTemplateLayout");
            assertThat(String.valueOf(data.get("wiring.conf"))).doesNotContain("structuredLogging");
        }
    }

    @Test
    void byDefaultSparkKeepsItsOwnConfiguration() {
        for (Path chart : List.of(TOGGLE, UMBRELLA)) {
            assertThat(wiring(Rendered.of(chart, List.of(), Map.of()))).doesNotContainKey("log4j2.properties");
        }
    }

    @Test
    void spark35RefusesJsonLines() {
        var result = Rendered.template(UMBRELLA, List.of(), Map.of("logging.json", "true"));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.describe()).contains("logging.json").contains("spark-3.5");
    }

    @Test
    void everySparkPodCopiesTheConfigurationIntoItsConfDir() {
        Rendered rendered = Rendered.of(
                TOGGLE,
                List.of(TOGGLE.resolve("presets/data-science-dev.yaml")),
                Map.of("logging.json", "true", "standalone.enabled", "true"));
        for (String[] workload : List.of(
                new String[] {"StatefulSet", Rendered.RELEASE + "-connect", "connect"},
                new String[] {"Deployment", Rendered.RELEASE + "-history-server", "history-server"},
                new String[] {"Deployment", Rendered.RELEASE + "-standalone-master", "master"},
                new String[] {"Deployment", Rendered.RELEASE + "-standalone-worker", "worker"})) {
            assertThat(String.valueOf(rendered.container(workload[0], workload[1], workload[2])
                            .get("args")))
                    .as(workload[1])
                    .contains("cp /opt/spark-k8s/wiring/log4j2.properties \"$SPARK_CONF_DIR/\"");
        }
    }
}
