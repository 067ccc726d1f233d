package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.KubernetesVersions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SPEC §9 gate 1 with the real Helm 3 and Helm 4 CLIs (fetched into .tools/ on first use): lint --strict and
 * template for the lowest and highest Kubernetes version, on every chart × preset and every subchart alone.
 */
class HelmCliGatesTest {

    private static final List<String> KUBE = List.of(KubernetesVersions.LOWEST, KubernetesVersions.HIGHEST);

    @TestFactory
    Stream<DynamicTest> helm3() {
        return gates(HelmCli.helm3());
    }

    @TestFactory
    Stream<DynamicTest> helm4() {
        return gates(HelmCli.helm4());
    }

    private static Stream<DynamicTest> gates(HelmCli helm) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            List<List<Path>> valueSets = new ArrayList<>();
            valueSets.add(List.of());
            Repo.presets(chart).forEach(p -> valueSets.add(List.of(p)));
            for (List<Path> values : valueSets) {
                String label = "helm " + helm.majorVersion() + " " + chart.getFileName()
                        + (values.isEmpty()
                                ? " (defaults)"
                                : " × " + values.get(0).getFileName());
                tests.add(DynamicTest.dynamicTest(label, () -> check(helm, chart, values)));
            }
            for (Path subchart : Repo.subcharts(chart)) {
                tests.add(DynamicTest.dynamicTest(
                        "helm " + helm.majorVersion() + " " + chart.getFileName() + "/charts/" + subchart.getFileName()
                                + " alone",
                        () -> check(helm, subchart, Repo.aloneValues(subchart))));
            }
        }
        return tests.stream();
    }

    private static void check(HelmCli helm, Path chart, List<Path> values) {
        for (String kube : KUBE) {
            HelmCli.HelmResult lint = helm.lint(chart, true, kube, values, Map.of());
            assertThat(lint.succeeded()).as(lint.describe()).isTrue();
            HelmCli.HelmResult template = helm.template(chart, "spark", "data", kube, values, Map.of());
            assertThat(template.succeeded()).as(template.describe()).isTrue();
            assertThat(template.stdout()).contains("kind: ");
        }
    }
}
