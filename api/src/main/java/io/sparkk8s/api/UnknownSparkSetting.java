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
 * @param retired Spark's own note when the line no longer reads a setting it once had ({@code removed in Spark
 *     3.0.0: ...}, {@code no longer read (deprecated in Spark 3.1.0): ...}), else empty
 */
public record UnknownSparkSetting(
        String key, SparkLine line, String suggestion, Set<SparkLine> knownOn, String retired) {

    public UnknownSparkSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(line, "line");
        suggestion = suggestion == null ? "" : suggestion;
        retired = retired == null ? "" : retired;
        knownOn = knownOn.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(knownOn));
    }

    /** What is wrong and how to fix it, e.g. for a values file. */
    public String message() {
        StringBuilder text = new StringBuilder("'")
                .append(key)
                .append("' is not a Spark ")
                .append(line.id())
                .append(" setting");
        if (!retired.isEmpty()) {
            text.append(" (").append(retired).append(')');
        }
        if (!knownOn.isEmpty()) {
            text.append(": it exists only on line ")
                    .append(knownOn.stream().sorted().map(SparkLine::id).collect(Collectors.joining(", ")))
                    .append(" (keep it in a values file for that line)");
        }
        text.append("; Spark ").append(line.id()).append(" would ignore it");
        if (!suggestion.isEmpty()) {
            text.append("; did you mean '").append(suggestion).append("'?");
        }
        return text.toString();
    }
}
