package io.sparkk8s.verify;

import io.sparkk8s.verify.PodSpecs.PodSpecRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver and executor pods of a rendered kubeflow Spark Operator {@code SparkApplication} (or a
 * {@code ScheduledSparkApplication}'s template), for the Pod Security check, which must see them although the chart
 * renders no Pod for them (SPEC §9.3: "the driver/executor pod templates Spark uses"); the templates also go through
 * the Kubernetes schema and reference checks.
 *
 * <p>Each role ({@code driver}, {@code executor}) gives up to two pod specs, because the operator's pods come from
 * two places (kubeflow/spark-operator v2.5: {@code internal/controller/sparkapplication/submission.go},
 * {@code internal/webhook/sparkpod_defaulter.go}):
 *
 * <ul>
 *   <li>the pod Spark's builder makes from {@code spec.<role>.template}, which the operator writes to a file and
 *       passes as {@code spark.kubernetes.<role>.podTemplateFile} (Spark keeps the template's pod-level fields, init
 *       containers and volumes): what the pod is without the operator's mutating webhook;
 *   <li>that pod as the webhook then changes it: {@code spec.<role>.podSecurityContext} replaces the pod's security
 *       context, {@code spec.<role>.securityContext} the Spark container's (named {@code spark-kubernetes-driver},
 *       or {@code executor}/{@code spark-kubernetes-executor}, else the first), {@code initContainers} and
 *       {@code sidecars} are added, with {@code spec.volumes} and {@code hostNetwork}.
 * </ul>
 *
 * Spark's own additions (its ports, env, emptyDir and ConfigMap volumes) are not modelled: none of them weakens a
 * Pod Security control.
 */
final class OperatorPods {

    private static final String API = "sparkoperator.k8s.io/v1beta2";

    private OperatorPods() {}

    /** The application spec and its path, for a SparkApplication or ScheduledSparkApplication; else none. */
    private record App(K8sObject owner, Map<String, Object> spec, String path) {}

    static List<PodSpecRef> find(List<K8sObject> objects) {
        List<PodSpecRef> result = new ArrayList<>();
        for (K8sObject o : objects) {
            if (!API.equals(o.apiVersion())) {
                continue;
            }
            App app =
                    switch (o.kind()) {
                        case "SparkApplication" -> new App(o, Tree.mapAt(o.body(), "spec"), "spec");
                        case "ScheduledSparkApplication" ->
                            new App(o, Tree.mapAt(o.body(), "spec", "template"), "spec.template");
                        default -> null;
                    };
            if (app == null) {
                continue;
            }
            for (String role : List.of("driver", "executor")) {
                add(result, app, role);
            }
        }
        return result;
    }

    /**
     * Whether a pod of {@link #find} is a role's {@code template} as rendered (a PodTemplateSpec the CRD does not
     * validate: {@code x-kubernetes-preserve-unknown-fields}), for the Kubernetes schema check.
     */
    static boolean isTemplate(PodSpecRef pod) {
        return pod.documentPath().endsWith(".template");
    }

    private static void add(List<PodSpecRef> result, App app, String role) {
        Map<String, Object> roleSpec = Tree.mapAt(app.spec(), role);
        String rolePath = Tree.child(app.path(), role);
        Object template = roleSpec.get("template");
        Map<String, Object> templatePod = new LinkedHashMap<>(Tree.map(Tree.normalize(template)));
        String templatePath = Tree.child(rolePath, "template");
        if (template instanceof Map<?, ?>) {
            templatePod.putIfAbsent("spec", new LinkedHashMap<String, Object>());
            result.add(ref(app.owner(), templatePath, Tree.child(templatePath, "spec"), templatePod));
        }

        Map<String, Object> pod = Tree.map(Tree.normalize(templatePod));
        Map<String, Object> spec = new LinkedHashMap<>(Tree.mapAt(pod, "spec"));
        pod.put("spec", spec);
        List<Object> containers = new ArrayList<>(Tree.list(spec.get("containers")));
        int spark = sparkContainer(containers, role);
        if (spark < 0) {
            containers.add(0, new LinkedHashMap<>(Map.of("name", "spark-kubernetes-" + role)));
            spark = 0;
        }
        if (roleSpec.get("podSecurityContext") instanceof Map<?, ?> podSecurity) {
            spec.put("securityContext", podSecurity);
        }
        if (roleSpec.get("securityContext") instanceof Map<?, ?> security) {
            Map<String, Object> container = new LinkedHashMap<>(Tree.map(containers.get(spark)));
            container.put("securityContext", security);
            containers.set(spark, container);
        }
        containers.addAll(Tree.list(roleSpec.get("sidecars")));
        spec.put("containers", containers);
        List<Object> inits = new ArrayList<>(Tree.list(spec.get("initContainers")));
        inits.addAll(Tree.list(roleSpec.get("initContainers")));
        spec.put("initContainers", inits);
        List<Object> volumes = new ArrayList<>(Tree.list(spec.get("volumes")));
        volumes.addAll(Tree.listAt(app.spec(), "volumes"));
        spec.put("volumes", volumes);
        if (Tree.isTrue(roleSpec.get("hostNetwork"))) {
            spec.put("hostNetwork", true);
        }
        result.add(ref(app.owner(), rolePath + " (the " + role + " pod with the operator's webhook)", rolePath, pod));
    }

    /** As the webhook finds it (sparkpod_defaulter.go findContainer): by name, else the first container. */
    private static int sparkContainer(List<Object> containers, String role) {
        Set<String> names = "driver".equals(role)
                ? Set.of("spark-kubernetes-driver")
                : Set.of("executor", "spark-kubernetes-executor");
        for (int i = 0; i < containers.size(); i++) {
            if (names.contains(Tree.strAt(containers.get(i), "name"))) {
                return i;
            }
        }
        return containers.isEmpty() ? -1 : 0;
    }

    private static PodSpecRef ref(K8sObject owner, String documentPath, String path, Map<String, Object> pod) {
        return new PodSpecRef(
                owner,
                documentPath,
                path,
                Tree.mapAt(pod, "spec"),
                Tree.child(documentPath, "metadata"),
                Tree.mapAt(pod, "metadata"),
                true,
                pod,
                Set.of());
    }
}
