package io.sparkk8s.core;

import io.sparkk8s.api.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/** The documented JSON shapes of core results, shared by every front end (written with {@link Json}). */
public final class Reports {

    private Reports() {}

    /**
     * A problem as JSON fields: {@code file}, {@code path}, {@code value} (the bad value, when the input is known
     * and holds it; else null), {@code kind}, {@code message} (what is wrong, what is expected and the fix).
     *
     * @param problem the problem
     * @param input the values the problem is about, or null when unknown
     * @return the fields, in that order
     */
    public static Map<String, Object> problem(Problem problem, Map<String, Object> input) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", problem.source());
        json.put("path", problem.path());
        Object value = input == null || problem.path().isEmpty() ? null : Values.get(input, problem.path());
        json.put("value", value == null ? null : jsonValue(value));
        json.put(
                "kind", problem.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        json.put("message", problem.message());
        return json;
    }

    /**
     * A YAML value as a fresh tree {@link Json} (and {@link Yaml#dump}, without anchors) writes: maps, lists,
     * strings, numbers, booleans, null; every container is a new object.
     */
    public static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            list.forEach(v -> out.add(jsonValue(v)));
            return out;
        }
        return String.valueOf(value);
    }

    /**
     * A values tree as a block-style YAML document, the way the engine writes values files.
     *
     * @param value maps, lists and scalars
     * @return the YAML text
     */
    public static String yaml(Object value) {
        return Yaml.dump(value);
    }

    /**
     * A value as one line of flow-style YAML (for showing old and new values side by side).
     *
     * @param value a scalar, map or list
     * @return the YAML text
     */
    public static String inlineYaml(Object value) {
        return Yaml.inline(value);
    }
}
