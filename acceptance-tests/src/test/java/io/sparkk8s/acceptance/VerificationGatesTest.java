package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.verify.ExternalRef;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SPEC §9 gates 1–6 through the verifier (helm-java lint --strict and template for the lowest and highest
 * Kubernetes version, API schemas, Pod Security restricted, references, env/ports, resources, images,
 * labels): one dynamic test per chart × preset (and per subchart installed alone), zero findings.
 */
class VerificationGatesTest {

    private static final Verifier VERIFIER = Verifier.builder()
            .kubeVersions(List.of(KubernetesVersions.LOWEST, KubernetesVersions.HIGHEST))
            .externalRefs(Repo.EXTERNAL_SECRETS.stream()
                    .map(name -> new ExternalRef("Secret", name))
                    .toList())
            .build();

    @TestFactory
    Stream<DynamicTest> everyChartWithEveryPresetPassesEveryGate() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            tests.add(gate(chart.getFileName() + " (defaults)", chart, List.of()));
            for (Path preset : Repo.presets(chart)) {
                tests.add(gate(chart.getFileName() + " × " + preset.getFileName(), chart, List.of(preset)));
            }
            for (Path subchart : Repo.subcharts(chart)) {
                List<Path> alone = Repo.aloneValues(subchart);
                tests.add(gate(
                        chart.getFileName() + "/charts/" + subchart.getFileName() + " alone",
                        subchart,
                        alone,
                        VERIFIER.toBuilder().renderDefaults(alone.isEmpty()).build()));
            }
        }
        return tests.stream();
    }

    private static DynamicTest gate(String name, Path chart, List<Path> values) {
        return gate(name, chart, values, VERIFIER);
    }

    private static DynamicTest gate(String name, Path chart, List<Path> values, Verifier verifier) {
        return DynamicTest.dynamicTest(name, () -> {
            VerificationReport report = verifier.verify(chart, values);
            assertThat(report.findings()).as(report.format()).isEmpty();
        });
    }
}
