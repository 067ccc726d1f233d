package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.verify.ExternalRef;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
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
            .externalRefs(Repo.EXTERNAL_SECRETS.stream().map(name -> new ExternalRef("Secret", name)).toList())
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
                String name = chart.getFileName() + "/charts/" + subchart.getFileName() + " alone";
                List<Path> alone = Repo.aloneValues(subchart);
                tests.add(alone.isEmpty() ? gate(name, subchart, List.of())
                        : DynamicTest.dynamicTest(name, () -> {
                            // The verifier always renders the chart's defaults too, and a subchart whose block
                            // needs another one fails its composition rule by design when installed alone
                            // without the external endpoints; so the alone values become the copy's defaults.
                            Path copy = withDefaults(subchart, alone.get(0));
                            VerificationReport report = VERIFIER.verify(copy, List.of());
                            assertThat(report.findings()).as(report.format()).isEmpty();
                        }));
            }
        }
        return tests.stream();
    }

    @TempDir
    static Path work;

    /** A copy of a chart whose values.yaml is its own defaults with the given values merged over them. */
    @SuppressWarnings("unchecked")
    private static Path withDefaults(Path chart, Path values) throws IOException {
        Path copy = work.resolve(chart.getFileName().toString());
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Load load = new Load(LoadSettings.builder().build());
        Map<String, Object> defaults = (Map<String, Object>) load.loadFromString(Files.readString(chart.resolve("values.yaml")));
        Map<String, Object> overlay = (Map<String, Object>) load.loadFromString(Files.readString(values));
        Rendering.writeValues(copy.resolve("values.yaml"), Rendering.merge(defaults, overlay));
        return copy;
    }

    private static DynamicTest gate(String name, Path chart, List<Path> values) {
        return DynamicTest.dynamicTest(name, () -> {
            VerificationReport report = VERIFIER.verify(chart, values);
            assertThat(report.findings()).as(report.format()).isEmpty();
        });
    }
}
