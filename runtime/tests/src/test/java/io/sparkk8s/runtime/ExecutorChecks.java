package io.sparkk8s.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkk8s.verify.Checks;
import io.sparkk8s.verify.Finding;
import io.sparkk8s.verify.Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the runtime tier checks on the objects Spark's driver creates, and the RBAC view of its API calls. */
final class ExecutorChecks {

    /** The WORKDIR of the apache/spark images (spark-docker Dockerfiles); executors fetch jars into it. */
    static final String SPARK_WORKDIR = "/opt/spark/work-dir";

    private static final Pattern API_PATH = Pattern.compile(
            "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([a-z]+)(?:/([^/?]+))?(?:/([a-z]+))?(?:\\?(.*))?$");

    private ExecutorChecks() {}

    /** The driver pod Kubernetes would create from the rendered StatefulSet (ordinal 0). */
    static Pod driverPod(RenderedChart chart) {
        Map<String, Object> template = chart.podTemplate("StatefulSet", RenderedChart.RELEASE + "-connect");
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        Map<String, Object> metadata = new LinkedHashMap<>(RenderedChart.map(template, "metadata"));
        metadata.put("name", RenderedChart.RELEASE + "-connect-0");
        metadata.put("namespace", RenderedChart.NAMESPACE);
        pod.put("metadata", metadata);
        pod.put("spec", RenderedChart.map(template, "spec"));
        return Serialization.unmarshal(Serialization.asJson(pod), Pod.class);
    }

    /**
     * The executor's working directory when the root filesystem is read-only and no writable volume covers it;
     * empty when it is writable.
     */
    static Optional<String> unwritableWorkingDirectory(Pod pod) {
        Container container = pod.getSpec().getContainers().get(0);
        boolean readOnlyRoot = container.getSecurityContext() != null
                && Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem());
        if (!readOnlyRoot) {
            return Optional.empty();
        }
        String workingDir = container.getWorkingDir() != null ? container.getWorkingDir() : SPARK_WORKDIR;
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (!Boolean.TRUE.equals(mount.getReadOnly())
                    && (workingDir.equals(mount.getMountPath()) || workingDir.startsWith(mount.getMountPath() + "/"))) {
                return Optional.empty();
            }
        }
        return Optional.of(workingDir);
    }

    /**
     * The verifier's Pod Security "restricted", reference, container and API-schema checks on the rendered chart
     * plus the pods and ConfigMaps the driver created (labels and names are Spark's, not the chart's, so those
     * two checks do not apply to them).
     */
    static List<Finding> verify(RenderedChart chart, List<Pod> executors, List<Map<String, Object>> configMaps) {
        StringBuilder yaml = new StringBuilder(chart.yaml());
        for (Pod pod : executors) {
            yaml.append("\n---\n").append(Serialization.asYaml(pod).replaceFirst("^---\n", ""));
        }
        for (Map<String, Object> configMap : configMaps) {
            yaml.append("\n---\n").append(Serialization.asYaml(configMap).replaceFirst("^---\n", ""));
        }
        List<Finding> findings = Verifier.builder()
                .releaseName(RenderedChart.RELEASE)
                .namespace(RenderedChart.NAMESPACE)
                .build()
                .verifyManifests(yaml.toString(), "runtime: pods built by Spark " + chart.line())
                .findings();
        Set<String> sparkMade = new TreeSet<>();
        executors.forEach(p -> sparkMade.add("Pod/" + p.getMetadata().getName()));
        configMaps.forEach(c -> sparkMade.add("ConfigMap/" + RenderedChart.name(c)));
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            boolean byChartOnly = Checks.LABELS.equals(f.check()) || Checks.NAME_LENGTH.equals(f.check());
            if (!(byChartOnly && sparkMade.contains(f.kind() + "/" + f.name()))) {
                out.add(f);
            }
        }
        return out;
    }

    /** An API request as the RBAC triple it needs: {@code apiGroup/resource:verb} ({@code /pods:create}). */
    static String rbacCall(String method, String path) {
        Matcher m = API_PATH.matcher(path);
        if (!m.matches()) {
            return "? " + method + " " + path;
        }
        String group = m.group(1) == null ? "" : m.group(1);
        String resource = m.group(2);
        boolean named = m.group(3) != null;
        String sub = m.group(4);
        String query = m.group(5) == null ? "" : m.group(5);
        if (sub != null) {
            resource = resource + "/" + sub;
        }
        String verb =
                switch (method) {
                    case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
                    case "POST" -> "create";
                    case "PUT" -> "update";
                    case "PATCH" -> "patch";
                    case "DELETE" -> named ? "delete" : "deletecollection";
                    default -> method.toLowerCase();
                };
        return group + "/" + resource + ":" + verb;
    }

    /** What the chart's Role for the Connect server grants, as {@code apiGroup/resource:verb} triples. */
    static Set<String> granted(RenderedChart chart) {
        return granted(chart, RenderedChart.RELEASE + "-connect");
    }

    /** What one Role of the chart grants, as {@code apiGroup/resource:verb} triples. */
    static Set<String> granted(RenderedChart chart, String role) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> rule : RenderedChart.list(chart.object("Role", role), "rules")) {
            for (Object group : (List<?>) rule.get("apiGroups")) {
                for (Object resource : (List<?>) rule.get("resources")) {
                    for (Object verb : (List<?>) rule.get("verbs")) {
                        out.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        return out;
    }
}
