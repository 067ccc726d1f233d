package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final Finding finding = new Finding(
            "labels",
            "Secret",
            "s3",
            "metadata.labels[helm.sh/chart]",
            "label \"helm.sh/chart\" is missing;\nadd it",
            "values: defaults, kube 1.29.0");

    @Test
    void formatsOneLinePerFinding() {
        VerificationReport report = new VerificationReport(List.of(finding));

        assertThat(report.ok()).isFalse();
        assertThat(report.format())
                .isEqualTo("Verification failed: 1 finding\n"
                        + "  [labels] Secret/s3 at metadata.labels[helm.sh/chart]: label \"helm.sh/chart\" is missing;\nadd it"
                        + " (values: defaults, kube 1.29.0)\n");
        assertThat(new Finding("helm-lint", "", "", "", "bad", "helm lint --strict").format())
                .isEqualTo("[helm-lint] chart: bad (helm lint --strict)");
    }

    @Test
    void saysWhatEachGateRanOn() {
        VerificationReport report = new VerificationReport(
                List.of(),
                List.of(new Gate(
                        Checks.K8S_SCHEMA,
                        "Kubernetes API schema 1.29",
                        "values: defaults, kube 1.29.0",
                        12,
                        "objects")));

        assertThat(report.ok()).isTrue();
        assertThat(report.gates().get(0).format())
                .isEqualTo("k8s-schema      Kubernetes API schema 1.29: 12 objects (values: defaults, kube 1.29.0)");
        assertThat(new VerificationReport(List.of(finding)).gates()).isEmpty();
    }

    @Test
    void filtersByCheck() {
        VerificationReport report = new VerificationReport(List.of(finding));

        assertThat(report.findings("labels")).containsExactly(finding);
        assertThat(report.findings("resources")).isEmpty();
    }

    @Test
    void kubeVersionRangeIsOneConstant() {
        assertThat(KubeVersions.kubeVersionConstraint()).isEqualTo(">=1.29.0-0");
        assertThat(KubeVersions.defaults()).containsExactly("1.29.0", "1.34.0");
        assertThat(Checks.all()).doesNotHaveDuplicates().contains("pss-restricted", "k8s-schema", "helm-lint");
    }
}
