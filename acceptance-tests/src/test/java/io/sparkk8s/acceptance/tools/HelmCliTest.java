package io.sparkk8s.acceptance.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli.HelmResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelmCliTest {

    private static final String LOWEST_KUBE = "1.29.0";
    private static final String HIGHEST_KUBE = "1.34.0";

    static Stream<Named<HelmCli>> helms() {
        return Stream.of(Named.of("Helm 3", HelmCli.helm3()), Named.of("Helm 4", HelmCli.helm4()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helms")
    void strictLintOfTinyChartPasses(HelmCli helm) {
        HelmResult result = helm.lint(chart("tiny-chart"), true, List.of(), Map.of());

        assertThat(result.exitCode()).as(result::describe).isZero();
        assertThat(result.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helms")
    void strictLintTakesKubeVersionValuesFilesAndSets(HelmCli helm, @TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "greeting: hi\n");
        for (String kube : List.of(LOWEST_KUBE, HIGHEST_KUBE)) {
            HelmResult result = helm.lint(chart("tiny-chart"), true, kube, List.of(values), Map.of("replicas", "3"));

            assertThat(result.exitCode()).as(result::describe).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helms")
    void strictLintFailsOnAWarningThatPlainLintAccepts(HelmCli helm) {
        Path chart = chart("deprecated-api-chart");

        HelmResult plain = helm.lint(chart, false, "1.25.0", List.of(), Map.of());
        HelmResult strict = helm.lint(chart, true, "1.25.0", List.of(), Map.of());

        assertThat(plain.exitCode()).as(plain::describe).isZero();
        assertThat(strict.exitCode()).as(strict::describe).isNotZero();
        assertThat(strict.stdout())
                .contains("[WARNING] templates/hpa.yaml")
                .contains("autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helms")
    void templateRendersWithReleaseNamespaceKubeVersionValuesAndSets(HelmCli helm, @TempDir Path dir)
            throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "greeting: from-file\n");
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("replicas", "3");

        HelmResult result = helm.template(chart("tiny-chart"), "demo", "spark", HIGHEST_KUBE, List.of(values), sets);

        assertThat(result.exitCode()).as(result::describe).isZero();
        assertThat(result.stdout())
                .contains("# Source: tiny-chart/templates/configmap.yaml")
                .contains("name: demo-tiny-chart")
                .contains("namespace: \"spark\"")
                .contains("greeting: \"from-file\"")
                .contains("replicas: \"3\"")
                .contains("kubeVersion: \"v" + HIGHEST_KUBE + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helms")
    void setValuesWithCommasAreKeptWhole(HelmCli helm) {
        HelmResult result = helm.template(
                chart("tiny-chart"), "demo", "spark", LOWEST_KUBE, List.of(), Map.of("greeting", "a,b\\c"));

        assertThat(result.exitCode()).as(result::describe).isZero();
        assertThat(result.stdout()).contains("greeting: \"a,b\\\\c\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helms")
    void valuesOutsideTheSchemaAreRejectedWithTheirPath(HelmCli helm) {
        HelmResult result =
                helm.template(chart("tiny-chart"), "demo", "spark", HIGHEST_KUBE, List.of(), Map.of("replicas", "0"));

        assertThat(result.exitCode()).as(result::describe).isNotZero();
        assertThat(result.stderr()).contains("replicas");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helms")
    void brokenTemplateFailsNamingTheFile(HelmCli helm) {
        Path chart = chart("broken-chart");

        HelmResult template = helm.template(chart, "demo", "spark", HIGHEST_KUBE, List.of(), Map.of());
        HelmResult lint = helm.lint(chart, true, List.of(), Map.of());

        assertThat(template.exitCode()).as(template::describe).isNotZero();
        assertThat(template.stderr())
                .contains("broken-chart/templates/broken-configmap.yaml")
                .contains("noSuchFunction");
        assertThat(lint.exitCode()).as(lint::describe).isNotZero();
        // lint prints its findings on stdout; only the summary goes to stderr
        assertThat(lint.stdout()).contains("[ERROR]").contains("templates/broken-configmap.yaml");
        assertThat(lint.stderr()).contains("1 chart(s) failed");
    }

    private static Path chart(String name) {
        try {
            return Path.of(HelmCliTest.class
                            .getResource("/tools/" + name + "/Chart.yaml")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
