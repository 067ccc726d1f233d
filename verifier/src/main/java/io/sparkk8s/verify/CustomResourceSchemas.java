package io.sparkk8s.verify;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The custom resources the verifier knows from their real CustomResourceDefinitions, vendored unmodified in
 * {@code io/sparkk8s/verify/crds/} (provenance in its README): a rendered object of one of these kinds is validated
 * against the {@code openAPIV3Schema} of its served version, as the API server would with strict field validation.
 *
 * <p>The structural schema is read as JSON Schema with the API server's own readings of its extensions
 * (Kubernetes docs, "Specifying a structural schema"): {@code nullable} admits {@code null};
 * {@code x-kubernetes-int-or-string} admits an integer or a string; an object with {@code properties} admits no
 * other field unless {@code x-kubernetes-preserve-unknown-fields} is set (the API server prunes such a field, and
 * rejects it under {@code fieldValidation=Strict}, which Helm 4's server-side apply uses); OpenAPI {@code format}s
 * (int32, int64, date-time …) are not asserted. CEL rules ({@code x-kubernetes-validations}) are not evaluated; none
 * of the vendored CRDs has one.
 */
final class CustomResourceSchemas {

    /** The vendored CRD files, below {@code io/sparkk8s/verify/crds/}. */
    static final List<String> FILES = List.of(
            "sparkoperator.k8s.io_sparkapplications.yaml",
            "sparkoperator.k8s.io_scheduledsparkapplications.yaml",
            "scheduling.volcano.sh_podgroups.yaml",
            "monitoring.coreos.com_podmonitors.yaml",
            "monitoring.coreos.com_servicemonitors.yaml",
            "monitoring.coreos.com_prometheusrules.yaml");

    /** Keywords whose value maps names (of fields, definitions) to schemas, not a schema itself. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "definitions");

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** "group/version Kind" → the CRD file of the kind, for every served version; read once, without schemas. */
    private static final Map<String, String> SERVED = served();

    /** "group/version Kind" → the compiled schema, compiled on first use (the Spark operator's are ~850 KB). */
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private CustomResourceSchemas() {}

    /** True when a vendored CRD serves this apiVersion and kind. */
    static boolean knows(String apiVersion, String kind) {
        return SERVED.containsKey(apiVersion + " " + kind);
    }

    /** The apiVersions that vendored CRDs serve for a kind, e.g. to suggest one for a wrong version. */
    static Set<String> apiVersionsOf(String kind) {
        Set<String> versions = new TreeSet<>();
        SERVED.keySet().stream()
                .filter(key -> key.endsWith(" " + kind))
                .forEach(key -> versions.add(key.substring(0, key.indexOf(' '))));
        return versions;
    }

    /**
     * The violations of an object of a known kind, sorted by path; {@code metadata} is left to the caller (the CRD
     * declares it only as an object).
     */
    static List<Violation> validate(Map<String, Object> body) {
        String key = Tree.str(body.get("apiVersion")) + " " + Tree.str(body.get("kind"));
        String file = SERVED.get(key);
        if (file == null) {
            throw new IllegalArgumentException("no vendored CRD serves " + key);
        }
        Schema schema = SCHEMAS.computeIfAbsent(key, k -> compile(file, k));
        Map<String, Object> withoutMetadata = new LinkedHashMap<>(body);
        withoutMetadata.replace("metadata", Map.of());
        Set<Violation> violations = new TreeSet<>();
        for (Error error : schema.validate(MAPPER.valueToTree(withoutMetadata))) {
            String path = dotted(error.getInstanceLocation());
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                path = path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
                violations.add(new Violation(
                        path,
                        "unknown field '" + error.getProperty() + "': " + Tree.str(body.get("kind")) + " (CRD " + file
                                + ") has no such field here; remove it"));
            } else {
                violations.add(new Violation(path, ManifestParser.oneLine(message(error))));
            }
        }
        // one violation per path: the branches of an anyOf (integer or string) each report the same value
        Map<String, String> byPath = new LinkedHashMap<>();
        violations.forEach(v -> byPath.merge(v.path(), v.message(), (a, b) -> a + "; " + b));
        List<Violation> merged = new ArrayList<>();
        byPath.forEach((path, message) -> merged.add(new Violation(path, message)));
        return merged;
    }

    /** One violation: the dotted path in the object and what is wrong. */
    record Violation(String path, String message) implements Comparable<Violation> {
        @Override
        public int compareTo(Violation other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : message.compareTo(other.message);
        }
    }

    private static String message(Error error) {
        String message = error.getMessage();
        // networknt prefixes the instance location ("/spec/x: "); the finding carries the path itself
        int colon = message.indexOf(": ");
        if (message.startsWith("/") && colon > 0) {
            message = message.substring(colon + 2);
        }
        return message;
    }

    private static Map<String, String> served() {
        Map<String, String> served = new LinkedHashMap<>();
        for (String file : FILES) {
            Map<String, Object> spec = Tree.mapAt(read(file), "spec");
            String group = Tree.str(spec.get("group"));
            String kind = Tree.strAt(spec, "names", "kind");
            for (Object version : Tree.list(spec.get("versions"))) {
                if (Boolean.TRUE.equals(Tree.at(version, "served"))) {
                    served.put(group + "/" + Tree.str(Tree.at(version, "name")) + " " + kind, file);
                }
            }
        }
        return Map.copyOf(served);
    }

    private static Schema compile(String file, String key) {
        Map<String, Object> spec = Tree.mapAt(read(file), "spec");
        for (Object version : Tree.list(spec.get("versions"))) {
            String apiVersion = Tree.str(spec.get("group")) + "/" + Tree.str(Tree.at(version, "name"));
            if (key.startsWith(apiVersion + " ")) {
                JsonNode openApi = MAPPER.valueToTree(Tree.at(version, "schema", "openAPIV3Schema"));
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                        .getSchema(asJsonSchema(openApi));
            }
        }
        throw new IllegalStateException("CRD " + file + " lost the version of " + key);
    }

    /** The structural schema as draft-07 JSON Schema, with the API server's readings of its extensions. */
    static JsonNode asJsonSchema(JsonNode node) {
        if (node instanceof ArrayNode array) {
            ArrayNode out = MAPPER.createArrayNode();
            array.forEach(element -> out.add(asJsonSchema(element)));
            return out;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        ObjectNode out = MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            if (name.equals("format") || name.equals("nullable") || name.startsWith("x-kubernetes-")) {
                continue;
            }
            if (SCHEMA_MAPS.contains(name) && field.getValue() instanceof ObjectNode schemas) {
                ObjectNode named = out.putObject(name);
                schemas.properties().forEach(entry -> named.set(entry.getKey(), asJsonSchema(entry.getValue())));
            } else {
                out.set(name, asJsonSchema(field.getValue()));
            }
        }
        boolean intOrString = object.path("x-kubernetes-int-or-string").asBoolean(false);
        if (intOrString) {
            out.remove("type");
            if (!out.has("anyOf")) {
                ArrayNode types = out.putArray("type");
                types.add("integer");
                types.add("string");
            }
        }
        if (object.path("nullable").asBoolean(false)
                && out.has("type")
                && out.get("type").isString()) {
            ArrayNode types = MAPPER.createArrayNode();
            types.add(out.get("type").asString());
            types.add("null");
            out.set("type", types);
        }
        boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (object.has("properties") && !object.has("additionalProperties") && !preserve) {
            out.put("additionalProperties", false);
        }
        return out;
    }

    private static String dotted(NodePath location) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    private static Map<String, Object> read(String file) {
        String resource = "io/sparkk8s/verify/crds/" + file;
        try (InputStream in = CustomResourceSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("vendored CRD " + resource + " is missing from the class path");
            }
            Object parsed = ManifestParser.parseYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Optional.ofNullable(Tree.map(parsed)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
