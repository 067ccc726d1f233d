package io.sparkk8s.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Path access and Helm-style merging of values trees: the one values merge of the project. */
public final class Values {

    private Values() {}

    /** The value at a dotted path, or null. */
    static Object get(Map<String, Object> values, String path) {
        Object at = values;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return at;
    }

    /** Sets a value at a dotted path, creating maps on the way. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> values, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = values;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                at.put(parts[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
    }

    /**
     * Values given over a base, as Helm coalesces a values file over the chart's defaults (and a later
     * {@code -f} over an earlier one): maps merge key by key, recursively; any other value in {@code over}
     * (a scalar, a list, a map over a scalar, a scalar over a map) replaces the base's; a {@code null} in
     * {@code over} removes the key. Neither argument is changed. (Helm's {@code CoalesceTables}, with user values
     * as the authoritative side: a null deletes, a table and a non-table conflict keeps the user's value.)
     *
     * @param base the lower layer, e.g. the chart's defaults
     * @param over the upper layer, e.g. a values file
     * @return a new tree
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> e : over.entrySet()) {
            Object left = out.get(e.getKey());
            if (left instanceof Map<?, ?> l && e.getValue() instanceof Map<?, ?> r) {
                out.put(e.getKey(), merge((Map<String, Object>) l, (Map<String, Object>) r));
            } else if (e.getValue() == null) {
                out.remove(e.getKey());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Helm's merging of values files before they meet the chart's defaults: maps merge recursively, everything
     * else in {@code over} replaces {@code base}, and a null is kept, so that it removes the default later.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> layer(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> e : over.entrySet()) {
            Object left = out.get(e.getKey());
            if (left instanceof Map<?, ?> l && e.getValue() instanceof Map<?, ?> r) {
                out.put(e.getKey(), layer((Map<String, Object>) l, (Map<String, Object>) r));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** A values tree without its null entries (at any depth): what is left of a layer once Helm applied it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutNulls(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, withoutNulls((Map<String, Object>) m));
            } else if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The defaults of a chart model as a values tree. */
    static Map<String, Object> defaults(ChartModel model) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ChartModel.Entry entry : model.entries()) {
            Object def = entry.value().defaultValue();
            put(
                    values,
                    entry.path(),
                    def instanceof Map<?, ?> m
                            ? new LinkedHashMap<>(m)
                            : def instanceof List<?> l ? List.copyOf(l) : def);
        }
        return values;
    }
}
