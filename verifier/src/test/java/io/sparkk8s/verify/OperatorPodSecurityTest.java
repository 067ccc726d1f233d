package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pod Security "restricted" on the pods the Spark Operator has Spark build for a SparkApplication and a
 * ScheduledSparkApplication ({@link OperatorPods}): the driver and executor pod templates as rendered, and the pods
 * as the operator's webhook changes them (security contexts, init containers, sidecars, volumes); the templates also
 * through the Kubernetes schema and reference checks. A restricted application passes; each defect is planted into
 * it and caught, with the field to fix.
 */
class OperatorPodSecurityTest {

    private static final String SECURE_POD = """
            fsGroup: 185
            runAsGroup: 185
            runAsNonRoot: true
            runAsUser: 185
            seccompProfile: {type: RuntimeDefault}
            """;
    private static final String SECURE_CONTAINER = """
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
            runAsNonRoot: true
            """;
    private static final String SIDECAR = """
            - name: log-shipper
              image: fluent/fluent-bit:4.2.0
              restartPolicy: Always
              securityContext:
            %s""".formatted(SECURE_CONTAINER.indent(4));

    /** One role: the CRD's security fields and a template with the sidecar (as the chart renders them). */
    private static String role(String name, String container) {
        return """
                %s:
                  cores: 1
                  memory: 1g
                  podSecurityContext:
                %s  securityContext:
                %s  template:
                    spec:
                      securityContext:
                %s      initContainers:
                %s      containers:
                        - name: %s
                          securityContext:
                %s          volumeMounts: [{name: spark-logs, mountPath: /opt/spark-k8s/logs}]
                      volumes: [{name: spark-logs, emptyDir: {sizeLimit: 512Mi}}]
                """.formatted(
                        name,
                        SECURE_POD.indent(4),
                        SECURE_CONTAINER.indent(4),
                        SECURE_POD.indent(8),
                        SIDECAR.indent(8),
                        container,
                        SECURE_CONTAINER.indent(12));
    }

    private static String application(boolean scheduled) {
        String spec = """
                type: Python
                mode: cluster
                sparkVersion: 4.1.2
                image: apache/spark:4.1.2
                mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
                volumes: [{name: tmp, emptyDir: {}}]
                """
                + role("driver", "spark-kubernetes-driver")
                + role("executor", "spark-executor").replace("  cores: 1\n", "  cores: 1\n  instances: 1\n");
        String body = scheduled
                ? "kind: ScheduledSparkApplication\nmetadata:\n  name: rel-job-pi\nspec:\n  schedule: \"@daily\"\n"
                        + "  template:\n" + spec.indent(4)
                : "kind: SparkApplication\nmetadata:\n  name: rel-job-pi\nspec:\n" + spec.indent(2);
        return "apiVersion: sparkoperator.k8s.io/v1beta2\n" + body;
    }

    private static VerificationReport verify(String yaml) {
        return Verifier.builder().build().verifyManifests(yaml, "values: test.yaml");
    }

    private static List<Finding> of(VerificationReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).toList();
    }

    @Test
    void aRestrictedApplicationPassesAndItsPodsAreCounted() {
        for (boolean scheduled : List.of(false, true)) {
            VerificationReport report = verify(application(scheduled));
            assertThat(of(report, Checks.PSS_RESTRICTED)).as(report.format()).isEmpty();
            assertThat(of(report, Checks.K8S_SCHEMA)).as(report.format()).isEmpty();
            // two roles, each as its template and as the webhook leaves it
            assertThat(report.gates())
                    .filteredOn(g -> g.check().equals(Checks.PSS_RESTRICTED))
                    .singleElement()
                    .satisfies(g -> assertThat(g.count()).isEqualTo(4));
        }
    }

    @Test
    void aSidecarThatMayEscalateInATemplateIsCaught() {
        for (boolean scheduled : List.of(false, true)) {
            String planted = application(scheduled)
                    .replaceFirst("(?s)(- name: log-shipper.*?allowPrivilegeEscalation: )false", "$1true");
            assertThat(planted).isNotEqualTo(application(scheduled));
            String prefix = scheduled ? "spec.template.driver.template.spec" : "spec.driver.template.spec";
            assertThat(of(verify(planted), Checks.PSS_RESTRICTED)).anySatisfy(f -> {
                assertThat(f.path()).isEqualTo(prefix + ".initContainers[0].securityContext.allowPrivilegeEscalation");
                assertThat(f.message()).contains("log-shipper").contains("pod template in");
            });
        }
    }

    @Test
    void aWeakSecurityContextOfTheCrdIsCaughtOnThePodTheWebhookLeaves() {
        String planted = application(false)
                .replaceFirst("(?s)(executor:.*?  securityContext:\\n)", "$1      privileged: true\n");
        assertThat(planted).isNotEqualTo(application(false));
        assertThat(of(verify(planted), Checks.PSS_RESTRICTED)).anySatisfy(f -> assertThat(f.message())
                .contains("'spark-executor' is privileged")
                .contains("spec.executor (the executor pod with the operator's webhook)"));
        // the CRD's pod security context without a seccomp profile replaces the template's, which had one
        String noSeccomp = application(false)
                .replaceFirst(
                        "(?s)(driver:.*?podSecurityContext:\\n.*?\\n) *seccompProfile: \\{type: RuntimeDefault}\\n",
                        "$1");
        assertThat(noSeccomp).isNotEqualTo(application(false));
        assertThat(of(verify(noSeccomp), Checks.PSS_RESTRICTED)).anySatisfy(f -> assertThat(f.message())
                .contains("seccomp")
                .contains("the driver pod with the operator's webhook"));
    }

    @Test
    void aHostPathVolumeAndAnUnrestrictedSidecarOfTheCrdAreCaught() {
        String hostPath = application(false)
                .replace("volumes: [{name: tmp, emptyDir: {}}]", "volumes: [{name: tmp, hostPath: {path: /tmp}}]");
        assertThat(of(verify(hostPath), Checks.PSS_RESTRICTED))
                .anySatisfy(f -> assertThat(f.message()).contains("hostPath"));
        String sidecar = application(false)
                .replace("  executor:\n", "  executor:\n    sidecars: [{name: tail, image: busybox:1.37}]\n");
        assertThat(sidecar).isNotEqualTo(application(false));
        assertThat(of(verify(sidecar), Checks.PSS_RESTRICTED))
                .anySatisfy(f -> assertThat(f.message()).contains("'tail'"));
    }

    @Test
    void aTemplateVolumeOfAConfigMapNotRenderedAndAMountWithoutVolumeAreCaught() {
        String planted = application(false)
                .replaceFirst(
                        "volumes: \\[\\{name: spark-logs, emptyDir: \\{sizeLimit: 512Mi}}]",
                        "volumes: [{name: spark-logs, emptyDir: {sizeLimit: 512Mi}}, "
                                + "{name: wiring, configMap: {name: rel-spark-wirin}}]");
        assertThat(planted).isNotEqualTo(application(false));
        assertThat(of(verify(planted), Checks.REF_INTEGRITY)).anySatisfy(f -> {
            assertThat(f.path()).isEqualTo("spec.driver.template.spec.volumes[1].configMap.name");
            assertThat(f.message()).contains("rel-spark-wirin");
        });
        String noVolume = application(false)
                .replaceFirst(
                        "(?s)(executor:.*?)volumes: \\[\\{name: spark-logs, emptyDir: \\{sizeLimit: 512Mi}}]",
                        "$1volumes: []");
        assertThat(noVolume).isNotEqualTo(application(false));
        assertThat(of(verify(noVolume), Checks.REF_INTEGRITY))
                .anySatisfy(f -> assertThat(f.message()).contains("spark-logs"));
        assertThat(of(verify(application(false)), Checks.REF_INTEGRITY)).isEmpty();
    }

    @Test
    void aMisspeltFieldInATemplateIsCaughtByTheKubernetesSchema() {
        String planted = application(false).replaceFirst("restartPolicy: Always", "restartPolicy: [Always]");
        assertThat(of(verify(planted), Checks.K8S_SCHEMA))
                .anySatisfy(f -> assertThat(f.path()).startsWith("spec.driver.template"));
    }
}
