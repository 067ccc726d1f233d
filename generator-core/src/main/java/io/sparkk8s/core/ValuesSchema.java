package io.sparkk8s.core;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Json;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code values.schema.json} (draft-07) from a chart model: {@code additionalProperties: false} on
 * every object the model owns, types, enums, ranges, patterns, defaults and descriptions, and the
 * composition rules as {@code if}/{@code then}. Self-contained: a shape that several keys share (a label map,
 * a quantity, an image tag) is written once under {@code definitions} and referred to by a local {@code $ref}
 * that keeps the key's own description, default and examples beside it (see {@link #share}).
 */
final class ValuesSchema {

    /** A key of a Spark settings map: a {@code spark.*} property name that a properties file keeps whole. */
    static final String SPARK_KEY_PATTERN = "^spark\\.[^\\s=:]+$";

    static final String QUANTITY_PATTERN = "^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$";
    /** A Kubernetes qualified name (label and annotation keys): an optional DNS-subdomain prefix, a name. */
    static final String QUALIFIED_NAME_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
    /** The prefix of a qualified name has at most 253 characters (a pattern of its own: RE2 has no lookahead). */
    static final String QUALIFIED_NAME_PREFIX_LENGTH = "^([^/]{1,253}/)?[^/]+$";
    /**
     * The definition holding {@link #QUALIFIED_NAME_PREFIX_LENGTH}, which label and annotation maps refer to: Go's
     * RE2 unrolls {@code {1,253}} into 253 copies, so it is the costliest pattern of the schema to compile
     * (0.3 ms in Helm 4, which compiles it twice per copy: for the meta-schema's "regex" format, then itself).
     */
    static final String QUALIFIED_NAME_PREFIX_DEFINITION = "qualifiedNamePrefix";
    /**
     * A label value: empty, or alphanumerics, '-', '_' and '.', starting and ending alphanumeric; at most
     * {@link #LABEL_VALUE_MAX_LENGTH} characters, which the schema says with {@code maxLength} beside it (RE2 would
     * unroll a counted repetition, {@code {0,61}}, on every Helm command). Together they accept what Kubernetes'
     * {@code (([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?} plus its 63-character limit does
     * (k8s.io/apimachinery validation.IsValidLabelValue).
     */
    static final String LABEL_VALUE_PATTERN = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
    /** The greatest length of a label value. */
    static final int LABEL_VALUE_MAX_LENGTH = 63;
    /** The annotations the chart puts on pod templates itself; user annotations cannot replace them. */
    static final List<String> CHART_ANNOTATIONS = List.of("checksum/config");
    /** The labels every chart object carries; user labels cannot replace them (selectors use some). */
    static final List<String> CHART_LABELS = List.of(
            "app.kubernetes.io/name",
            "app.kubernetes.io/instance",
            "app.kubernetes.io/component",
            "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by",
            "app.kubernetes.io/version",
            "helm.sh/chart");

    private ValuesSchema() {}

    static Map<String, Object> build(ChartModel model, String title, List<Rule> rules) {
        return build(model, title, rules, Rules::absoluteKey);
    }

    /**
     * The values schema of a chart model; the composition rules' reasons name keys through {@code keyText}
     * (a subchart installed alone says its own keys without its block's prefix).
     */
    static Map<String, Object> build(
            ChartModel model, String title, List<Rule> rules, java.util.function.Function<String, String> keyText) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", title);
        root.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        root.put("properties", properties);
        root.put("additionalProperties", false);
        List<Leaf> leaves = new ArrayList<>();
        Map<String, Object> definitions = new java.util.TreeMap<>();
        for (ChartModel.Entry entry : model.entries()) {
            String[] parts = entry.path().split("\\.");
            Map<String, Object> props = properties;
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                prefix.append(i == 0 ? "" : ".").append(parts[i]);
                String heading = i == 0 ? model.sections().get(parts[0]) : null;
                Map<String, Object> object =
                        objectNode(props, parts[i], heading != null ? heading : "Settings under " + prefix + ".");
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) object.get("properties");
                props = next;
            }
            Map<String, Object> leaf = leaf(entry.value());
            if (entry.value().entry() != null) {
                // each entry of a map of a nested model is checked against one shared definition of the model
                String name = entryDefinitionName(entry.path());
                definitions.put(name, entrySchema(entry.path(), entry.value(), leaves));
                // the entry's description beside the $ref, where an editor shows it (definitions carry none)
                leaf.put(
                        "patternProperties",
                        Map.of(
                                Value.ENTRY_NAME_PATTERN,
                                ordered(
                                        "$ref",
                                        "#/definitions/" + name,
                                        "description",
                                        entry.value().description())));
            }
            props.put(parts[parts.length - 1], leaf);
            leaves.add(new Leaf(
                    props,
                    parts[parts.length - 1],
                    parts.length > 1 ? parts[parts.length - 2] : "",
                    entry.value().type(),
                    leaf));
        }
        if (!rules.isEmpty()) {
            List<Object> allOf = new ArrayList<>();
            java.util.Set<String> keys = topLevelKeys(model);
            for (Rule rule : rules) {
                Map<String, Object> clause = new LinkedHashMap<>();
                clause.put("$comment", rule.id() + ": " + rule.message().render(keyText));
                // "if" holds exactly when the rule is broken; "then" then fails on a required property named
                // by the rule's reason and fix: Helm 3 and 4 print property names of "required" but neither a
                // description nor a title, so this is the only way the reason reaches `helm install`. The
                // requirement itself follows, so an editor also marks the key to change.
                Map<String, Object> then = condition(rule.then(), keys, definitions);
                clause.put("if", allOf(condition(rule.when(), keys, definitions), negate(then)));
                Map<String, Object> thenClause = new LinkedHashMap<>();
                thenClause.put("required", List.of(reason(rule, keyText)));
                thenClause.put("allOf", allOf(then).get("allOf"));
                clause.put("then", thenClause);
                allOf.add(clause);
            }
            root.put("allOf", inlineSingleUse(allOf, definitions));
        }
        if (leaves.stream().anyMatch(l -> l.type() == ValueType.LABELS || l.type() == ValueType.ANNOTATIONS)) {
            definitions.put(QUALIFIED_NAME_PREFIX_DEFINITION, Map.of("pattern", QUALIFIED_NAME_PREFIX_LENGTH));
        }
        share(leaves, definitions);
        if (!definitions.isEmpty()) {
            root.put("definitions", definitions);
        }
        return root;
    }

    /** The definition holding the model of one entry of the map at {@code path}: jobs.apps gives jobsAppsEntry. */
    static String entryDefinitionName(String path) {
        StringBuilder name = new StringBuilder();
        for (String part : path.split("\\.")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.append("Entry").toString();
    }

    /**
     * The schema of one entry of a map of a nested model: an object owning exactly the model's keys, with their
     * types, limits, defaults and descriptions (the leaves join {@code leaves}, so shared shapes are shared here
     * too).
     */
    private static Map<String, Object> entrySchema(String path, Value map, List<Leaf> leaves) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        node.put("properties", properties);
        node.put("additionalProperties", false);
        for (Value value : map.entry().values()) {
            String[] parts = value.path().split("\\.");
            Map<String, Object> props = properties;
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                prefix.append(i == 0 ? "" : ".").append(parts[i]);
                Map<String, Object> object = objectNode(props, parts[i], "Settings under " + prefix + ".");
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) object.get("properties");
                props = next;
            }
            Map<String, Object> leaf = leaf(value);
            props.put(parts[parts.length - 1], leaf);
            leaves.add(new Leaf(
                    props,
                    parts[parts.length - 1],
                    parts.length > 1 ? parts[parts.length - 2] : "",
                    value.type(),
                    leaf));
        }
        if (!map.entry().rules().isEmpty()) {
            // the entry model's rules, said the way the chart's rules are (see build): "if" holds exactly when the
            // rule is broken, "then" requires a property named by the reason, which no entry can hold; the
            // requirement itself is not repeated there (its negations would print as schema text in Helm and
            // validate), so the reason alone names what to change
            java.util.Set<String> keys = new java.util.TreeSet<>();
            map.entry().values().forEach(v -> keys.add(v.path().split("\\.")[0]));
            java.util.function.Function<String, String> keyText =
                    key -> path + "." + Value.ENTRY_PLACEHOLDER + "." + key;
            List<Object> allOf = new ArrayList<>();
            for (Rule rule : map.entry().rules()) {
                Map<String, Object> then = condition(rule.then(), keys, null);
                Map<String, Object> clause = new LinkedHashMap<>();
                clause.put("$comment", rule.id() + ": " + rule.message().render(keyText));
                clause.put("if", allOf(condition(rule.when(), keys, null), negate(then)));
                clause.put("then", Map.of("required", List.of(reason(rule, keyText))));
                allOf.add(clause);
            }
            node.put("allOf", allOf);
        }
        return node;
    }

    /** The keywords that describe one key rather than its shape: they stay beside the {@code $ref}. */
    private static final java.util.Set<String> ANNOTATIONS = java.util.Set.of("description", "default", "examples");

    /** A leaf of the properties tree, where it hangs, and what its shape is named after. */
    private record Leaf(
            Map<String, Object> parent, String key, String parentKey, ValueType type, Map<String, Object> node) {

        Map<String, Object> shape() {
            Map<String, Object> shape = new LinkedHashMap<>(node);
            shape.keySet().removeAll(ANNOTATIONS);
            return shape;
        }

        /** Map kinds are named after their type (labels, annotations); other shapes after where they first
         * appear in model order (imageTag, requestsCpu). */
        String name() {
            return switch (type) {
                case LABELS -> "labels";
                case ANNOTATIONS -> "annotations";
                case SPARK_CONF -> "sparkConf";
                case STRING_MAP -> "stringMap";
                case OBJECT_LIST -> "objectList";
                case STRING_LIST -> "stringList";
                default ->
                    parentKey.isEmpty() ? key : parentKey + Character.toUpperCase(key.charAt(0)) + key.substring(1);
            };
        }
    }

    /**
     * Moves every shape that two or more keys share, and that costs a reader something to compile (a regular
     * expression, an enum, a nested schema) or to parse (60 characters or more of JSON), into {@code definitions}; each key
     * keeps {@code {"$ref": "#/definitions/<name>", "description": …, "default": …, "examples": …}}.
     *
     * <p>Draft-07 keeps its reusable schemas under {@code definitions} ({@code $defs} is 2019-09) and lets a
     * validator ignore the siblings of {@code $ref}; only annotations sit there, so that changes no verdict.
     * The definitions themselves carry no description, so yaml-language-server, which merges a referenced
     * schema into the referring one without replacing the referring one's keys, shows each key's own text.
     * Helm 3 (gojsonschema), Helm 4 (santhosh-tekuri/jsonschema) and networknt compile each definition once
     * instead of once per copy: the label-key pattern alone appeared 37 times in one file before. Names are
     * chosen in model order, so the output stays deterministic.
     */
    private static void share(List<Leaf> leaves, Map<String, Object> definitions) {
        Map<Map<String, Object>, Integer> uses = new java.util.HashMap<>();
        for (Leaf leaf : leaves) {
            uses.merge(leaf.shape(), 1, Integer::sum);
        }
        Map<Map<String, Object>, String> names = new java.util.HashMap<>();
        Map<Map<String, Object>, Boolean> worth = new java.util.HashMap<>();
        for (Leaf leaf : leaves) {
            Map<String, Object> shape = leaf.shape();
            if (uses.get(shape) < 2 || !worth.computeIfAbsent(shape, ValuesSchema::worthSharing)) {
                continue;
            }
            String name = names.computeIfAbsent(shape, s -> {
                String candidate = leaf.name();
                String unique = candidate;
                for (int n = 2; definitions.containsKey(unique); n++) {
                    unique = candidate + n;
                }
                definitions.put(unique, s);
                return unique;
            });
            Map<String, Object> reference = new LinkedHashMap<>();
            reference.put("$ref", "#/definitions/" + name);
            leaf.node().forEach((k, v) -> {
                if (ANNOTATIONS.contains(k)) {
                    reference.put(k, v);
                }
            });
            leaf.parent().put(leaf.key(), reference);
        }
    }

    private static boolean worthSharing(Map<String, Object> shape) {
        String json = Json.write(shape);
        return json.contains("\"pattern")
                || json.contains("\"enum\"")
                || json.replaceAll("\\s+", "").length() >= 60
                // a shape of two schema objects or more ({"type": "array", "items": {…}}): each key then holds
                // one, the $ref; Helm 4's validator pays per schema object (see allOf)
                || shape.values().stream().anyMatch(v -> v instanceof Map<?, ?>);
    }

    /**
     * The text every front end prints for a broken composition rule: the engine's problem, the {@code fail} in
     * {@code templates/validate.yaml} and, in the schema, a property name no values file can hold (the root
     * allows no unknown keys), so the {@code required} carrying it fails exactly when the rule is broken.
     */
    static String reason(Rule rule) {
        return reason(rule, Rules::absoluteKey);
    }

    /** The reason of a rule with its keys said the way one layout's values file spells them. */
    static String reason(Rule rule, java.util.function.Function<String, String> keyText) {
        return rule.message().render(keyText) + " [rule " + rule.id() + "]";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectNode(Map<String, Object> props, String key, String description) {
        return (Map<String, Object>) props.computeIfAbsent(key, k -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("type", "object");
            node.put("description", description);
            node.put("properties", new LinkedHashMap<String, Object>());
            node.put("additionalProperties", false);
            return node;
        });
    }

    static Map<String, Object> leaf(Value value) {
        Map<String, Object> node = new LinkedHashMap<>();
        switch (value.type()) {
            case STRING -> node.put("type", "string");
            case INTEGER -> node.put("type", "integer");
            case NUMBER -> node.put("type", "number");
            case BOOLEAN -> node.put("type", "boolean");
            case QUANTITY -> {
                node.put("type", List.of("string", "number"));
                String pattern = value.pattern() != null ? value.pattern() : QUANTITY_PATTERN;
                node.put("pattern", "".equals(value.defaultValue()) ? "^$|" + pattern : pattern);
                node.put("minimum", 0);
            }
            case STRING_MAP -> {
                node.put("type", "object");
                node.put("additionalProperties", Map.of("type", List.of("string", "number", "boolean")));
            }
            case SPARK_CONF -> {
                // Spark reads only spark.* properties from spark-defaults.conf; a key with '=', ':' or a blank
                // would split differently there. Whether Spark knows the key is checked by validate and verify.
                node.put("type", "object");
                node.put(
                        "patternProperties",
                        Map.of(SPARK_KEY_PATTERN, Map.of("type", List.of("string", "number", "boolean"))));
                node.put("additionalProperties", false);
            }
            case LABELS ->
                keyedMap(
                        node,
                        ordered("type", "string", "pattern", LABEL_VALUE_PATTERN, "maxLength", LABEL_VALUE_MAX_LENGTH),
                        true);
            case ANNOTATIONS -> keyedMap(node, Map.of("type", "string"), false);
            case OBJECT -> node.put("type", "object");
            case OBJECT_LIST -> {
                node.put("type", "array");
                node.put("items", Map.of("type", "object"));
            }
            case STRING_LIST -> {
                node.put("type", "array");
                node.put("items", Map.of("type", "string"));
            }
            case MODEL_MAP -> {
                // names become parts of object names: DNS labels, short enough for <release>-<block>-<name>
                node.put("type", "object");
                node.put("propertyNames", Map.of("maxLength", Value.ENTRY_NAME_MAX));
                node.put("additionalProperties", false);
            }
        }
        node.put(
                "description",
                value.description()
                        + (value.sparkConf().isEmpty() ? "" : " Spark setting: " + value.sparkConf() + "."));
        node.put("default", value.defaultValue());
        if (!value.allowed().isEmpty()) {
            node.put("enum", value.allowed());
        }
        if (value.type() == ValueType.STRING_LIST && (value.pattern() != null || value.maxLength() > 0)) {
            Map<String, Object> items = ordered("type", "string");
            if (value.pattern() != null) {
                items.put("pattern", value.pattern());
            }
            if (value.maxLength() > 0) {
                items.put("maxLength", value.maxLength());
            }
            node.put("items", items);
        } else if (value.pattern() != null
                && value.type() != ValueType.QUANTITY
                && value.type() != ValueType.MODEL_MAP) {
            node.put("pattern", value.pattern());
            // the limits of the value's kind (ValueFormat), not of its pattern's text
            for (String rejected : value.format().rejected()) {
                node.put("not", Map.of("const", rejected));
            }
            // the format's limit, or the one Value#maxLength set beside a pattern of characters
            if (value.maxLength() > 0) {
                node.put("maxLength", value.maxLength());
            }
        } else if (value.maxLength() > 0 && value.type() == ValueType.STRING) {
            node.put("maxLength", value.maxLength());
        }
        if (value.minimum() != null) {
            node.put("minimum", value.minimum());
        }
        if (value.maximum() != null) {
            node.put("maximum", value.maximum());
        }
        if (!value.examples().isEmpty()) {
            node.put("examples", value.examples());
        }
        return node;
    }

    /**
     * A map keyed by qualified names (labels, annotations): the key pattern as {@code patternProperties} with
     * {@code additionalProperties: false}, so that Helm names the map's path when a key is wrong;
     * {@code propertyNames} adds what one pattern cannot say (the prefix length, from one shared definition) and
     * rejects the keys the chart sets itself, which a user entry would duplicate (the API server rejects that; selectors could break).
     */
    private static void keyedMap(Map<String, Object> node, Map<String, Object> valueSchema, boolean labels) {
        node.put("type", "object");
        node.put("patternProperties", Map.of(QUALIFIED_NAME_PATTERN, valueSchema));
        node.put("additionalProperties", false);
        node.put(
                "propertyNames",
                ordered(
                        "allOf",
                        List.of(Map.of("$ref", "#/definitions/" + QUALIFIED_NAME_PREFIX_DEFINITION)),
                        "not",
                        Map.of("enum", labels ? CHART_LABELS : CHART_ANNOTATIONS)));
    }

    /** A JSON Schema that holds exactly when the condition holds on the values. */
    static Map<String, Object> condition(Condition condition, java.util.Set<String> keys) {
        return condition(condition, keys, null);
    }

    /**
     * As {@link #condition(Condition, java.util.Set)}; with {@code definitions}, each test of one key (a value, a
     * non-empty string, a list entry) is written once there and the rules refer to it: many rules test the same
     * key ({@code connect.enabled} is true), and a validator compiles each written copy on its own.
     */
    static Map<String, Object> condition(
            Condition condition, java.util.Set<String> keys, Map<String, Object> definitions) {
        if (condition instanceof Condition.Equals eq) {
            return keyTest(eq.path(), "-is-" + eq.value(), Map.of("const", eq.value()), keys, definitions);
        }
        if (condition instanceof Condition.Present present) {
            return keyTest(present.path(), "-is-set", ordered("type", "string", "minLength", 1), keys, definitions);
        }
        if (condition instanceof Condition.NonEmpty nonEmpty) {
            return keyTest(nonEmpty.path(), "-has-entries", ordered("type", "array", "minItems", 1), keys, definitions);
        }
        if (condition instanceof Condition.Contains contains) {
            // the list itself is not required: a values file without it (an IDE sees the file alone) keeps the
            // default list, which Helm and the engine check after merging
            if (!known(contains.path(), keys)) {
                return NEVER;
            }
            int dot = contains.path().lastIndexOf('.');
            Map<String, Object> list = ordered(
                    "properties",
                    Map.of(
                            contains.path().substring(dot + 1),
                            ordered("type", "array", "contains", Map.of("const", contains.value()))));
            return shared(
                    definitions,
                    contains.path() + "-contains-" + contains.value(),
                    dot < 0 ? list : nested(contains.path().substring(0, dot), list));
        }
        if (condition instanceof Condition.Matches matches) {
            return known(matches.path(), keys)
                    ? shared(
                            definitions,
                            matches.path() + "-matches-" + matches.regex(),
                            nested(matches.path(), ordered("type", "string", "pattern", matches.regex())))
                    : NEVER;
        }
        if (condition instanceof Condition.AnyEntry entry) {
            // not every entry lacks the value: an object whose entries all fail "key is value" is excluded
            return known(entry.path(), keys)
                    ? shared(
                            definitions,
                            entry.path() + "-any-" + entry.key() + "-is-" + entry.value(),
                            nested(
                                    entry.path(),
                                    ordered(
                                            "type",
                                            "object",
                                            "not",
                                            Map.of(
                                                    "additionalProperties",
                                                    Map.of(
                                                            "not",
                                                            ordered(
                                                                    "properties",
                                                                    Map.of(entry.key(), Map.of("const", entry.value())),
                                                                    "required",
                                                                    List.of(entry.key())))))))
                    : NEVER;
        }
        if (condition instanceof Condition.Not not) {
            return negate(condition(not.condition(), keys, definitions));
        }
        if (condition instanceof Condition.All all && all.conditions().isEmpty()) {
            return new LinkedHashMap<>(); // always holds (draft-07 wants at least one schema in allOf)
        }
        if (condition instanceof Condition.All all) {
            return allOf(all.conditions().stream()
                    .map(c -> condition(c, keys, definitions))
                    .toArray(Map[]::new));
        }
        List<Object> members = new ArrayList<>();
        for (Object part : Rules.oneOfValues(((Condition.Any) condition).conditions())) {
            members.add(
                    part instanceof Rules.OneOf oneOf
                            ? keyTest(
                                    oneOf.path(),
                                    "-is-one-of-"
                                            + String.join(
                                                    "-",
                                                    oneOf.values().stream()
                                                            .map(String::valueOf)
                                                            .toList()),
                                    Map.of("enum", oneOf.values()),
                                    keys,
                                    definitions)
                            : condition((Condition) part, keys, definitions));
        }
        if (members.size() == 1) {
            @SuppressWarnings("unchecked")
            Map<String, Object> only = (Map<String, Object>) members.get(0);
            return only;
        }
        return Map.of("anyOf", members);
    }

    /**
     * The schema that holds exactly when {@code schema} does not: a double negation cancels ({@code {"not":
     * {"not": x}}} is {@code x}, one schema object less each, and every object costs Helm 4's validator a
     * meta-schema check, a collection step and a compilation).
     */
    private static Map<String, Object> negate(Map<String, Object> schema) {
        if (schema.size() == 1 && schema.get("not") instanceof Map<?, ?> inner) {
            @SuppressWarnings("unchecked")
            Map<String, Object> positive = (Map<String, Object>) inner;
            return positive;
        }
        return Map.of("not", schema);
    }

    /**
     * {@code {"allOf": [...]}} of the given schemas, with the members of an operand that is itself only an
     * {@code allOf} spliced in: the same verdict with one schema object less per nesting, and every schema object
     * costs a validator (Helm 4's santhosh-tekuri/jsonschema checks each against the draft-07 meta-schema,
     * collects it, compiles it, and looks each one up in a list of all the others while compiling).
     */
    @SafeVarargs
    private static Map<String, Object> allOf(Map<String, Object>... schemas) {
        List<Object> members = new ArrayList<>();
        for (Map<String, Object> schema : schemas) {
            if (schema.size() == 1 && schema.get("allOf") instanceof List<?> nested) {
                members.addAll(nested);
            } else {
                members.add(schema);
            }
        }
        return Map.of("allOf", members);
    }

    /**
     * The rules with every condition that only one place tests written in that place instead of under
     * {@code definitions} (a {@code $ref} and its definition are two schema objects where one does); a condition
     * that several rules or both halves of one rule test stays shared.
     */
    private static List<Object> inlineSingleUse(List<Object> rules, Map<String, Object> definitions) {
        Map<String, Integer> uses = new java.util.HashMap<>();
        countReferences(rules, uses);
        java.util.Set<String> single = new java.util.TreeSet<>();
        uses.forEach((name, count) -> {
            if (count == 1 && name.startsWith("if-")) {
                single.add(name);
            }
        });
        @SuppressWarnings("unchecked")
        List<Object> inlined = (List<Object>) inline(rules, single, definitions);
        definitions.keySet().removeAll(single);
        return inlined;
    }

    private static void countReferences(Object node, Map<String, Integer> uses) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref && ref.startsWith("#/definitions/")) {
                uses.merge(ref.substring("#/definitions/".length()), 1, Integer::sum);
            }
            map.values().forEach(v -> countReferences(v, uses));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> countReferences(v, uses));
        }
    }

    private static Object inline(Object node, java.util.Set<String> single, Map<String, Object> definitions) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1
                    && map.get("$ref") instanceof String ref
                    && ref.startsWith("#/definitions/")
                    && single.contains(ref.substring("#/definitions/".length()))) {
                return definitions.get(ref.substring("#/definitions/".length()));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, inline(v, single, definitions)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> inline(v, single, definitions)).toList();
        }
        return node;
    }

    /** A reference to {@code schema} under a name made from {@code hint}, or the schema itself without definitions. */
    /** A test of the value at {@code path} (required, and matching {@code leaf}), shared under its name. */
    private static Map<String, Object> keyTest(
            String path,
            String suffix,
            Map<String, Object> leaf,
            java.util.Set<String> keys,
            Map<String, Object> definitions) {
        return known(path, keys) ? shared(definitions, path + suffix, nested(path, leaf)) : NEVER;
    }

    private static Map<String, Object> shared(
            Map<String, Object> definitions, String hint, Map<String, Object> schema) {
        if (definitions == null) {
            return schema;
        }
        String base = "if-" + hint.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base;
        for (int n = 2; definitions.containsKey(name) && !definitions.get(name).equals(schema); n++) {
            name = base + "-" + n;
        }
        definitions.put(name, schema);
        return Map.of("$ref", "#/definitions/" + name);
    }

    static java.util.Set<String> topLevelKeys(ChartModel model) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        model.entries().forEach(e -> keys.add(e.path().split("\\.")[0]));
        return keys;
    }

    /** A map that keeps the given key order (Map.of does not, and output must be deterministic). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A schema no value satisfies: a condition on a block the chart does not contain. */
    private static final Map<String, Object> NEVER = Map.of("not", Map.of());

    private static boolean known(String path, java.util.Set<String> keys) {
        return keys.contains(path.split("\\.")[0]);
    }

    private static Map<String, Object> nested(String path, Map<String, Object> leaf) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = leaf;
        for (int i = parts.length - 1; i >= 0; i--) {
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put("properties", Map.of(parts[i], node));
            parent.put("required", List.of(parts[i]));
            node = parent;
        }
        return node;
    }
}
