package io.sparkk8s.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every pod spec of a rendered set: workload templates, CronJob job templates, bare Pods (Helm test
 * pods and hooks) and pod templates embedded as YAML in ConfigMap values (Spark driver and executor pod
 * templates).
 */
final class PodSpecs {

    /**
     * One pod spec.
     *
     * @param owner the rendered object holding it
     * @param documentPath path of the pod document inside the owner: empty for the object itself,
     *     {@code data[key]} for an embedded template
     * @param path path of the pod spec ({@code spec.template.spec})
     * @param spec the pod spec
     * @param metadataPath path of the pod metadata
     * @param metadata the pod metadata (labels, annotations)
     * @param embedded whether it is a template embedded in a ConfigMap value
     * @param document the embedded document (for embedded templates), else the owner's body
     * @param claimTemplates names of StatefulSet volumeClaimTemplates, which count as volumes
     */
    record PodSpecRef(
            K8sObject owner,
            String documentPath,
            String path,
            Map<String, Object> spec,
            String metadataPath,
            Map<String, Object> metadata,
            boolean embedded,
            Map<String, Object> document,
            Set<String> claimTemplates) {

        Map<String, String> labels() {
            return Tree.stringMapAt(metadata, "labels");
        }

        /** Containers, init containers and, when asked, ephemeral containers, each with its path. */
        List<ContainerRef> containers(boolean includeEphemeral) {
            List<ContainerRef> result = new ArrayList<>();
            add(result, "initContainers", "init container");
            add(result, "containers", "container");
            if (includeEphemeral) {
                add(result, "ephemeralContainers", "ephemeral container");
            }
            return result;
        }

        private void add(List<ContainerRef> result, String field, String role) {
            List<Object> list = Tree.list(spec.get(field));
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> container = Tree.map(list.get(i));
                String name = Tree.str(container.get("name"));
                result.add(new ContainerRef(
                        Tree.index(Tree.child(path, field), i), role, container, name == null ? "#" + i : name));
            }
        }

        String describe() {
            return embedded ? "pod template in " + documentPath : "pod spec at " + path;
        }
    }

    /**
     * One container.
     *
     * @param path its path ({@code spec.template.spec.containers[0]})
     * @param role {@code container}, {@code init container} or {@code ephemeral container}
     * @param body the container
     * @param name its name ({@code #index} when missing)
     */
    record ContainerRef(String path, String role, Map<String, Object> body, String name) {

        String describe() {
            return role + " '" + name + "'";
        }
    }

    private PodSpecs() {}

    static List<PodSpecRef> find(List<K8sObject> objects) {
        List<PodSpecRef> result = new ArrayList<>();
        for (K8sObject object : objects) {
            Map<String, Object> body = object.body();
            switch (object.kind()) {
                case "Pod" -> add(result, object, "", "spec", "metadata", body, false, body, Set.of());
                case "Deployment", "DaemonSet", "ReplicaSet", "Job", "ReplicationController" ->
                    add(
                            result,
                            object,
                            "",
                            "spec.template.spec",
                            "spec.template.metadata",
                            Tree.mapAt(body, "spec", "template"),
                            false,
                            body,
                            Set.of());
                case "StatefulSet" ->
                    add(
                            result,
                            object,
                            "",
                            "spec.template.spec",
                            "spec.template.metadata",
                            Tree.mapAt(body, "spec", "template"),
                            false,
                            body,
                            claimTemplates(body));
                case "CronJob" ->
                    add(
                            result,
                            object,
                            "",
                            "spec.jobTemplate.spec.template.spec",
                            "spec.jobTemplate.spec.template.metadata",
                            Tree.mapAt(body, "spec", "jobTemplate", "spec", "template"),
                            false,
                            body,
                            Set.of());
                case "ConfigMap" -> embedded(result, object);
                default -> {}
            }
        }
        return result;
    }

    private static void add(
            List<PodSpecRef> result,
            K8sObject owner,
            String documentPath,
            String path,
            String metadataPath,
            Map<String, Object> podLike,
            boolean embedded,
            Map<String, Object> document,
            Set<String> claimTemplates) {
        if (podLike.get("spec") instanceof Map<?, ?>) {
            result.add(new PodSpecRef(
                    owner,
                    documentPath,
                    path,
                    Tree.map(podLike.get("spec")),
                    metadataPath,
                    Tree.map(podLike.get("metadata")),
                    embedded,
                    document,
                    claimTemplates));
        }
    }

    private static void embedded(List<PodSpecRef> result, K8sObject configMap) {
        for (Map.Entry<String, Object> entry :
                Tree.mapAt(configMap.body(), "data").entrySet()) {
            if (!(entry.getValue() instanceof String text) || !text.contains("containers")) {
                continue;
            }
            Object parsed;
            try {
                parsed = ManifestParser.parseYaml(text);
            } catch (RuntimeException e) {
                continue; // not YAML: not a pod template
            }
            Map<String, Object> document = Tree.map(parsed);
            boolean isPod =
                    "Pod".equals(document.get("kind")) || Tree.at(document, "spec", "containers") instanceof List<?>;
            if (isPod) {
                String documentPath = Tree.entry("data", entry.getKey());
                add(
                        result,
                        configMap,
                        documentPath,
                        Tree.child(documentPath, "spec"),
                        Tree.child(documentPath, "metadata"),
                        document,
                        true,
                        document,
                        Set.of());
            }
        }
    }

    private static Set<String> claimTemplates(Map<String, Object> statefulSet) {
        Set<String> names = new LinkedHashSet<>();
        for (Object template : Tree.listAt(statefulSet, "spec", "volumeClaimTemplates")) {
            String name = Tree.strAt(template, "metadata", "name");
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
