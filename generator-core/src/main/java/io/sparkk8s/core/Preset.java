package io.sparkk8s.core;

import io.sparkk8s.api.SparkLine;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A preset of the catalog: a named, described values overlay.
 *
 * @param name the preset's name
 * @param description what it is for
 * @param lines the lines it applies to
 * @param values the overlay
 * @param source the file it came from, for messages
 */
public record Preset(String name, String description, Set<SparkLine> lines, Map<String, Object> values, String source) {

    public Preset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        lines = Set.copyOf(lines);
        values = frozen(values);
    }

    /**
     * A copy no one can change at any depth: a preset read once serves every later generation (PresetCatalog keeps
     * the presets of unchanged files), and merging shares the overlay's inner maps with the merged tree, so a
     * write into a merged tree would otherwise reach the next generation. Keeps the order and the nulls (a null
     * removes a default).
     */
    @SuppressWarnings("unchecked")
    static <T> T frozen(T value) {
        if (value instanceof Map<?, ?> map) {
            java.util.LinkedHashMap<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, frozen(v)));
            return (T) java.util.Collections.unmodifiableMap(copy);
        }
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> copy = new java.util.ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozen(v)));
            return (T) java.util.Collections.unmodifiableList(copy);
        }
        return value;
    }
}
