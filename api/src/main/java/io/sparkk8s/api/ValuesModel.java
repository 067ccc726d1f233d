package io.sparkk8s.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered set of values a block declares. Paths are relative to the block's values key.
 *
 * @param values the declared values, in the order values.yaml shows them
 */
public record ValuesModel(List<Value> values) {

    public ValuesModel {
        values = List.copyOf(values);
        Map<String, Value> seen = new LinkedHashMap<>();
        for (Value value : values) {
            if (seen.put(value.path(), value) != null) {
                throw new IllegalArgumentException("value '" + value.path() + "' is declared twice");
            }
        }
        // A path below a leaf sorts right after "<leaf>." (n log n; models are built often).
        java.util.TreeMap<String, Value> sorted = new java.util.TreeMap<>(seen);
        for (Value value : values) {
            String below = value.path() + ".";
            String next = sorted.ceilingKey(below);
            if (next != null && next.startsWith(below)) {
                throw new IllegalArgumentException("value '" + next + "' is declared below '"
                        + value.path() + "', which is a leaf of type " + value.type().label());
            }
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value at a path, if declared. */
    public Optional<Value> find(String path) {
        return values.stream().filter(v -> v.path().equals(path)).findFirst();
    }

    /** The values that exist on a line. */
    public ValuesModel on(SparkLine line) {
        return new ValuesModel(values.stream().filter(v -> v.existsOn(line)).toList());
    }

    /** A builder that keeps declaration order. */
    public static final class Builder {
        private final List<Value> values = new ArrayList<>();

        private Builder() {
        }

        /** Adds one value. */
        public Builder add(Value value) {
            values.add(value);
            return this;
        }

        /** Adds values, e.g. a common set from {@link CommonValues}. */
        public Builder addAll(List<Value> more) {
            values.addAll(more);
            return this;
        }

        /** The model. */
        public ValuesModel build() {
            return new ValuesModel(values);
        }
    }
}
