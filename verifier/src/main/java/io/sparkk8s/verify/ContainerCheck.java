package io.sparkk8s.verify;

import io.sparkk8s.verify.PodSpecs.ContainerRef;
import io.sparkk8s.verify.PodSpecs.PodSpecRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Per-container hygiene: no duplicate env names or ports (Helm 4 server-side apply rejects them), cpu and
 * memory requests plus a memory limit, and a pinned image. Spark completes the resources and image of the
 * pod templates it reads from ConfigMaps, so those are checked only for what they do set.
 */
final class ContainerCheck {

    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    private ContainerCheck() {}

    static void check(PodSpecRef pod, FindingCollector findings) {
        for (ContainerRef c : pod.containers(true)) {
            duplicateEnv(pod, c, findings);
            duplicatePorts(pod, c, findings);
            if (!pod.embedded() && !"ephemeral container".equals(c.role())) {
                resources(pod, c, findings);
            }
            image(pod, c, findings);
        }
    }

    private static String where(PodSpecRef pod, ContainerRef c) {
        return c.describe() + (pod.embedded() ? " of the " + pod.describe() : "");
    }

    private static void duplicateEnv(PodSpecRef pod, ContainerRef c, FindingCollector findings) {
        Map<String, Integer> seen = new HashMap<>();
        List<Object> env = Tree.list(c.body().get("env"));
        for (int i = 0; i < env.size(); i++) {
            String name = Tree.strAt(env.get(i), "name");
            if (name == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(name, i);
            if (first != null) {
                findings.add(
                        Checks.DUPLICATE_ENV,
                        pod.owner(),
                        Tree.child(Tree.index(Tree.child(c.path(), "env"), i), "name"),
                        "env " + name + " of " + where(pod, c) + " is defined twice (env[" + first + "] and env[" + i
                                + "]); Helm 4 server-side apply rejects duplicates — keep one entry");
            }
        }
    }

    private static void duplicatePorts(PodSpecRef pod, ContainerRef c, FindingCollector findings) {
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        List<Object> ports = Tree.list(c.body().get("ports"));
        for (int i = 0; i < ports.size(); i++) {
            String portPath = Tree.index(Tree.child(c.path(), "ports"), i);
            Object number = Tree.at(ports.get(i), "containerPort");
            Object protocol = Tree.at(ports.get(i), "protocol");
            String key = number + "/" + (protocol == null ? "TCP" : protocol);
            Integer first = number == null ? null : numbers.putIfAbsent(key, i);
            if (first != null) {
                findings.add(
                        Checks.DUPLICATE_PORT,
                        pod.owner(),
                        Tree.child(portPath, "containerPort"),
                        "port " + key + " of "
                                + where(pod, c) + " is declared twice (ports[" + first + "] and ports[" + i
                                + "]); Helm 4 server-side apply rejects duplicates — keep one entry");
            }
            String name = Tree.strAt(ports.get(i), "name");
            Integer firstName = name == null ? null : names.putIfAbsent(name, i);
            if (firstName != null) {
                findings.add(
                        Checks.DUPLICATE_PORT,
                        pod.owner(),
                        Tree.child(portPath, "name"),
                        "port name '" + name + "' of " + where(pod, c) + " is used twice (ports[" + firstName
                                + "] and ports[" + i + "]); give each port its own name");
            }
        }
    }

    private static void resources(PodSpecRef pod, ContainerRef c, FindingCollector findings) {
        Map<String, Object> resources = Tree.map(c.body().get("resources"));
        String base = Tree.child(c.path(), "resources");
        require(pod, c, findings, resources, base, "requests", "cpu", "cpu request");
        require(pod, c, findings, resources, base, "requests", "memory", "memory request");
        require(pod, c, findings, resources, base, "limits", "memory", "memory limit");
        for (String resource : List.of("cpu", "memory")) {
            java.math.BigDecimal request = quantity(Tree.at(resources, "requests", resource));
            java.math.BigDecimal limit = quantity(Tree.at(resources, "limits", resource));
            if (request != null && limit != null && request.compareTo(limit) > 0) {
                findings.add(
                        Checks.RESOURCES,
                        pod.owner(),
                        base + ".requests." + resource,
                        where(pod, c) + " requests " + Tree.at(resources, "requests", resource) + " " + resource
                                + ", above its limit " + Tree.at(resources, "limits", resource)
                                + "; the API server rejects a request above the limit — lower the request or raise the limit");
            }
        }
    }

    /** A quantity's value, or null when absent or not a quantity (the schema check reports that). */
    private static java.math.BigDecimal quantity(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return io.kubernetes.client.custom.Quantity.fromString(String.valueOf(value))
                    .getNumber();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void require(
            PodSpecRef pod,
            ContainerRef c,
            FindingCollector findings,
            Map<String, Object> resources,
            String base,
            String section,
            String resource,
            String what) {
        if (Tree.at(resources, section, resource) == null) {
            findings.add(
                    Checks.RESOURCES,
                    pod.owner(),
                    base + "." + section + "." + resource,
                    where(pod, c) + " has no " + what + "; set resources." + section + "." + resource);
        }
    }

    private static void image(PodSpecRef pod, ContainerRef c, FindingCollector findings) {
        Object value = c.body().get("image");
        String path = Tree.child(c.path(), "image");
        if (value == null) {
            if (!pod.embedded()) {
                findings.add(
                        Checks.IMAGE_PINNED,
                        pod.owner(),
                        path,
                        where(pod, c) + " has no image; set image to repository:tag");
            }
            return;
        }
        String problem = pinningProblem(String.valueOf(value));
        if (problem != null) {
            findings.add(
                    Checks.IMAGE_PINNED,
                    pod.owner(),
                    path,
                    where(pod, c) + " uses image '" + value + "', which " + problem);
        }
    }

    /** Why an image reference is not pinned, or null when it is. */
    static String pinningProblem(String image) {
        String ref = image.trim();
        if (ref.isEmpty()) {
            return "is empty; set repository:tag";
        }
        if (!ref.equals(image) || ref.chars().anyMatch(Character::isWhitespace)) {
            return "contains whitespace; fix the template that builds it";
        }
        int at = ref.indexOf('@');
        if (at >= 0) {
            return DIGEST.matcher(ref.substring(at + 1)).matches()
                    ? null
                    : "has a malformed digest; use @sha256:<64 hex digits>";
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String tag = colon > slash ? ref.substring(colon + 1) : null;
        if (tag == null || tag.isEmpty()) {
            return "has no tag; pin a version tag (repository:1.2.3) or a digest";
        }
        if ("latest".equals(tag)) {
            return "uses the tag latest; pin a version tag or a digest";
        }
        return null;
    }
}
