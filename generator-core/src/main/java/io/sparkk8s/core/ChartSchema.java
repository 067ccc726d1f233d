package io.sparkk8s.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values schema of a composed chart, built once per composition: the validation stage checks values against
 * its structure, the render stage writes it whole as {@code values.schema.json}.
 *
 * @param full the chart's schema with the composition rules as {@code if}/{@code then} (what Helm and editors read)
 * @param structure a copy without the rules: a values overlay is checked for its structure as it is, and the rules
 *     run on the merged values with their own messages (the schema's if/then would only say "missing key")
 */
record ChartSchema(Map<String, Object> full, Map<String, Object> structure) {

    static ChartSchema of(Composition c) {
        Map<String, Object> full = ValuesSchema.build(c.model(), c.chartName() + " values", c.rules());
        @SuppressWarnings("unchecked")
        Map<String, Object> structure = (Map<String, Object>) copy(full);
        structure.remove("allOf");
        structure.put("title", "");
        return new ChartSchema(full, structure);
    }

    /** A deep copy, so that the renderer's additions to {@code full} never reach the validator's cache key. */
    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return node;
    }
}
