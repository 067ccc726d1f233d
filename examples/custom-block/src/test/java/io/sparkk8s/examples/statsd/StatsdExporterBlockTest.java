package io.sparkk8s.examples.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates real charts with the block found by ServiceLoader next to the built-in Spark Connect block. */
class StatsdExporterBlockTest {

    @TempDir
    Path catalog;

    private Generator generator;

    @BeforeEach
    void catalogWithAMetricsPreset() throws IOException {
        Files.createDirectories(catalog.resolve("presets"));
        Files.writeString(catalog.resolve("presets/connect-metrics.yaml"), """
                name: connect-metrics
                description: Spark Connect reporting its metrics to the StatsD exporter.
                lines: ["4.1", "3.5"]
                values:
                  connect:
                    enabled: true
                  statsdExporter:
                    enabled: true
                    period: 30
                """);
        generator = Generator.discover(getClass().getClassLoader(), GenerationListener.SILENT);
    }

    private GenerationResult generate(Map<String, String> overrides) {
        return generator.generate(GenerationRequest.forCatalog(catalog)
                .includeBlocks(Set.of("connect", "statsd-exporter")).overrides(overrides).build());
    }

    @Test
    void serviceLoaderFindsTheBlockBesideTheBuiltInOnes() {
        assertThat(generator.blocks()).extracting(Block::id).contains("statsd-exporter", "connect");
    }

    @Nested
    class ToggleLayout {
        private GeneratedChart chart;

        @BeforeEach
        void generateTheToggleChart() {
            chart = generate(Map.of()).chart("spark-4.1");
        }

        @Test
        void rendersTheWorkloadSwitchedByItsToggle() {
            assertThat(chart.files()).containsKeys("templates/statsd-exporter-deployment.yaml",
                    "templates/statsd-exporter-service.yaml", "templates/statsd-exporter-configmap.yaml",
                    "templates/tests/statsd-exporter-test.yaml");
            assertThat(chart.file("templates/statsd-exporter-deployment.yaml"))
                    .contains("{{- if .Values.statsdExporter.enabled }}")
                    .contains("--statsd.listen-udp=:9125")
                    .contains("/statsd-exporter-configmap.yaml\") . | sha256sum");
        }

        @Test
        void contributesSparksStatsdSinkToTheWiring() {
            assertThat(chart.file("templates/spark-wiring.yaml"))
                    .contains("{{- if .Values.statsdExporter.enabled }}")
                    .contains("spark.metrics.conf.*.sink.statsd.class=org.apache.spark.metrics.sink.StatsdSink")
                    .contains("spark.metrics.conf.*.sink.statsd.host={{ include \"sparkk8s.fullname\" "
                            + "(dict \"context\" . \"component\" \"statsd-exporter\") }}.{{ .Release.Namespace }}.svc")
                    .contains("spark.metrics.conf.*.sink.statsd.port=9125")
                    .contains("spark.metrics.conf.*.sink.statsd.period={{ .Values.statsdExporter.period | int64 }}");
        }

        @Test
        void declaresItsValuesWithAPinnedImageAndTheirSparkSettings() {
            assertThat(chart.file("values.yaml")).contains("statsdExporter:").contains("tag: v0.28.0");
            assertThat(chart.file("README.md")).contains("statsdExporter.period")
                    .contains("spark.metrics.conf.*.sink.statsd.period");
            assertThat(chart.file("presets/connect-metrics.yaml")).contains("period: 30");
        }
    }

    @Test
    void subchartLayoutGivesTheBlockItsOwnChart() {
        GeneratedChart umbrella = generate(Map.of()).chart("spark-3.5");
        assertThat(umbrella.file("Chart.yaml")).contains("alias: statsdExporter")
                .contains("condition: statsdExporter.enabled");
        assertThat(umbrella.file("charts/statsd-exporter/templates/configmap.yaml"))
                .contains("match: '^{{ .Values.prefix }}\\.([^.]+)\\.driver\\.(.+)$'");
    }

    @Test
    void anOverrideOutsideTheDeclaredRangeIsRejectedAtItsPath() {
        assertThatThrownBy(() -> generate(Map.of("statsdExporter.period", "0")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("`statsdExporter.period` in overrides");
    }
}
