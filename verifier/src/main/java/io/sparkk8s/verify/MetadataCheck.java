package io.sparkk8s.verify;

import io.sparkk8s.verify.PodSpecs.ContainerRef;
import io.sparkk8s.verify.PodSpecs.PodSpecRef;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Metadata: the recommended labels on every object, valid label keys and values, and names Kubernetes
 * accepts (object names, container names, port names).
 */
final class MetadataCheck {

    static final List<String> REQUIRED_LABELS = List.of(
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by", "helm.sh/chart");

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private MetadataCheck() {}

    static void labels(K8sObject object, FindingCollector findings) {
        Map<String, Object> labels = Tree.mapAt(object.body(), "metadata", "labels");
        for (String key : REQUIRED_LABELS) {
            if (!(labels.get(key) instanceof String value) || value.isEmpty()) {
                findings.add(
                        Checks.LABELS,
                        object,
                        "metadata.labels[" + key + "]",
                        "recommended label " + key
                                + " is missing; add it (include the chart's labels helper in metadata.labels)");
            }
        }
        labelSyntax(object, "metadata.labels", labels, findings);
    }

    static void podLabels(PodSpecRef pod, FindingCollector findings) {
        labelSyntax(
                pod.owner(), Tree.child(pod.metadataPath(), "labels"), Tree.mapAt(pod.metadata(), "labels"), findings);
    }

    private static void labelSyntax(
            K8sObject object, String path, Map<String, Object> labels, FindingCollector findings) {
        labels.forEach((key, value) -> {
            String entryPath = Tree.entry(path, key);
            String keyProblem = labelKeyProblem(key);
            if (keyProblem != null) {
                findings.add(Checks.LABELS, object, entryPath, "label key '" + key + "' " + keyProblem);
            }
            if (value instanceof String text
                    && (text.length() > 63 || !LABEL_VALUE.matcher(text).matches())) {
                findings.add(
                        Checks.LABELS,
                        object,
                        entryPath,
                        "label value '" + ModelWalker.abbreviate(text)
                                + "' is not a valid label value (at most 63 characters: alphanumerics, '-', '_', '.', starting and "
                                + "ending alphanumeric); truncate it (trunc 63 | trimSuffix \"-\") or fix it");
            }
        });
    }

    private static String labelKeyProblem(String key) {
        int slash = key.indexOf('/');
        String prefix = slash >= 0 ? key.substring(0, slash) : null;
        String name = slash >= 0 ? key.substring(slash + 1) : key;
        if (prefix != null
                && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
            return "has an invalid prefix (must be a DNS subdomain)";
        }
        if (name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
            return "has an invalid name part (at most 63 characters: alphanumerics, '-', '_', '.')";
        }
        return null;
    }

    static void names(K8sObject object, FindingCollector findings) {
        String name = object.name();
        if (name.isEmpty()) {
            findings.add(
                    Checks.NAME_LENGTH,
                    object,
                    "metadata.name",
                    "metadata.name is missing; name the object "
                            + "<release>-<component> (generateName cannot be used with Helm)");
            return;
        }
        switch (object.kind()) {
            case "Service" ->
                name(
                        findings,
                        object,
                        name,
                        63,
                        DNS_1035_LABEL,
                        "a DNS-1035 label (lowercase alphanumerics and '-', starting with a letter)",
                        "");
            case "Namespace" -> name(findings, object, name, 63, DNS_LABEL, "a DNS-1123 label", "");
            case "CronJob" ->
                name(
                        findings,
                        object,
                        name,
                        52,
                        DNS_SUBDOMAIN,
                        "a DNS-1123 subdomain",
                        " (the CronJob controller appends 11 characters to name its Jobs)");
            case "StatefulSet" ->
                name(
                        findings,
                        object,
                        name,
                        52,
                        DNS_SUBDOMAIN,
                        "a DNS-1123 subdomain",
                        " (the controller-revision-hash label of its pods is the name plus 11 characters)");
            case "Job" ->
                name(
                        findings,
                        object,
                        name,
                        63,
                        DNS_SUBDOMAIN,
                        "a DNS-1123 subdomain",
                        " (the job-name label of its pods is the name)");
            case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" -> {
                if (name.length() > 253
                        || name.equals(".")
                        || name.equals("..")
                        || name.contains("/")
                        || name.contains("%")) {
                    findings.add(
                            Checks.NAME_LENGTH,
                            object,
                            "metadata.name",
                            "name '" + name
                                    + "' is not a valid path segment (at most 253 characters, no '/' or '%'); shorten or fix it");
                }
            }
            default -> name(findings, object, name, 253, DNS_SUBDOMAIN, "a DNS-1123 subdomain", "");
        }
    }

    private static void name(
            FindingCollector findings,
            K8sObject object,
            String name,
            int max,
            Pattern pattern,
            String form,
            String why) {
        if (name.length() > max) {
            findings.add(
                    Checks.NAME_LENGTH,
                    object,
                    "metadata.name",
                    "name '" + name + "' has " + name.length() + " characters, more than the " + max + " a "
                            + object.kind() + " allows" + why + "; truncate it (trunc " + max + " | trimSuffix \"-\")");
        } else if (!pattern.matcher(name).matches()) {
            findings.add(
                    Checks.NAME_LENGTH,
                    object,
                    "metadata.name",
                    "name '" + name + "' is not " + form + "; use lowercase alphanumerics and '-'");
        }
    }

    static void containerNames(PodSpecRef pod, FindingCollector findings) {
        for (ContainerRef c : pod.containers(true)) {
            String name = Tree.str(c.body().get("name"));
            if (name != null && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
                findings.add(
                        Checks.NAME_LENGTH,
                        pod.owner(),
                        Tree.child(c.path(), "name"),
                        "container name '" + name
                                + "' is not a DNS-1123 label (at most 63 lowercase alphanumerics and '-'); fix it");
            }
            List<Object> ports = Tree.list(c.body().get("ports"));
            for (int i = 0; i < ports.size(); i++) {
                String portName = Tree.strAt(ports.get(i), "name");
                if (portName != null && portNameProblem(portName)) {
                    findings.add(
                            Checks.NAME_LENGTH,
                            pod.owner(),
                            Tree.child(Tree.index(Tree.child(c.path(), "ports"), i), "name"),
                            "port name '" + portName + "' of " + c.describe() + " is not a valid port name (at most 15 "
                                    + "lowercase alphanumerics and '-', at least one letter, no '--'); shorten it");
                }
            }
        }
    }

    private static boolean portNameProblem(String name) {
        return name.length() > 15
                || !PORT_NAME.matcher(name).matches()
                || name.contains("--")
                || name.chars().noneMatch(Character::isLetter);
    }
}
