package io.sparkk8s.acceptance;

import java.nio.file.Path;
import java.util.Map;

/** Values the monitoring tests (Prometheus monitors, annotations, the JMX exporter) share. */
final class MonitoringValues {

    private MonitoringValues() {}

    /** The preset they render over: the data-science stack (Connect, Jupyter, the S3 store, the History Server). */
    static Path preset(Path chart) {
        return chart.resolve("presets/data-science-dev.yaml");
    }

    /** The jobs block on, with one application of these settings. */
    static Map<String, Object> jobsWith(String app, Map<String, Object> settings) {
        return Map.of("enabled", true, "apps", Map.of(app, settings));
    }
}
