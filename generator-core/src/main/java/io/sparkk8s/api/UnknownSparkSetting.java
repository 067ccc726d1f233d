package io.sparkk8s.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Spark setting that Spark does not read on a line: Spark would ignore it, so the value has no effect.
 *
 * @param key the setting as written, e.g. {@code spark.sql.warehouseDir}
 * @param line the line that does not read it
 * @param suggestion the closest setting the line reads ("did you mean"), or empty
 * @param knownOn the other lines that do read it; empty when no line does
 */
public record UnknownSparkSetting(String key, SparkLine line, String suggestion, Set<SparkLine> knownOn) {

    public UnknownSparkSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(line, "line");
        suggestion = suggestion == null ? "" : suggestion;
        knownOn = knownOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(knownOn));
    }

    /** What is wrong and how to fix it, e.g. for a values file. */
    public String message() {
        StringBuilder text = new StringBuilder("'").append(key).append("' is not a Spark ").append(line.id())
                .append(" setting");
        if (!knownOn.isEmpty()) {
            text.append(": it exists only on line ").append(knownOn.stream().sorted().map(SparkLine::id)
                    .collect(Collectors.joining(", "))).append(" (keep it in a values file for that line)");
        }
        text.append("; Spark ").append(line.id()).append(" would ignore it");
        if (!suggestion.isEmpty()) {
            text.append("; did you mean '").append(suggestion).append("'?");
        }
        return text.toString();
    }
}
