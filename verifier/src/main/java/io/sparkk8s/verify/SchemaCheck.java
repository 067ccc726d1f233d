package io.sparkk8s.verify;

import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1LimitRange;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1ReplicaSet;
import io.kubernetes.client.openapi.models.V1ResourceQuota;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates each object against the Kubernetes API model of its apiVersion and kind (client-java-api):
 * first {@link ModelWalker} (all problems, with paths, strict scalar types), then — when the walker found
 * nothing — the model's own {@code validateJsonElement} and Gson {@code fromJson} as a backstop.
 */
final class SchemaCheck {

    private static final Map<String, Class<?>> MODELS = new LinkedHashMap<>();

    static {
        model("v1", "Pod", V1Pod.class);
        model("v1", "Service", V1Service.class);
        model("v1", "ConfigMap", V1ConfigMap.class);
        model("v1", "Secret", V1Secret.class);
        model("v1", "ServiceAccount", V1ServiceAccount.class);
        model("v1", "PersistentVolumeClaim", V1PersistentVolumeClaim.class);
        model("v1", "Namespace", V1Namespace.class);
        model("v1", "ResourceQuota", V1ResourceQuota.class);
        model("v1", "LimitRange", V1LimitRange.class);
        model("apps/v1", "Deployment", V1Deployment.class);
        model("apps/v1", "StatefulSet", V1StatefulSet.class);
        model("apps/v1", "DaemonSet", V1DaemonSet.class);
        model("apps/v1", "ReplicaSet", V1ReplicaSet.class);
        model("batch/v1", "Job", V1Job.class);
        model("batch/v1", "CronJob", V1CronJob.class);
        model("rbac.authorization.k8s.io/v1", "Role", V1Role.class);
        model("rbac.authorization.k8s.io/v1", "RoleBinding", V1RoleBinding.class);
        model("rbac.authorization.k8s.io/v1", "ClusterRole", V1ClusterRole.class);
        model("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", V1ClusterRoleBinding.class);
        model("networking.k8s.io/v1", "Ingress", V1Ingress.class);
        model("networking.k8s.io/v1", "NetworkPolicy", V1NetworkPolicy.class);
        model("policy/v1", "PodDisruptionBudget", V1PodDisruptionBudget.class);
        model("autoscaling/v2", "HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);
        model("autoscaling/v1", "HorizontalPodAutoscaler", V1HorizontalPodAutoscaler.class);
    }

    private SchemaCheck() {}

    private static void model(String apiVersion, String kind, Class<?> type) {
        MODELS.put(apiVersion + " " + kind, type);
    }

    static void check(K8sObject object, String lowestKubeVersion, FindingCollector findings) {
        if (object.apiVersion().isEmpty()) {
            findings.add(Checks.K8S_SCHEMA, object, "apiVersion", "apiVersion is missing; add it (e.g. apps/v1)");
        }
        if (object.kind().isEmpty()) {
            findings.add(Checks.K8S_SCHEMA, object, "kind", "kind is missing; add it (e.g. Deployment)");
            return;
        }
        if (object.apiVersion().isEmpty()) {
            return;
        }
        if (CustomResourceSchemas.knows(object.apiVersion(), object.kind())) {
            checkCustomResource(object, lowestKubeVersion, findings);
            return;
        }
        Class<?> model = MODELS.get(object.apiVersion() + " " + object.kind());
        if (model == null) {
            unknownType(object, findings);
            return;
        }
        JsonElement json = Json.of(object.body());
        ModelWalker walker = new ModelWalker(true, lowestKubeVersion);
        walker.walk(json, model, "");
        walker.issues().forEach(i -> findings.add(Checks.K8S_SCHEMA, object, i.path(), i.message()));
        if (walker.issues().isEmpty()) {
            String rejection = modelRejection(model, json);
            if (rejection != null) {
                findings.add(
                        Checks.K8S_SCHEMA,
                        object,
                        "",
                        "the Kubernetes API model " + model.getSimpleName() + " rejects it: " + rejection);
            }
        }
    }

    /** Schema-checks a pod template embedded in a ConfigMap value; Spark fills in required fields itself. */
    static void checkEmbeddedPod(
            K8sObject owner,
            String path,
            Map<String, Object> pod,
            String lowestKubeVersion,
            FindingCollector findings) {
        ModelWalker walker = new ModelWalker(false, lowestKubeVersion);
        walker.walk(Json.of(pod), V1Pod.class, path);
        walker.issues()
                .forEach(
                        i -> findings.add(Checks.K8S_SCHEMA, owner, i.path(), "embedded pod template: " + i.message()));
    }

    private static void unknownType(K8sObject object, FindingCollector findings) {
        Set<String> served = new TreeSet<>();
        MODELS.keySet().stream()
                .filter(key -> key.endsWith(" " + object.kind()))
                .forEach(key -> served.add(key.substring(0, key.indexOf(' '))));
        served.addAll(CustomResourceSchemas.apiVersionsOf(object.kind()));
        if (!served.isEmpty()) {
            findings.add(
                    Checks.K8S_SCHEMA,
                    object,
                    "apiVersion",
                    "apiVersion " + object.apiVersion() + " of "
                            + object.kind() + " is not served by Kubernetes " + KubeVersions.LOWEST + "–"
                            + KubeVersions.HIGHEST
                            + "; use " + String.join(" or ", served));
        } else {
            findings.add(
                    Checks.K8S_SCHEMA,
                    object,
                    "kind",
                    "unknown kind " + object.kind() + " (apiVersion "
                            + object.apiVersion()
                            + "): the verifier cannot validate it; if a CRD you install provides it, add a "
                            + "Waiver(\"" + Checks.K8S_SCHEMA + "\", \"" + object.kind() + "\", \".*\", reason)");
        }
    }

    private static String modelRejection(Class<?> model, JsonElement json) {
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            JSON.getGson().fromJson(json, model);
            return null;
        } catch (InvocationTargetException e) {
            return abbreviateMessage(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "client-java-api model " + model.getName() + " has no validateJsonElement", e);
        } catch (RuntimeException e) {
            return abbreviateMessage(e);
        }
    }

    private static String abbreviateMessage(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + ManifestParser.oneLine(e.getMessage());
        return message.length() > 300 ? message.substring(0, 297) + "..." : message;
    }

    /**
     * A custom resource of a vendored CRD ({@link CustomResourceSchemas}): metadata against the Kubernetes model,
     * the rest against the CRD's structural schema.
     */
    private static void checkCustomResource(K8sObject object, String lowestKubeVersion, FindingCollector findings) {
        ModelWalker walker = new ModelWalker(false, lowestKubeVersion);
        walker.walk(Json.of(object.metadata()), V1ObjectMeta.class, "metadata");
        walker.issues().forEach(i -> findings.add(Checks.K8S_SCHEMA, object, i.path(), i.message()));
        for (CustomResourceSchemas.Violation violation : CustomResourceSchemas.validate(object.body())) {
            findings.add(Checks.K8S_SCHEMA, object, violation.path(), violation.message());
        }
    }
}
