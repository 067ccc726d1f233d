package io.sparkk8s.verify;

import io.sparkk8s.verify.PodSpecs.ContainerRef;
import io.sparkk8s.verify.PodSpecs.PodSpecRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Referential integrity of a rendered set (SPEC §9.4): what pods, Services, bindings, Ingresses, autoscalers,
 * disruption budgets and ServiceMonitors point at must be in the set, or be declared external.
 * Image pull secrets are always external. All objects are taken to live in the release namespace.
 */
final class ReferenceCheck {

    private static final Set<String> BUILT_IN_CLUSTER_ROLES = Set.of("cluster-admin", "admin", "edit", "view");

    private final Set<ExternalRef> externals;
    private final String namespace;

    ReferenceCheck(Set<ExternalRef> externals, String namespace) {
        this.externals = externals;
        this.namespace = namespace;
    }

    void check(List<K8sObject> objects, List<PodSpecRef> pods, FindingCollector findings) {
        new Run(objects, pods, findings).run();
    }

    private final class Run {
        private final List<K8sObject> objects;
        private final List<PodSpecRef> pods;
        private final FindingCollector findings;
        private final Map<String, Map<String, K8sObject>> index = new HashMap<>();

        Run(List<K8sObject> objects, List<PodSpecRef> pods, FindingCollector findings) {
            this.objects = objects;
            this.pods = pods;
            this.findings = findings;
            for (K8sObject object : objects) {
                index.computeIfAbsent(object.kind(), k -> new LinkedHashMap<>()).putIfAbsent(object.name(), object);
            }
        }

        void run() {
            Set<String> seen = new LinkedHashSet<>();
            for (K8sObject object : objects) {
                if (!object.kind().isEmpty()
                        && !object.name().isEmpty()
                        && !seen.add(object.kind() + "/" + object.name())) {
                    findings.add(
                            Checks.REF_INTEGRITY,
                            object,
                            "metadata.name",
                            "another " + object.kind() + " has the name '"
                                    + object.name()
                                    + "'; Helm cannot install two objects of one kind with one name — rename one"
                                    + (object.template().isEmpty()
                                            ? ""
                                            : " (this one comes from " + object.template() + ")"));
                }
            }
            pods.forEach(this::pod);
            for (K8sObject object : objects) {
                switch (object.kind()) {
                    case "Service" -> service(object);
                    case "RoleBinding", "ClusterRoleBinding" -> binding(object);
                    case "Ingress" -> ingress(object);
                    case "HorizontalPodAutoscaler" -> autoscaler(object);
                    case "PodDisruptionBudget" -> disruptionBudget(object);
                    case "ServiceMonitor" -> serviceMonitor(object);
                    default -> {}
                }
            }
        }

        private K8sObject rendered(String kind, String name) {
            return index.getOrDefault(kind, Map.of()).get(name);
        }

        private boolean resolves(String kind, String name) {
            return rendered(kind, name) != null || externals.stream().anyMatch(e -> e.covers(kind, name));
        }

        private void missing(
                K8sObject owner, String path, String kind, String name, String what, boolean canBeOptional) {
            findings.add(
                    Checks.REF_INTEGRITY,
                    owner,
                    path,
                    kind + " '" + name + "' referenced by " + what
                            + " is not rendered by the chart; render it, fix the name"
                            + (canBeOptional ? ", mark the reference optional: true" : "")
                            + " or declare it external (ExternalRef(\"" + kind + "\", \"" + name + "\"))");
        }

        // ---- pods

        private void pod(PodSpecRef pod) {
            K8sObject owner = pod.owner();
            String in = pod.embedded() ? " of the " + pod.describe() : "";
            Set<String> volumeNames = new LinkedHashSet<>(pod.claimTemplates());
            List<Object> volumes = Tree.listAt(pod.spec(), "volumes");
            for (int i = 0; i < volumes.size(); i++) {
                Map<String, Object> volume = Tree.map(volumes.get(i));
                String name = String.valueOf(volume.get("name"));
                volumeNames.add(name);
                String path = Tree.index(Tree.child(pod.path(), "volumes"), i);
                String what = "volume '" + name + "'" + in;
                Map<String, Object> configMap = Tree.map(volume.get("configMap"));
                if (!configMap.isEmpty()) {
                    objectRef(owner, Tree.child(path, "configMap.name"), "ConfigMap", configMap, "name", what);
                    itemKeys(owner, Tree.child(path, "configMap.items"), "ConfigMap", configMap, "name", what);
                }
                Map<String, Object> secret = Tree.map(volume.get("secret"));
                if (!secret.isEmpty()) {
                    objectRef(owner, Tree.child(path, "secret.secretName"), "Secret", secret, "secretName", what);
                    itemKeys(owner, Tree.child(path, "secret.items"), "Secret", secret, "secretName", what);
                }
                String claim = Tree.strAt(volume, "persistentVolumeClaim", "claimName");
                if (claim != null && !resolves("PersistentVolumeClaim", claim)) {
                    missing(
                            owner,
                            Tree.child(path, "persistentVolumeClaim.claimName"),
                            "PersistentVolumeClaim",
                            claim,
                            what,
                            false);
                }
                List<Object> sources = Tree.listAt(volume, "projected", "sources");
                for (int j = 0; j < sources.size(); j++) {
                    String sourcePath = Tree.index(Tree.child(path, "projected.sources"), j);
                    Map<String, Object> projectedConfigMap = Tree.mapAt(sources.get(j), "configMap");
                    if (!projectedConfigMap.isEmpty()) {
                        objectRef(
                                owner,
                                Tree.child(sourcePath, "configMap.name"),
                                "ConfigMap",
                                projectedConfigMap,
                                "name",
                                what);
                    }
                    Map<String, Object> projectedSecret = Tree.mapAt(sources.get(j), "secret");
                    if (!projectedSecret.isEmpty()) {
                        objectRef(
                                owner, Tree.child(sourcePath, "secret.name"), "Secret", projectedSecret, "name", what);
                    }
                }
            }
            for (ContainerRef c : pod.containers(true)) {
                String what = c.describe() + in;
                mounts(pod, c, "volumeMounts", volumeNames, what);
                mounts(pod, c, "volumeDevices", volumeNames, what);
                List<Object> env = Tree.list(c.body().get("env"));
                for (int i = 0; i < env.size(); i++) {
                    String envPath = Tree.index(Tree.child(c.path(), "env"), i);
                    String envWhat = "env " + Tree.strAt(env.get(i), "name") + " of " + what;
                    Map<String, Object> configMapKey = Tree.mapAt(env.get(i), "valueFrom", "configMapKeyRef");
                    if (!configMapKey.isEmpty()) {
                        keyRef(
                                owner,
                                Tree.child(envPath, "valueFrom.configMapKeyRef"),
                                "ConfigMap",
                                configMapKey,
                                envWhat);
                    }
                    Map<String, Object> secretKey = Tree.mapAt(env.get(i), "valueFrom", "secretKeyRef");
                    if (!secretKey.isEmpty()) {
                        keyRef(owner, Tree.child(envPath, "valueFrom.secretKeyRef"), "Secret", secretKey, envWhat);
                    }
                }
                List<Object> envFrom = Tree.list(c.body().get("envFrom"));
                for (int i = 0; i < envFrom.size(); i++) {
                    String path = Tree.index(Tree.child(c.path(), "envFrom"), i);
                    Map<String, Object> configMapRef = Tree.mapAt(envFrom.get(i), "configMapRef");
                    if (!configMapRef.isEmpty()) {
                        objectRef(
                                owner,
                                Tree.child(path, "configMapRef.name"),
                                "ConfigMap",
                                configMapRef,
                                "name",
                                "envFrom of " + what);
                    }
                    Map<String, Object> secretRef = Tree.mapAt(envFrom.get(i), "secretRef");
                    if (!secretRef.isEmpty()) {
                        objectRef(
                                owner,
                                Tree.child(path, "secretRef.name"),
                                "Secret",
                                secretRef,
                                "name",
                                "envFrom of " + what);
                    }
                }
            }
            for (String field : List.of("serviceAccountName", "serviceAccount")) {
                String account = Tree.str(pod.spec().get(field));
                if (account != null && !"default".equals(account) && !resolves("ServiceAccount", account)) {
                    missing(
                            owner,
                            Tree.child(pod.path(), field),
                            "ServiceAccount",
                            account,
                            pod.embedded() ? "the " + pod.describe() : "the pod",
                            false);
                }
            }
        }

        private void mounts(PodSpecRef pod, ContainerRef c, String field, Set<String> volumeNames, String what) {
            List<Object> mounts = Tree.list(c.body().get(field));
            for (int i = 0; i < mounts.size(); i++) {
                String name = Tree.strAt(mounts.get(i), "name");
                if (name != null && !volumeNames.contains(name)) {
                    findings.add(
                            Checks.REF_INTEGRITY,
                            pod.owner(),
                            Tree.child(Tree.index(Tree.child(c.path(), field), i), "name"),
                            what + " mounts volume '" + name + "' but the pod has no such volume (volumes: "
                                    + (volumeNames.isEmpty() ? "none" : String.join(", ", volumeNames))
                                    + "); add it to the pod's volumes or fix the name");
                }
            }
        }

        private boolean objectRef(
                K8sObject owner, String path, String kind, Map<String, Object> ref, String nameField, String what) {
            String name = Tree.str(ref.get(nameField));
            if (name == null || Tree.isTrue(ref.get("optional"))) {
                return false;
            }
            if (!resolves(kind, name)) {
                missing(owner, path, kind, name, what, true);
                return false;
            }
            return true;
        }

        private void keyRef(K8sObject owner, String path, String kind, Map<String, Object> ref, String what) {
            if (objectRef(owner, Tree.child(path, "name"), kind, ref, "name", what)) {
                key(owner, Tree.child(path, "key"), kind, Tree.str(ref.get("name")), Tree.str(ref.get("key")), what);
            }
        }

        private void itemKeys(
                K8sObject owner, String path, String kind, Map<String, Object> ref, String nameField, String what) {
            String name = Tree.str(ref.get(nameField));
            if (name == null || Tree.isTrue(ref.get("optional")) || rendered(kind, name) == null) {
                return;
            }
            List<Object> items = Tree.list(ref.get("items"));
            for (int i = 0; i < items.size(); i++) {
                key(owner, Tree.child(Tree.index(path, i), "key"), kind, name, Tree.strAt(items.get(i), "key"), what);
            }
        }

        private void key(K8sObject owner, String path, String kind, String name, String key, String what) {
            K8sObject target = rendered(kind, name);
            if (target == null || key == null) {
                return; // external: keys unknown
            }
            Set<String> keys = new TreeSet<>();
            keys.addAll(Tree.mapAt(target.body(), "data").keySet());
            keys.addAll(Tree.mapAt(target.body(), "Secret".equals(kind) ? "stringData" : "binaryData")
                    .keySet());
            if (!keys.contains(key)) {
                findings.add(
                        Checks.REF_INTEGRITY,
                        owner,
                        path,
                        what + " reads key '" + key + "' of " + kind + " '" + name
                                + "', which has no such key (keys: "
                                + (keys.isEmpty() ? "none" : String.join(", ", keys))
                                + "); add the key or fix the reference");
            }
        }

        // ---- Services and what selects them

        private List<PodSpecRef> selectedPods(Map<String, String> selector) {
            List<PodSpecRef> selected = new ArrayList<>();
            for (PodSpecRef pod : pods) {
                if (pod.labels().entrySet().containsAll(selector.entrySet())) {
                    selected.add(pod);
                }
            }
            return selected;
        }

        private void service(K8sObject service) {
            Map<String, String> selector = Tree.stringMapAt(service.body(), "spec", "selector");
            if ("ExternalName".equals(Tree.strAt(service.body(), "spec", "type")) || selector.isEmpty()) {
                return;
            }
            List<PodSpecRef> selected = selectedPods(selector);
            if (selected.isEmpty()) {
                findings.add(
                        Checks.REF_INTEGRITY,
                        service,
                        "spec.selector",
                        "selects no pod: no pod template in the chart " + "carries all of the labels " + selector
                                + "; align the selector with the workload's pod labels");
                return;
            }
            Set<String> portNames = new TreeSet<>();
            for (PodSpecRef pod : selected) {
                for (ContainerRef c : pod.containers(false)) {
                    for (Object port : Tree.list(c.body().get("ports"))) {
                        String name = Tree.strAt(port, "name");
                        if (name != null) {
                            portNames.add(name);
                        }
                    }
                }
            }
            List<Object> ports = Tree.listAt(service.body(), "spec", "ports");
            for (int i = 0; i < ports.size(); i++) {
                String target = Tree.strAt(ports.get(i), "targetPort");
                if (target != null && !portNames.contains(target)) {
                    findings.add(
                            Checks.REF_INTEGRITY,
                            service,
                            "spec.ports[" + i + "].targetPort",
                            "targetPort '" + target
                                    + "' is not a container port name of the selected pods (" + describePods(selected)
                                    + "; port names: "
                                    + (portNames.isEmpty() ? "none" : String.join(", ", portNames))
                                    + "); name the container port '" + target + "' or fix the targetPort");
                }
            }
        }

        private String describePods(List<PodSpecRef> selected) {
            Set<String> owners = new LinkedHashSet<>();
            selected.forEach(p -> owners.add(p.owner().kind() + "/" + p.owner().name()));
            return String.join(", ", owners);
        }

        private void disruptionBudget(K8sObject budget) {
            Map<String, String> selector = Tree.stringMapAt(budget.body(), "spec", "selector", "matchLabels");
            if (!selector.isEmpty()
                    && Tree.listAt(budget.body(), "spec", "selector", "matchExpressions")
                            .isEmpty()
                    && selectedPods(selector).isEmpty()) {
                findings.add(
                        Checks.REF_INTEGRITY,
                        budget,
                        "spec.selector.matchLabels",
                        "selects no pod: no pod template " + "in the chart carries all of the labels " + selector
                                + "; align the selector with the workload");
            }
        }

        private void serviceMonitor(K8sObject monitor) {
            Map<String, String> selector = Tree.stringMapAt(monitor.body(), "spec", "selector", "matchLabels");
            if (selector.isEmpty()
                    || !Tree.listAt(monitor.body(), "spec", "selector", "matchExpressions")
                            .isEmpty()) {
                return;
            }
            List<K8sObject> services = new ArrayList<>();
            index.getOrDefault("Service", Map.of()).values().stream()
                    .filter(s -> s.labels().entrySet().containsAll(selector.entrySet()))
                    .forEach(services::add);
            if (services.isEmpty()) {
                findings.add(
                        Checks.REF_INTEGRITY,
                        monitor,
                        "spec.selector.matchLabels",
                        "selects no Service: no Service " + "in the chart carries all of the labels " + selector
                                + "; align the selector with the Service labels");
                return;
            }
            Set<String> portNames = new TreeSet<>();
            services.forEach(s -> Tree.listAt(s.body(), "spec", "ports").forEach(p -> {
                String name = Tree.strAt(p, "name");
                if (name != null) {
                    portNames.add(name);
                }
            }));
            List<Object> endpoints = Tree.listAt(monitor.body(), "spec", "endpoints");
            for (int i = 0; i < endpoints.size(); i++) {
                String port = Tree.strAt(endpoints.get(i), "port");
                if (port != null && !portNames.contains(port)) {
                    findings.add(
                            Checks.REF_INTEGRITY,
                            monitor,
                            "spec.endpoints[" + i + "].port",
                            "port '" + port
                                    + "' is not a port name of the selected Services (port names: "
                                    + String.join(", ", portNames)
                                    + "); fix the name");
                }
            }
        }

        private void ingress(K8sObject ingress) {
            Object defaultBackend = Tree.at(ingress.body(), "spec", "defaultBackend", "service");
            if (defaultBackend != null) {
                backend(ingress, "spec.defaultBackend.service", Tree.map(defaultBackend));
            }
            List<Object> rules = Tree.listAt(ingress.body(), "spec", "rules");
            for (int i = 0; i < rules.size(); i++) {
                List<Object> paths = Tree.listAt(rules.get(i), "http", "paths");
                for (int j = 0; j < paths.size(); j++) {
                    Object backend = Tree.at(paths.get(j), "backend", "service");
                    if (backend != null) {
                        backend(
                                ingress,
                                "spec.rules[" + i + "].http.paths[" + j + "].backend.service",
                                Tree.map(backend));
                    }
                }
            }
        }

        private void backend(K8sObject ingress, String path, Map<String, Object> backend) {
            String name = Tree.str(backend.get("name"));
            if (name == null) {
                return;
            }
            K8sObject service = rendered("Service", name);
            if (service == null) {
                if (!resolves("Service", name)) {
                    missing(ingress, Tree.child(path, "name"), "Service", name, "the Ingress backend", false);
                }
                return;
            }
            List<Object> ports = Tree.listAt(service.body(), "spec", "ports");
            String portName = Tree.strAt(backend, "port", "name");
            Object portNumber = Tree.at(backend, "port", "number");
            boolean found = ports.stream()
                    .anyMatch(p -> portName != null
                            ? portName.equals(Tree.strAt(p, "name"))
                            : portNumber == null
                                    || String.valueOf(portNumber).equals(String.valueOf(Tree.at(p, "port"))));
            if (!found) {
                findings.add(
                        Checks.REF_INTEGRITY,
                        ingress,
                        Tree.child(path, "port"),
                        "Service '" + name + "' has no port "
                                + (portName != null ? "named '" + portName + "'" : String.valueOf(portNumber))
                                + "; use one of the Service's ports");
            }
        }

        private void autoscaler(K8sObject autoscaler) {
            String kind = Tree.strAt(autoscaler.body(), "spec", "scaleTargetRef", "kind");
            String name = Tree.strAt(autoscaler.body(), "spec", "scaleTargetRef", "name");
            if (kind != null
                    && name != null
                    && Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(kind)
                    && !resolves(kind, name)) {
                missing(autoscaler, "spec.scaleTargetRef", kind, name, "the autoscaler", false);
            }
        }

        // ---- RBAC

        private void binding(K8sObject binding) {
            String roleKind = Tree.strAt(binding.body(), "roleRef", "kind");
            String roleName = Tree.strAt(binding.body(), "roleRef", "name");
            if (roleKind != null && roleName != null) {
                boolean builtIn = "ClusterRole".equals(roleKind)
                        && (BUILT_IN_CLUSTER_ROLES.contains(roleName) || roleName.startsWith("system:"));
                if ("ClusterRoleBinding".equals(binding.kind()) && "Role".equals(roleKind)) {
                    findings.add(
                            Checks.REF_INTEGRITY,
                            binding,
                            "roleRef.kind",
                            "a ClusterRoleBinding can only reference a ClusterRole; use a RoleBinding for Role '"
                                    + roleName + "'");
                } else if (!builtIn && !resolves(roleKind, roleName)) {
                    missing(binding, "roleRef.name", roleKind, roleName, "roleRef", false);
                }
            }
            String bindingNamespace = Tree.strAt(binding.body(), "metadata", "namespace");
            List<Object> subjects = Tree.listAt(binding.body(), "subjects");
            for (int i = 0; i < subjects.size(); i++) {
                Map<String, Object> subject = Tree.map(subjects.get(i));
                String name = Tree.str(subject.get("name"));
                String subjectNamespace = Tree.str(subject.get("namespace"));
                boolean local = subjectNamespace == null
                        || subjectNamespace.equals(namespace)
                        || subjectNamespace.equals(bindingNamespace);
                if ("ServiceAccount".equals(subject.get("kind"))
                        && name != null
                        && local
                        && !"default".equals(name)
                        && !resolves("ServiceAccount", name)) {
                    missing(binding, "subjects[" + i + "].name", "ServiceAccount", name, "subject " + i, false);
                }
            }
        }
    }
}
