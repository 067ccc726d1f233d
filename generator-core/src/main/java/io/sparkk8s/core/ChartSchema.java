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

    /** The inputs a chart's schema is a function of. */
    private record Key(ChartModel model, String chartName, List<io.sparkk8s.api.Rule> rules) {}

    /**
     * Schemas of recent compositions (issue 18, warm generation): a composition with an equal model, chart name
     * and rules has the same schema. Neither map of a kept schema is changed by its users: the renderer writes a
     * copy ({@link #copyOfFull()}), the validation stage only reads.
     */
    private static final Memo<Key, ChartSchema> SCHEMAS = new Memo<>(8);

    static ChartSchema of(Composition c) {
        return SCHEMAS.get(new Key(c.model(), c.chartName(), c.rules()), ChartSchema::build);
    }

    /** A deep copy of {@link #full()} that the renderer may add to. */
    @SuppressWarnings("unchecked")
    Map<String, Object> copyOfFull() {
        return (Map<String, Object>) copy(full);
    }

    private static ChartSchema build(Key key) {
        Map<String, Object> full = ValuesSchema.build(key.model(), key.chartName() + " values", key.rules());
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
