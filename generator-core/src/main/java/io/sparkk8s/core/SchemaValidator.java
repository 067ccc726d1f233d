package io.sparkk8s.core;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates parsed YAML against a draft-07 JSON Schema and turns violations into {@link Problem}s that
 * keep the key path, the bad value, what is allowed and a "did you mean" for misspelt keys.
 */
final class SchemaValidator {

    /**
     * For values of other types than parsed YAML and JSON produce (maps, lists, strings, numbers, booleans, null),
     * which {@link #tree} converts itself; created at the first such value only: building a mapper and its
     * serializers loads several hundred Jackson classes, a large share of a cold start of the CLI (issue 18).
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }

    private final Schema schema;
    private final JsonNode schemaNode;

    private SchemaValidator(JsonNode schemaNode) {
        this.schemaNode = schemaNode;
        this.schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode);
    }

    /** A validator of the schema given as maps and lists. */
    public static SchemaValidator of(Map<String, Object> schema) {
        return new SchemaValidator(tree(schema));
    }

    /** A validator of the schema given as JSON text. */
    public static SchemaValidator of(String json) {
        // JSON is YAML 1.2: the YAML reader (loaded anyway) gives the maps and lists tree() converts
        return new SchemaValidator(tree(Yaml.load(json, "schema")));
    }

    /**
     * Validates a value.
     *
     * @param value the parsed YAML
     * @param source the file name used in the problems
     * @param pathPrefix a prefix for reported paths, e.g. {@code values} inside a preset; may be empty
     * @return every problem, sorted by path
     */
    public List<Problem> validate(Object value, String source, String pathPrefix) {
        JsonNode instance = tree(value);
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Error error : schema.validate(instance)) {
            if (isNoise(error)) {
                continue;
            }
            String path = join(pathPrefix, dotted(error.getInstanceLocation()));
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                path = join(path, error.getProperty());
            }
            String message = message(error, instance);
            if (seen.add(path + "\u0000" + message)) {
                problems.add(new Problem(source, path, message));
            }
        }
        problems.sort(Comparator.comparing(Problem::path).thenComparing(Problem::message));
        return problems;
    }

    /**
     * The JSON tree of parsed YAML or JSON, node for node what {@code ObjectMapper.valueToTree} gives (ints stay
     * int nodes, doubles double nodes, map order is kept), built without Jackson's serializers.
     */
    static JsonNode tree(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        } else if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode(list.size());
            list.forEach(v -> array.add(tree(v)));
            return array;
        } else if (value instanceof String text) {
            return nodes.stringNode(text);
        } else if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        } else if (value instanceof Integer number) {
            return nodes.numberNode(number.intValue());
        } else if (value instanceof Long number) {
            return nodes.numberNode(number.longValue());
        } else if (value instanceof Double number) {
            return nodes.numberNode(number.doubleValue());
        } else if (value instanceof java.math.BigInteger number) {
            return nodes.numberNode(number);
        } else if (value instanceof java.math.BigDecimal number) {
            return nodes.numberNode(number);
        }
        return Mapper.MAPPER.valueToTree(value);
    }

    private static boolean isNoise(Error error) {
        // the failed "if" of a composition rule is no problem; its "then" is reported by the rule itself
        return "if".equals(error.getKeyword());
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? prefix : prefix + "." + path;
    }

    static String dotted(NodePath location) {
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

    private String message(Error error, JsonNode instance) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode bad = error.getInstanceNode();
        String badText = bad == null ? "" : describe(bad);
        JsonNode rule = error.getSchemaNode();
        switch (keyword) {
            case "additionalProperties" -> {
                String property = error.getProperty();
                List<String> allowed = allowedKeys(error);
                String hint = Suggestions.closest(property, allowed)
                        .map(s -> "did you mean '" + s + "'? ")
                        .orElse("");
                JsonNode owner = parentSchema(error);
                if (allowed.isEmpty() && owner != null && owner.has("patternProperties")) {
                    return "key '" + property + "' is not allowed here; keys must match "
                            + String.join(" or ", owner.get("patternProperties").propertyNames());
                }
                return "unknown key '" + property + "'; " + hint + "allowed keys: " + String.join(", ", allowed);
            }
            case "enum" -> {
                List<String> allowed = new ArrayList<>();
                rule.forEach(n -> allowed.add(n.isString() ? "'" + n.asString() + "'" : n.toString()));
                return badText + " is not one of " + String.join(", ", allowed);
            }
            case "type" -> {
                return "expected " + rule.toString().replace("\"", "") + ", found " + badText;
            }
            case "required" -> {
                return "missing required key '" + error.getProperty() + "'";
            }
            case "pattern" -> {
                JsonNode owner = describingSchema(error);
                List<String> examples = new ArrayList<>();
                if (owner != null && owner.has("examples")) {
                    owner.get("examples").forEach(n -> examples.add(n.isString() ? n.asString() : n.toString()));
                }
                return badText + " does not match the pattern " + rule.asString()
                        + (examples.isEmpty() ? "" : "; e.g. " + String.join(", ", examples));
            }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                JsonNode owner = parentSchema(error);
                String min = owner != null && owner.has("minimum")
                        ? owner.get("minimum").toString()
                        : null;
                String max = owner != null && owner.has("maximum")
                        ? owner.get("maximum").toString()
                        : null;
                String allowed = min != null && max != null
                        ? "allowed: " + min + " to " + max
                        : min != null ? "allowed: " + min + " or more" : max != null ? "allowed: up to " + max : "";
                return badText + (keyword.endsWith("inimum") ? " is below the " : " is above the ")
                        + keyword.replace("exclusiveM", "exclusive m") + " " + rule.toString()
                        + (allowed.isEmpty() ? "" : "; " + allowed);
            }
            default -> {
                String message = error.getMessage();
                int colon = message.indexOf(": ");
                String text = message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
                return (badText.isEmpty() ? "" : badText + ": ") + text;
            }
        }
    }

    private List<String> allowedKeys(Error error) {
        // the error's schema node is the additionalProperties value; find the sibling properties
        JsonNode at = parentSchema(error);
        List<String> keys = new ArrayList<>();
        if (at != null && at.has("properties")) {
            at.get("properties").propertyNames().forEach(keys::add);
        }
        keys.sort(String::compareTo);
        return keys;
    }

    /** The schema object that holds the failed keyword (the keyword's siblings are its other constraints). */
    private JsonNode parentSchema(Error error) {
        return walk(error, false);
    }

    /**
     * The schema object that describes the failed key: the same as {@link #parentSchema} unless the keyword sits
     * in a shared definition, then the object whose {@code $ref} led there (it keeps the key's examples).
     */
    private JsonNode describingSchema(Error error) {
        return walk(error, true);
    }

    /** Follows the evaluation path from the root, through local {@code $ref}s, to the failed keyword's owner. */
    private JsonNode walk(Error error, boolean stopAtReference) {
        JsonNode at = schemaNode;
        JsonNode referrer = null;
        NodePath evaluation = error.getEvaluationPath();
        for (int i = 0; i < evaluation.getNameCount() - 1; i++) {
            Object element = evaluation.getElement(i);
            if (at == null) {
                break;
            }
            if ("$ref".equals(element) && at.path("$ref").isString()) {
                referrer = at;
                at = resolve(at.get("$ref").asString());
            } else {
                referrer = null;
                at = element instanceof Integer index ? at.get(index) : at.get(String.valueOf(element));
            }
        }
        return stopAtReference && referrer != null ? referrer : at;
    }

    /** A local reference ({@code #/definitions/labels}): a JSON pointer into this schema. */
    private JsonNode resolve(String reference) {
        if (!reference.startsWith("#")) {
            return null;
        }
        JsonNode target = schemaNode.at(reference.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static String describe(JsonNode node) {
        if (node.isString()) {
            String text = node.asString();
            return text.length() <= 200
                    ? "'" + text + "'"
                    : "'" + text.substring(0, 120) + "…' (" + text.length() + " characters)";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }
}
