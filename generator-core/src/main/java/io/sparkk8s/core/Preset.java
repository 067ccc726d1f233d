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
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
