package io.sparkk8s.acceptance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * The smallest Kubernetes API server {@code helm template --dry-run=server} needs to render a chart with a real
 * {@code lookup}: discovery of the kinds the charts render, the Secrets a test puts in, 404 for everything
 * else. It answers GETs only, so nothing is ever created; it stands for "the cluster as the previous release
 * left it". Helm's ownership check (an existing object must carry {@code app.kubernetes.io/managed-by: Helm}
 * and the {@code meta.helm.sh/release-*} annotations of this release) runs against it as against a real one.
 */
final class FakeKubeApi implements AutoCloseable {

    private static final Map<String, String> CORE = kinds(
            "ConfigMap",
            "configmaps",
            "Secret",
            "secrets",
            "Service",
            "services",
            "ServiceAccount",
            "serviceaccounts",
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            "Pod",
            "pods");
    private static final Map<String, Map<String, String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("apps", kinds("Deployment", "deployments", "StatefulSet", "statefulsets"));
        GROUPS.put("batch", kinds("Job", "jobs"));
        GROUPS.put("rbac.authorization.k8s.io", kinds("Role", "roles", "RoleBinding", "rolebindings"));
        GROUPS.put("networking.k8s.io", kinds("NetworkPolicy", "networkpolicies", "Ingress", "ingresses"));
    }

    private final HttpServer server;
    private final Map<String, Map<String, Object>> secrets = new ConcurrentHashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeKubeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** A Secret as a previous release left it: owned by {@code release} in {@code namespace} unless {@code owned} is false. */
    void putSecret(String namespace, String name, Map<String, Object> data, String release, boolean owned) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        if (owned) {
            metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "Helm"));
            metadata.put(
                    "annotations",
                    Map.of(
                            "meta.helm.sh/release-name",
                            release,
                            "meta.helm.sh/release-namespace",
                            namespace,
                            "helm.sh/resource-policy",
                            "keep"));
        }
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", metadata);
        secret.put("type", "Opaque");
        secret.put("data", data);
        secrets.put(namespace + "/" + name, secret);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    /** A kubeconfig file whose current context is this server. */
    Path kubeconfig(Path dir) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put(
                "clusters",
                List.of(Map.of(
                        "name",
                        "fake",
                        "cluster",
                        Map.of(
                                "server",
                                "http://127.0.0.1:" + server.getAddress().getPort()))));
        config.put("users", List.of(Map.of("name", "fake", "user", Map.of())));
        config.put("contexts", List.of(Map.of("name", "fake", "context", Map.of("cluster", "fake", "user", "fake"))));
        config.put("current-context", "fake");
        try {
            return Files.writeString(
                    dir.resolve("kubeconfig"),
                    new Dump(DumpSettings.builder().build()).dumpToString(config),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String[] parts = path.replaceAll("^/|/$", "").split("/");
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, status(405, "MethodNotAllowed"));
        } else if (path.equals("/version")) {
            send(exchange, 200, Map.of("major", "1", "minor", "34", "gitVersion", "v1.34.0"));
        } else if (path.equals("/api")) {
            send(
                    exchange,
                    200,
                    Map.of("kind", "APIVersions", "versions", List.of("v1"), "serverAddressByClientCIDRs", List.of()));
        } else if (path.equals("/apis")) {
            List<Object> groups = new ArrayList<>();
            GROUPS.keySet()
                    .forEach(g -> groups.add(Map.of(
                            "name",
                            g,
                            "versions",
                            List.of(Map.of("groupVersion", g + "/v1", "version", "v1")),
                            "preferredVersion",
                            Map.of("groupVersion", g + "/v1", "version", "v1"))));
            send(exchange, 200, Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups));
        } else if (path.equals("/api/v1")) {
            send(exchange, 200, resources("v1", CORE));
        } else if (parts.length == 3
                && parts[0].equals("apis")
                && GROUPS.containsKey(parts[1])
                && parts[2].equals("v1")) {
            send(exchange, 200, resources(parts[1] + "/v1", GROUPS.get(parts[1])));
        } else if (parts.length == 6
                && parts[0].equals("api")
                && parts[4].equals("secrets")
                && secrets.containsKey(parts[3] + "/" + parts[5])) {
            send(exchange, 200, secrets.get(parts[3] + "/" + parts[5]));
        } else if (parts.length == 5 && parts[0].equals("api") && parts[4].equals("secrets")) {
            send(
                    exchange,
                    200,
                    Map.of("kind", "SecretList", "apiVersion", "v1", "metadata", Map.of(), "items", List.of()));
        } else {
            send(exchange, 404, status(404, "NotFound"));
        }
    }

    private static Map<String, Object> status(int code, String reason) {
        return Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason", reason, "code", code);
    }

    private static Map<String, Object> resources(String groupVersion, Map<String, String> kinds) {
        List<Object> out = new ArrayList<>();
        kinds.forEach((kind, plural) -> out.add(Map.of(
                "name",
                plural,
                "singularName",
                kind.toLowerCase(),
                "namespaced",
                true,
                "kind",
                kind,
                "verbs",
                List.of("get", "list", "create", "update", "patch", "delete"))));
        return Map.of("kind", "APIResourceList", "groupVersion", groupVersion, "resources", out);
    }

    private static void send(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes = io.sparkk8s.api.Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> kinds(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
