package io.sparkk8s.verify;

import static io.sparkk8s.verify.Fixtures.goodManifests;
import static io.sparkk8s.verify.Fixtures.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1Deployment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Object-level checks on rendered YAML: a good set passes, and every planted defect fires its check. */
class ManifestChecksTest {

    private static final String DEPLOYMENT = "kind: Deployment";
    private static final String CONNECT = "        - name: connect\n";
    private static final String POD = "spec.template.spec";

    private final Verifier verifier = Verifier.builder().build();

    private VerificationReport verify(String yaml) {
        return verifier.verifyManifests(yaml, "values: test.yaml, kube 1.29.0");
    }

    private static void assertFindings(VerificationReport report, org.assertj.core.groups.Tuple... expected) {
        assertThat(report.findings())
                .as(report.format())
                .extracting(Finding::check, Finding::kind, Finding::name, Finding::path)
                .containsExactly(expected);
    }

    @Test
    void goodSetHasNoFindings() {
        VerificationReport report = verify(goodManifests());

        assertThat(report.ok()).as(report.format()).isTrue();
        assertThat(report.format()).isEqualTo("Verification passed: no findings.\n");
    }

    @Test
    void findingsCarryTheSource() {
        VerificationReport report = verifier.verifyManifests(
                mutate(
                        goodManifests(),
                        "      serviceAccountName: rel-demo\n",
                        "      serviceAccountName: rel-demo\n      hostNetwork: true\n"),
                "values: presets/x.yaml, kube 1.29.0");

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.source()).isEqualTo("values: presets/x.yaml, kube 1.29.0"))
                .satisfies(f -> assertThat(f.message()).contains("hostNetwork", "Host Namespaces"));
    }

    @Nested
    class PodSecurity {

        @Test
        void podWithoutSeccomp() {
            String yaml = mutate(
                    goodManifests(),
                    "        fsGroup: 185\n        seccompProfile:\n          type: RuntimeDefault\n",
                    "        fsGroup: 185\n");

            assertFindings(
                    verify(yaml),
                    tuple("pss-restricted", "Deployment", "rel-demo", POD + ".securityContext.seccompProfile.type"));
        }

        @Test
        void containerWithoutRunAsNonRootWhenThePodDoesNotSetIt() {
            String yaml = mutate(
                    goodManifests(),
                    "        runAsNonRoot: true\n        runAsUser: 185\n        fsGroup: 185\n",
                    "        runAsUser: 185\n        fsGroup: 185\n");
            yaml = mutate(
                    yaml,
                    "        - name: wait-for-s3\n",
                    "          securityContext:\n",
                    "          securityContext:\n            runAsNonRoot: true\n");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report,
                    tuple(
                            "pss-restricted",
                            "Deployment",
                            "rel-demo",
                            POD + ".containers[0].securityContext.runAsNonRoot"));
            assertThat(report.findings().get(0).message()).contains("container 'connect'", "runAsNonRoot: true");
        }

        @Test
        void privilegedContainer() {
            String yaml = mutate(
                    goodManifests(),
                    CONNECT,
                    "            readOnlyRootFilesystem: true\n",
                    "            readOnlyRootFilesystem: true\n            privileged: true\n");

            assertFindings(
                    verify(yaml),
                    tuple(
                            "pss-restricted",
                            "Deployment",
                            "rel-demo",
                            POD + ".containers[0].securityContext.privileged"));
        }

        @Test
        void hostPathVolume() {
            String yaml = mutate(
                    goodManifests(),
                    "        - name: tmp\n          emptyDir: {}\n",
                    "        - name: tmp\n          hostPath:\n            path: /tmp\n");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("pss-restricted", "Deployment", "rel-demo", POD + ".volumes[2].hostPath"));
            assertThat(report.findings().get(0).message()).contains("HostPath Volumes");
        }

        @Test
        void hostNetwork() {
            String yaml = mutate(
                    goodManifests(),
                    "      serviceAccountName: rel-demo\n",
                    "      serviceAccountName: rel-demo\n      hostNetwork: true\n");

            assertFindings(verify(yaml), tuple("pss-restricted", "Deployment", "rel-demo", POD + ".hostNetwork"));
        }

        @Test
        void capabilityAddSysAdmin() {
            String yaml = mutate(
                    goodManifests(),
                    CONNECT,
                    "              drop: [\"ALL\"]\n",
                    "              drop: [\"ALL\"]\n              add: [\"NET_BIND_SERVICE\", \"SYS_ADMIN\"]\n");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report,
                    tuple(
                            "pss-restricted",
                            "Deployment",
                            "rel-demo",
                            POD + ".containers[0].securityContext.capabilities.add[1]"));
            assertThat(report.findings().get(0).message()).contains("SYS_ADMIN", "NET_BIND_SERVICE");
        }

        @Test
        void capabilitiesNotDropped() {
            String yaml = mutate(
                    goodManifests(), CONNECT, "              drop: [\"ALL\"]\n", "              drop: [\"NET_RAW\"]\n");

            assertFindings(
                    verify(yaml),
                    tuple(
                            "pss-restricted",
                            "Deployment",
                            "rel-demo",
                            POD + ".containers[0].securityContext.capabilities.drop"));
        }

        @Test
        void embeddedExecutorPodTemplateWithoutSecurityContext() {
            String yaml = mutate(
                    goodManifests(),
                    "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 185\n        seccompProfile:\n"
                            + "          type: RuntimeDefault\n      containers:\n        - name: spark-kubernetes-executor\n"
                            + "          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n"
                            + "              drop: [\"ALL\"]\n",
                    "      containers:\n        - name: spark-kubernetes-executor\n");

            VerificationReport report = verify(yaml);

            String spec = "data[executor-pod-template.yaml].spec";
            assertFindings(
                    report,
                    tuple(
                            "pss-restricted",
                            "ConfigMap",
                            "rel-demo-conf",
                            spec + ".containers[0].securityContext.capabilities.drop"),
                    tuple(
                            "pss-restricted",
                            "ConfigMap",
                            "rel-demo-conf",
                            spec + ".securityContext.seccompProfile.type"),
                    tuple(
                            "pss-restricted",
                            "ConfigMap",
                            "rel-demo-conf",
                            spec + ".containers[0].securityContext.allowPrivilegeEscalation"),
                    tuple("pss-restricted", "ConfigMap", "rel-demo-conf", spec + ".securityContext.runAsNonRoot"));
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.message())
                    .contains("pod template in data[executor-pod-template.yaml]"));
        }

        @Test
        void initContainerViolation() {
            String yaml = mutate(
                    goodManifests(),
                    "        - name: wait-for-s3\n",
                    "allowPrivilegeEscalation: false",
                    "allowPrivilegeEscalation: true");

            assertFindings(
                    verify(yaml),
                    tuple(
                            "pss-restricted",
                            "Deployment",
                            "rel-demo",
                            POD + ".initContainers[0].securityContext.allowPrivilegeEscalation"));
        }

        @Test
        void helmTestPodRunningAsRoot() {
            String yaml = mutate(goodManifests(), "    runAsUser: 1000\n", "    runAsUser: 0\n");

            assertFindings(
                    verify(yaml), tuple("pss-restricted", "Pod", "rel-demo-test", "spec.securityContext.runAsUser"));
        }

        @Test
        void cronJobTemplateIsChecked() {
            String cronJob = """
          apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: rel-demo-cleaner
            labels:
              app.kubernetes.io/name: demo
              app.kubernetes.io/instance: rel
              app.kubernetes.io/managed-by: Helm
              helm.sh/chart: demo-0.1.0
          spec:
            schedule: "0 * * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: OnFailure
                    hostPID: true
                    securityContext:
                      runAsNonRoot: true
                      seccompProfile:
                        type: RuntimeDefault
                    containers:
                      - name: clean
                        image: busybox:1.37.0
                        securityContext:
                          allowPrivilegeEscalation: false
                          capabilities:
                            drop: [ALL]
                        resources:
                          requests: {cpu: 10m, memory: 16Mi}
                          limits: {memory: 32Mi}
          """;

            assertFindings(
                    verify(cronJob),
                    tuple(
                            "pss-restricted",
                            "CronJob",
                            "rel-demo-cleaner",
                            "spec.jobTemplate.spec.template.spec.hostPID"));
        }

        @Test
        void baselineLevelIgnoresRestrictedOnlyControls() {
            String yaml = mutate(
                    goodManifests(),
                    "        fsGroup: 185\n        seccompProfile:\n          type: RuntimeDefault\n",
                    "        fsGroup: 185\n");
            yaml = mutate(
                    yaml,
                    CONNECT,
                    "            readOnlyRootFilesystem: true\n",
                    "            readOnlyRootFilesystem: true\n            privileged: true\n");
            Verifier baseline =
                    Verifier.builder().podSecurity(PodSecurityLevel.BASELINE).build();

            VerificationReport report = baseline.verifyManifests(yaml, "test");

            assertFindings(
                    report,
                    tuple("pss-baseline", "Deployment", "rel-demo", POD + ".containers[0].securityContext.privileged"));
        }
    }

    @Nested
    class References {

        @Test
        void serviceSelectingNothing() {
            String yaml = mutate(
                    goodManifests(),
                    "kind: Service\n",
                    "app.kubernetes.io/component: connect",
                    "app.kubernetes.io/component: server");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("ref-integrity", "Service", "rel-demo", "spec.selector"));
            assertThat(report.findings().get(0).message())
                    .contains("selects no pod", "app.kubernetes.io/component=server");
        }

        @Test
        void serviceTargetPortNameNotOnThePod() {
            String yaml = mutate(goodManifests(), "targetPort: ui", "targetPort: web-ui");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("ref-integrity", "Service", "rel-demo", "spec.ports[1].targetPort"));
            assertThat(report.findings().get(0).message()).contains("'web-ui'", "Deployment/rel-demo", "grpc, ui");
        }

        @Test
        void volumeMountWithoutVolume() {
            String yaml = mutate(
                    goodManifests(),
                    "            - name: tmp\n              mountPath: /tmp\n",
                    "            - name: scratch\n              mountPath: /tmp\n");

            assertFindings(
                    verify(yaml),
                    tuple("ref-integrity", "Deployment", "rel-demo", POD + ".containers[0].volumeMounts[2].name"));
        }

        @Test
        void missingConfigMap() {
            String yaml = mutate(
                    goodManifests(),
                    DEPLOYMENT,
                    "configMap:\n            name: rel-demo-conf\n",
                    "configMap:\n            name: rel-demo-config\n");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report, tuple("ref-integrity", "Deployment", "rel-demo", POD + ".volumes[0].configMap.name"));
            assertThat(report.findings().get(0).message())
                    .contains(
                            "ConfigMap 'rel-demo-config'",
                            "optional: true",
                            "ExternalRef(\"ConfigMap\", \"rel-demo-config\")");
        }

        @Test
        void missingSecret() {
            String yaml = mutate(
                    goodManifests(),
                    "                  name: rel-demo-s3\n                  key: accessKey",
                    "                  name: rel-demo-creds\n                  key: accessKey");

            assertFindings(
                    verify(yaml),
                    tuple(
                            "ref-integrity",
                            "Deployment",
                            "rel-demo",
                            POD + ".containers[0].env[1].valueFrom.secretKeyRef.name"));
        }

        @Test
        void missingSecretKey() {
            String yaml = mutate(goodManifests(), "key: secretKey", "key: password");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report,
                    tuple(
                            "ref-integrity",
                            "Deployment",
                            "rel-demo",
                            POD + ".containers[0].env[2].valueFrom.secretKeyRef.key"));
            assertThat(report.findings().get(0).message()).contains("accessKey, secretKey");
        }

        @Test
        void missingPersistentVolumeClaim() {
            String yaml = mutate(goodManifests(), "claimName: rel-demo-data", "claimName: rel-demo-other");

            assertFindings(
                    verify(yaml),
                    tuple(
                            "ref-integrity",
                            "Deployment",
                            "rel-demo",
                            POD + ".volumes[1].persistentVolumeClaim.claimName"));
        }

        @Test
        void missingServiceAccount() {
            String yaml =
                    mutate(goodManifests(), "serviceAccountName: rel-demo\n", "serviceAccountName: rel-demo-runner\n");

            assertFindings(verify(yaml), tuple("ref-integrity", "Deployment", "rel-demo", POD + ".serviceAccountName"));
        }

        @Test
        void roleBindingToMissingRole() {
            String yaml = mutate(
                    goodManifests(),
                    "  kind: Role\n  name: rel-demo-executors\n",
                    "  kind: Role\n  name: rel-demo-driver\n");

            assertFindings(verify(yaml), tuple("ref-integrity", "RoleBinding", "rel-demo-executors", "roleRef.name"));
        }

        @Test
        void roleBindingSubjectWithoutServiceAccount() {
            String yaml = mutate(
                    goodManifests(),
                    "    name: rel-demo\n    namespace: default\n",
                    "    name: rel-demo-spark\n    namespace: default\n");

            assertFindings(
                    verify(yaml), tuple("ref-integrity", "RoleBinding", "rel-demo-executors", "subjects[0].name"));
        }

        @Test
        void optionalAndExternalReferencesAreAccepted() {
            String yaml = mutate(
                    goodManifests(),
                    "          envFrom:\n            - configMapRef:\n                name: rel-demo-conf\n",
                    "          envFrom:\n            - configMapRef:\n                name: user-settings\n                optional: true\n"
                            + "            - secretRef:\n                name: platform-s3\n");

            assertFindings(
                    verify(yaml),
                    tuple("ref-integrity", "Deployment", "rel-demo", POD + ".containers[0].envFrom[1].secretRef.name"));
            VerificationReport withExternal = Verifier.builder()
                    .externalRef("Secret", "platform-s3")
                    .build()
                    .verifyManifests(yaml, "test");
            assertThat(withExternal.ok()).as(withExternal.format()).isTrue();
        }

        @Test
        void statefulSetVolumeClaimTemplatesCountAsVolumes() {
            String statefulSet = """
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: rel-minio
            labels:
              app.kubernetes.io/name: minio
              app.kubernetes.io/instance: rel
              app.kubernetes.io/managed-by: Helm
              helm.sh/chart: demo-0.1.0
          spec:
            serviceName: rel-minio
            selector:
              matchLabels: {app.kubernetes.io/name: minio}
            template:
              metadata:
                labels: {app.kubernetes.io/name: minio}
              spec:
                securityContext:
                  runAsNonRoot: true
                  seccompProfile: {type: RuntimeDefault}
                containers:
                  - name: minio
                    image: minio/minio:RELEASE.2025-04-22T22-12-26Z
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
                    resources:
                      requests: {cpu: 100m, memory: 256Mi}
                      limits: {memory: 512Mi}
                    volumeMounts:
                      - name: export
                        mountPath: /export
                      - name: cache
                        mountPath: /cache
            volumeClaimTemplates:
              - metadata:
                  name: export
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests: {storage: 10Gi}
          """;

            assertFindings(
                    verify(statefulSet),
                    tuple(
                            "ref-integrity",
                            "StatefulSet",
                            "rel-minio",
                            "spec.template.spec.containers[0].volumeMounts[1].name"));
        }

        @Test
        void ingressBackendPortMustExistOnTheService() {
            String ingress = goodManifests() + """
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: rel-demo
            labels:
              app.kubernetes.io/name: demo
              app.kubernetes.io/instance: rel
              app.kubernetes.io/managed-by: Helm
              helm.sh/chart: demo-0.1.0
          spec:
            rules:
              - host: spark.example.org
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: rel-demo
                          port:
                            name: ui
                    - path: /history
                      pathType: Prefix
                      backend:
                        service:
                          name: rel-demo
                          port:
                            number: 18080
          """;

            assertFindings(
                    verify(ingress),
                    tuple("ref-integrity", "Ingress", "rel-demo", "spec.rules[0].http.paths[1].backend.service.port"));
        }

        @Test
        void duplicateObjectNames() {
            String yaml = goodManifests() + """
          ---
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: rel-demo
            labels:
              app.kubernetes.io/name: demo
              app.kubernetes.io/instance: rel
              app.kubernetes.io/managed-by: Helm
              helm.sh/chart: demo-0.1.0
          """;

            assertFindings(verify(yaml), tuple("ref-integrity", "ServiceAccount", "rel-demo", "metadata.name"));
        }
    }

    @Nested
    class Containers {

        @Test
        void duplicateEnv() {
            String yaml = mutate(
                    goodManifests(),
                    "              value: /opt/spark/conf\n",
                    "              value: /opt/spark/conf\n            - name: SPARK_CONF_DIR\n              value: /etc/spark\n");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report, tuple("duplicate-env", "Deployment", "rel-demo", POD + ".containers[0].env[1].name"));
            assertThat(report.findings().get(0).message()).contains("SPARK_CONF_DIR", "env[0]", "env[1]");
        }

        @Test
        void duplicatePort() {
            String yaml = mutate(
                    goodManifests(),
                    "              containerPort: 4040\n              protocol: TCP\n",
                    "              containerPort: 4040\n              protocol: TCP\n            - name: grpc-alt\n"
                            + "              containerPort: 15002\n");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report,
                    tuple("duplicate-port", "Deployment", "rel-demo", POD + ".containers[0].ports[2].containerPort"));
            assertThat(report.findings().get(0).message()).contains("15002/TCP");
        }

        @Test
        void duplicatePortName() {
            String yaml = mutate(
                    goodManifests(),
                    "            - name: ui\n              containerPort: 4040\n",
                    "            - name: grpc\n              containerPort: 4040\n");
            yaml = mutate(yaml, "targetPort: ui", "targetPort: grpc");

            assertFindings(
                    verify(yaml),
                    tuple("duplicate-port", "Deployment", "rel-demo", POD + ".containers[0].ports[1].name"));
        }

        @Test
        void missingMemoryLimit() {
            String yaml = mutate(
                    goodManifests(),
                    "              memory: 1Gi\n            limits:\n              memory: 2Gi\n",
                    "              memory: 1Gi\n");

            assertFindings(
                    verify(yaml),
                    tuple("resources", "Deployment", "rel-demo", POD + ".containers[0].resources.limits.memory"));
        }

        @Test
        void requestAboveLimit() {
            String yaml = mutate(
                    goodManifests(),
                    "              memory: 1Gi\n            limits:\n              memory: 2Gi\n",
                    "              memory: 2049Mi\n            limits:\n              memory: 2Gi\n");

            VerificationReport report = verify(yaml);
            assertFindings(
                    report,
                    tuple("resources", "Deployment", "rel-demo", POD + ".containers[0].resources.requests.memory"));
            assertThat(report.findings().get(0).message()).contains("2049Mi", "above its limit 2Gi");
        }

        @Test
        void requestEqualToLimitIsFine() {
            String yaml = mutate(
                    goodManifests(),
                    "              memory: 1Gi\n            limits:\n              memory: 2Gi\n",
                    "              memory: 2048Mi\n            limits:\n              memory: 2Gi\n");

            assertThat(verify(yaml).findings()).isEmpty();
        }

        @Test
        void missingCpuRequest() {
            String yaml = mutate(goodManifests(), "        - name: wait-for-s3\n", "              cpu: 10m\n", "");

            assertFindings(
                    verify(yaml),
                    tuple("resources", "Deployment", "rel-demo", POD + ".initContainers[0].resources.requests.cpu"));
        }

        @Test
        void latestImage() {
            String yaml = mutate(
                    goodManifests(), "image: apache/spark:4.1.0-scala2.13-java17-ubuntu", "image: apache/spark:latest");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("image-pinned", "Deployment", "rel-demo", POD + ".containers[0].image"));
            assertThat(report.findings().get(0).message()).contains("latest");
        }

        @Test
        void imageWithoutTag() {
            String yaml = mutate(
                    goodManifests(),
                    "    - name: probe\n      image: busybox:1.37.0\n",
                    "    - name: probe\n      image: registry.example.com:5000/busybox\n");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("image-pinned", "Pod", "rel-demo-test", "spec.containers[0].image"));
            assertThat(report.findings().get(0).message()).contains("no tag");
        }

        @Test
        void digestPinsAnImage() {
            assertThat(ContainerCheck.pinningProblem("busybox@sha256:" + "a".repeat(64)))
                    .isNull();
            assertThat(ContainerCheck.pinningProblem("registry:5000/team/busybox:1.37.0"))
                    .isNull();
            assertThat(ContainerCheck.pinningProblem("registry:5000/team/busybox"))
                    .contains("no tag");
            assertThat(ContainerCheck.pinningProblem("busybox:")).contains("no tag");
            assertThat(ContainerCheck.pinningProblem("busybox@sha256:abc")).contains("malformed digest");
        }
    }

    @Nested
    class Schema {

        @Test
        void unknownFieldNestedInAContainer() {
            String yaml = mutate(
                    goodManifests(),
                    CONNECT,
                    "          image: apache",
                    "          imagePullPolize: Always\n          image: apache");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report, tuple("k8s-schema", "Deployment", "rel-demo", POD + ".containers[0].imagePullPolize"));
            assertThat(report.findings().get(0).message()).contains("unknown field", "did you mean 'imagePullPolicy'");
        }

        @Test
        void wrongTypeStringWhereIntegerExpected() {
            String yaml = mutate(goodManifests(), "containerPort: 15002", "containerPort: \"15002\"");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report,
                    tuple("k8s-schema", "Deployment", "rel-demo", POD + ".containers[0].ports[0].containerPort"));
            assertThat(report.findings().get(0).message()).contains("expected an integer", "\"15002\"");
        }

        @Test
        void wrongTypeNumberWhereStringExpected() {
            String yaml = mutate(
                    goodManifests(),
                    "    helm.sh/hook: test\n",
                    "    helm.sh/hook: test\n    example.org/retries: 3\n");

            assertFindings(
                    verify(yaml),
                    tuple("k8s-schema", "Pod", "rel-demo-test", "metadata.annotations[example.org/retries]"));
        }

        @Test
        void unquotedYamlOneOneBooleanWhereStringExpected() {
            String yaml = mutate(goodManifests(), "value: /opt/spark/conf", "value: on");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("k8s-schema", "Deployment", "rel-demo", POD + ".containers[0].env[0].value"));
            assertThat(report.findings().get(0).message()).contains("the boolean true", "quote the value");
            assertThat(verify(mutate(goodManifests(), "value: /opt/spark/conf", "value: \"on\""))
                            .ok())
                    .isTrue();
        }

        @Test
        void missingRequiredField() {
            String yaml = mutate(goodManifests(), "        - name: wait-for-s3\n          image:", "        - image:");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("k8s-schema", "Deployment", "rel-demo", POD + ".initContainers[0].name"));
            assertThat(report.findings().get(0).message()).contains("required field 'name'");
        }

        @Test
        void fieldNewerThanTheLowestKubernetesVersion() {
            String yaml = mutate(
                    goodManifests(),
                    CONNECT,
                    "            readOnlyRootFilesystem: true\n",
                    "            readOnlyRootFilesystem: true\n            appArmorProfile:\n              type: RuntimeDefault\n");

            VerificationReport report = verify(yaml);

            assertFindings(
                    report,
                    tuple(
                            "k8s-schema",
                            "Deployment",
                            "rel-demo",
                            POD + ".containers[0].securityContext.appArmorProfile"));
            assertThat(report.findings().get(0).message()).contains("only from Kubernetes 1.30");
            VerificationReport from130 = Verifier.builder()
                    .kubeVersions(java.util.List.of("1.30.0", "1.34.0"))
                    .build()
                    .verifyManifests(yaml, "test");
            assertThat(from130.ok()).as(from130.format()).isTrue();
        }

        @Test
        void badQuantity() {
            String yaml = mutate(goodManifests(), "storage: 1Gi", "storage: one-gig");

            assertFindings(
                    verify(yaml),
                    tuple("k8s-schema", "PersistentVolumeClaim", "rel-demo-data", "spec.resources.requests[storage]"));
        }

        @Test
        void unknownFieldInAnEmbeddedPodTemplate() {
            String yaml = mutate(
                    goodManifests(),
                    "        - name: spark-kubernetes-executor\n",
                    "        - name: spark-kubernetes-executor\n          imagePulPolicy: Always\n");

            assertFindings(
                    verify(yaml),
                    tuple(
                            "k8s-schema",
                            "ConfigMap",
                            "rel-demo-conf",
                            "data[executor-pod-template.yaml].spec.containers[0].imagePulPolicy"));
        }

        @Test
        void unknownKindUnlessWaived() {
            String certificate = """
          apiVersion: cert-manager.io/v1
          kind: Certificate
          metadata:
            name: rel-demo-tls
            labels:
              app.kubernetes.io/name: demo
              app.kubernetes.io/instance: rel
              app.kubernetes.io/managed-by: Helm
              helm.sh/chart: demo-0.1.0
          spec:
            secretName: rel-demo-tls
          """;

            assertFindings(verify(certificate), tuple("k8s-schema", "Certificate", "rel-demo-tls", "kind"));
            VerificationReport waived = Verifier.builder()
                    .waiver(new Waiver(
                            "k8s-schema", "Certificate", ".*", "cert-manager is installed by the platform team"))
                    .build()
                    .verifyManifests(certificate, "test");
            assertThat(waived.ok()).as(waived.format()).isTrue();
        }

        @Test
        void removedApiVersion() {
            String budget = """
          apiVersion: policy/v1beta1
          kind: PodDisruptionBudget
          metadata:
            name: rel-demo
            labels:
              app.kubernetes.io/name: demo
              app.kubernetes.io/instance: rel
              app.kubernetes.io/managed-by: Helm
              helm.sh/chart: demo-0.1.0
          spec:
            maxUnavailable: 1
          """;

            VerificationReport report = verify(budget);

            assertFindings(report, tuple("k8s-schema", "PodDisruptionBudget", "rel-demo", "apiVersion"));
            assertThat(report.findings().get(0).message()).contains("use policy/v1");
        }

        @Test
        void invalidYamlAndDuplicateKeys() {
            String yaml = mutate(
                    goodManifests(), "    helm.sh/hook: test\n", "    helm.sh/hook: test\n    helm.sh/hook: test\n");

            VerificationReport report = verify(yaml);

            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo("k8s-schema");
                assertThat(f.path()).isEqualTo("demo/templates/tests/test-connect.yaml");
                assertThat(f.message()).contains("not valid YAML", "duplicate key");
            });
        }

        @Test
        void serviceMonitorIsValidatedAndResolved() {
            String monitor = goodManifests() + """
          ---
          apiVersion: monitoring.coreos.com/v1
          kind: ServiceMonitor
          metadata:
            name: rel-demo
            labels:
              app.kubernetes.io/name: demo
              app.kubernetes.io/instance: rel
              app.kubernetes.io/managed-by: Helm
              helm.sh/chart: demo-0.1.0
          spec:
            selector:
              matchLabels:
                app.kubernetes.io/name: demo
            endpoints:
              - port: metrics
                interval: 30s
            scrapeEvery: 10s
          """;

            assertFindings(
                    verify(monitor),
                    tuple("k8s-schema", "ServiceMonitor", "rel-demo", "spec.scrapeEvery"),
                    tuple("ref-integrity", "ServiceMonitor", "rel-demo", "spec.endpoints[0].port"));
        }
    }

    /**
     * Characterises the client-java-api 27.0.0 models, to show why {@link ModelWalker} exists: the models'
     * validateJsonElement catches unknown fields and missing required fields, but not wrong scalar types.
     */
    @Nested
    class ClientModelBehaviour {

        private final String deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},
         "spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},
         "spec":{"containers":[CONTAINER]}}}}""";

        private void validate(String container) throws Exception {
            var json = JsonParser.parseString(deployment.replace("CONTAINER", container));
            V1Deployment.validateJsonElement(json);
            io.kubernetes.client.openapi.JSON.getGson().fromJson(json, V1Deployment.class);
        }

        @Test
        void modelsRejectUnknownFieldsAndMissingRequiredFields() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate("{\"name\":\"c\",\"bogus\":1}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bogus");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate("{\"image\":\"i:1\"}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("required field `name`");
        }

        @Test
        void modelsAcceptWrongScalarTypes() throws Exception {
            validate("{\"name\":\"c\",\"ports\":[{\"containerPort\":\"80\"}]}");
            validate("{\"name\":\"c\",\"image\":5,\"stdin\":\"yes\"}");
        }
    }

    @Nested
    class Metadata {

        @Test
        void missingLabel() {
            String yaml = mutate(goodManifests(), "kind: Secret\n", "    helm.sh/chart: demo-0.1.0\n", "");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("labels", "Secret", "rel-demo-s3", "metadata.labels[helm.sh/chart]"));
        }

        @Test
        void invalidLabelValue() {
            String yaml = mutate(
                    goodManifests(),
                    "kind: Secret\n",
                    "app.kubernetes.io/instance: rel",
                    "app.kubernetes.io/instance: rel-" + "x".repeat(60));

            assertFindings(
                    verify(yaml),
                    tuple("labels", "Secret", "rel-demo-s3", "metadata.labels[app.kubernetes.io/instance]"));
        }

        @Test
        void serviceNameTooLong() {
            String longName = "rel-demo-" + "x".repeat(55);
            String yaml = mutate(
                    goodManifests(),
                    "kind: Service\nmetadata:\n  name: rel-demo\n",
                    "kind: Service\nmetadata:\n  name: " + longName + "\n");

            VerificationReport report = verify(yaml);

            assertFindings(report, tuple("name-length", "Service", longName, "metadata.name"));
            assertThat(report.findings().get(0).message()).contains("64 characters", "63");
        }

        @Test
        void serviceNameMustStartWithALetter() {
            String yaml = mutate(
                    goodManifests(),
                    "kind: Service\nmetadata:\n  name: rel-demo\n",
                    "kind: Service\nmetadata:\n  name: 1-demo\n");

            assertFindings(verify(yaml), tuple("name-length", "Service", "1-demo", "metadata.name"));
        }

        @Test
        void portNameTooLong() {
            String yaml =
                    mutate(goodManifests(), "            - name: ui\n", "            - name: spark-ui-http-port\n");
            yaml = mutate(yaml, "targetPort: ui", "targetPort: spark-ui-http-port");

            assertFindings(
                    verify(yaml), tuple("name-length", "Deployment", "rel-demo", POD + ".containers[0].ports[1].name"));
        }
    }

    @Nested
    class Waivers {

        private final String missingLabel =
                mutate(goodManifests(), "kind: Secret\n", "    helm.sh/chart: demo-0.1.0\n", "");

        @Test
        void waiverDropsTheFindingsItCovers() {
            Verifier waiving = Verifier.builder()
                    .waiver(new Waiver(
                            "labels", "Secret", "rel-demo-.*", "the S3 Secret is shared with a legacy chart"))
                    .build();

            assertThat(waiving.verifyManifests(missingLabel, "test").ok()).isTrue();
        }

        @Test
        void waiverForAnotherObjectKeepsTheFinding() {
            Verifier waiving = Verifier.builder()
                    .waivers(java.util.List.of(
                            new Waiver("labels", "Secret", "other-.*", "not this one"),
                            new Waiver("resources", "*", ".*", "wrong check")))
                    .build();

            assertThat(waiving.verifyManifests(missingLabel, "test").findings()).hasSize(1);
        }

        @Test
        void waiverNeedsAReason() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Waiver("labels", "Secret", ".*", " "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a reason");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Waiver("labels", "Secret", "(", "why"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid namePattern");
        }
    }
}
