package io.sparkk8s.verify;

import static io.sparkk8s.verify.Fixtures.chart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole charts through helm-java (Helm 3 in the JVM) at the lowest and highest supported Kubernetes versions. */
class VerifierChartTest {

    private final Verifier verifier = Verifier.builder().build();

    @Test
    void goodChartHasNoFindingsAtBothKubernetesVersions() {
        assertThat(Verifier.builder().build().toBuilder().build()).isNotNull();

        VerificationReport report = Verifier.builder()
                .kubeVersions(List.of(KubeVersions.LOWEST, KubeVersions.HIGHEST))
                .build()
                .verify(chart("good"), List.of());

        assertThat(report.ok()).as(report.format()).isTrue();
    }

    @Test
    void eachValuesFileIsVerifiedOnItsOwnAndNamedInTheSource(@TempDir Path dir) throws IOException {
        Path latest = Files.writeString(dir.resolve("latest.yaml"), "image:\n  tag: latest\n");

        VerificationReport report = verifier.verify(chart("good"), List.of(latest));

        assertThat(report.findings())
                .as(report.format())
                .extracting(Finding::check, Finding::kind, Finding::name, Finding::path, Finding::source)
                .containsExactly(tuple(
                        "image-pinned",
                        "Deployment",
                        "release-name-good",
                        "spec.template.spec.containers[0].image",
                        "values: " + latest + ", kube 1.29.0, 1.34.0"));
    }

    @Test
    void helmTestPodsAndHooksAreVerifiedAlthoughHelmJavaLeavesThemOut() {
        VerificationReport report = verifier.verify(chart("hooks"), List.of());

        assertThat(report.findings())
                .as(report.format())
                .extracting(Finding::check, Finding::kind, Finding::name, Finding::path)
                .containsExactly(
                        tuple("pss-restricted", "Pod", "release-name-test", "spec.securityContext.seccompProfile.type"),
                        tuple("pss-restricted", "Pod", "release-name-test", "spec.securityContext.runAsNonRoot"),
                        tuple(
                                "pss-restricted",
                                "Job",
                                "release-name-init",
                                "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation"));
        assertThat(report.format()).doesNotContain(HelmRunner.HOOK_ALIAS);
    }

    @Test
    void aSecretThatKeepsItsValuesThroughLookupRendersWithoutACluster(@TempDir Path dir) throws IOException {
        // helm-java lets lookup ask the current kube context (localhost:8080 without one) and fails; helm template
        // gives an empty map: the verifier renders a copy whose lookups are empty maps
        Path copy = copy(chart("good"), dir.resolve("good"));
        Path secret = copy.resolve("templates/secret.yaml");
        String text = Files.readString(secret);
        String withLookup = "{{- $existing := dig \"data\" (dict) (lookup \"v1\" \"Secret\" .Release.Namespace "
                + "(printf \"%s-good\" .Release.Name)) }}\n" + text;
        Files.writeString(secret, withLookup);
        assertThat(withLookup).contains("(lookup ");

        VerificationReport report = verifier.verify(copy, List.of());

        assertThat(report.ok()).as(report.format()).isTrue();
    }

    @Test
    void lookupCallsBecomeEmptyMapsAndNothingElseChanges() {
        assertThat(
                        OfflineTemplates.withoutLookups(
                                "{{- $e := dig \"data\" (dict) (lookup \"v1\" \"Secret\" .Release.Namespace $name) }}{{ get $e \"k\" }}"))
                .isEqualTo("{{- $e := dig \"data\" (dict) (dict) }}{{ get $e \"k\" }}");
        assertThat(OfflineTemplates.withoutLookups("lookups: {{ .Values.lookup }}"))
                .isEqualTo("lookups: {{ .Values.lookup }}");
    }

    @Test
    void kubeVersionIsAlwaysPassedToHelm(@TempDir Path dir) throws IOException {
        Path copy = copy(chart("good"), dir.resolve("good"));
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replace(">=1.29.0-0", ">=1.30.0-0"));

        VerificationReport report = verifier.verify(copy, List.of());

        assertThat(report.findings()).as(report.format()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("helm-template");
            assertThat(f.source()).isEqualTo("values: defaults, kube 1.29.0");
            assertThat(f.message()).contains("incompatible with Kubernetes v1.29.0");
        });
    }

    @Nested
    class HelmFailures {

        @Test
        void lintAndTemplateFailuresBecomeFindings() {
            VerificationReport report = verifier.verify(chart("broken"), List.of());

            assertThat(report.findings())
                    .as(report.format())
                    .extracting(Finding::check, Finding::path, Finding::source)
                    .containsExactly(
                            tuple("helm-lint", "broken/templates/configmap.yaml:4", "helm lint --strict"),
                            tuple(
                                    "helm-template",
                                    "broken/templates/configmap.yaml:4",
                                    "values: defaults, kube 1.29.0"),
                            tuple(
                                    "helm-template",
                                    "broken/templates/configmap.yaml:4",
                                    "values: defaults, kube 1.34.0"));
            assertThat(report.findings())
                    .allSatisfy(f -> assertThat(f.message()).contains("unexpected \"}\" in operand"));
        }

        @Test
        void missingChartOrValuesFileIsAnArgumentError(@TempDir Path dir) {
            assertThatThrownBy(() -> verifier.verify(dir, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no Chart.yaml");
            assertThatThrownBy(() -> verifier.verify(chart("good"), List.of(dir.resolve("nope.yaml"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("values file not found");
        }

        @Test
        void kubeVersionsAreValidated() {
            assertThatThrownBy(() -> Verifier.builder().kubeVersions(List.of("latest")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a Kubernetes version");
            assertThatThrownBy(() -> Verifier.builder().kubeVersions(List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
