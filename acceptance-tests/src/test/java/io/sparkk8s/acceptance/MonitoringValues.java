package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.verify.Checks;
import io.sparkk8s.verify.Finding;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

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

    /**
     * One test per committed chart: the preset and these values (written by {@code write} under a name) pass every
     * gate, and the scrape-target gate resolves exactly {@code targets} targets.
     */
    static Stream<DynamicTest> everyGateHoldsWithScrapeTargets(
            Verifier verifier,
            BiFunction<String, Map<String, Object>, Path> write,
            Map<String, Object> values,
            int targets,
            String which) {
        return Repo.charts().stream()
                .map(chart -> DynamicTest.dynamicTest(chart.getFileName().toString(), () -> {
                    VerificationReport report = verifier.verify(
                            chart, List.of(preset(chart), write.apply("on-" + chart.getFileName(), values)));
                    assertThat(report.findings()).as(report.format()).isEmpty();
                    assertThat(report.gates())
                            .filteredOn(g -> g.check().equals(Checks.SCRAPE_TARGET))
                            .isNotEmpty()
                            .allSatisfy(g -> assertThat(g.count()).as(which).isEqualTo(targets));
                }));
    }

    /**
     * The gates over a chart with the preset and planted values: the scrape-target gate reports something, and each
     * of its findings satisfies {@code each}.
     */
    static void scrapeTargetCatches(
            Verifier verifier,
            BiFunction<String, Map<String, Object>, Path> write,
            Path chart,
            Map<String, Object> planted,
            Consumer<Finding> each) {
        VerificationReport report =
                verifier.verify(chart, List.of(preset(chart), write.apply("planted-" + chart.getFileName(), planted)));
        List<Finding> scrape = report.findings().stream()
                .filter(f -> f.check().equals(Checks.SCRAPE_TARGET))
                .toList();
        assertThat(scrape).as(report.format()).isNotEmpty().allSatisfy(each);
    }
}
