package io.sparkk8s.api;

import java.util.List;
import java.util.Objects;

/**
 * A condition over chart values, written with absolute paths such as {@code connect.backendMode}.
 * The engine evaluates it on values files, writes it as JSON Schema {@code if}/{@code then}, and as a
 * {@code fail} in templates.
 */
public sealed interface Condition {

    /** The value at {@code path} equals {@code value} (a string, number or boolean). */
    record Equals(String path, Object value) implements Condition {
        public Equals {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The string at {@code path} is not empty. */
    record Present(String path) implements Condition {
        public Present {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The list at {@code path} has at least one entry (an absent list has none). */
    record NonEmpty(String path) implements Condition {
        public NonEmpty {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The list of strings at {@code path} contains {@code value}. */
    record Contains(String path, String value) implements Condition {
        public Contains {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The string at {@code path} contains a match of {@code regex}: a regular expression in the subset that JSON
     * Schema ({@code pattern}), Go's RE2 (Helm's {@code regexMatch}) and {@code java.util.regex} read alike
     * (anchors, classes, escapes; no lookaround, no backreferences). An absent value does not match.
     */
    record Matches(String path, String regex) implements Condition {
        public Matches {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(regex, "regex");
        }
    }

    /**
     * Some entry of the map at {@code path} (a {@link ValueType#MODEL_MAP} value such as {@code jobs.apps}) has
     * {@code key} equal to {@code value}: a rule between one entry and the rest of the chart, which an entry's own
     * rules (paths inside the entry) cannot say. An entry that leaves {@code key} out does not match, whatever the
     * entry model's default.
     */
    record AnyEntry(String path, String key, Object value) implements Condition {
        public AnyEntry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The condition does not hold. */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** All conditions hold. */
    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    /** At least one condition holds. */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code <key>.enabled} is true. */
    static Condition enabled(String key) {
        return new Equals(key + ".enabled", true);
    }

    /** The value at path equals the given one. */
    static Condition eq(String path, Object value) {
        return new Equals(path, value);
    }

    /** The string at path is not empty. */
    static Condition present(String path) {
        return new Present(path);
    }

    /** The list at path has at least one entry. */
    static Condition nonEmpty(String path) {
        return new NonEmpty(path);
    }

    /** The list at path contains the given string. */
    static Condition contains(String path, String value) {
        return new Contains(path, value);
    }

    /** The string at path contains a match of the regular expression. */
    static Condition matches(String path, String regex) {
        return new Matches(path, regex);
    }

    /** Some entry of the map at path has key equal to value. */
    static Condition anyEntry(String path, String key, Object value) {
        return new AnyEntry(path, key, value);
    }

    /** Negation. */
    static Condition not(Condition condition) {
        return new Not(condition);
    }

    /** Conjunction. */
    static Condition all(Condition... conditions) {
        return new All(List.of(conditions));
    }

    /** Disjunction. */
    static Condition any(Condition... conditions) {
        return new Any(List.of(conditions));
    }
}
