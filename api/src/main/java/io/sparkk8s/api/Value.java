package io.sparkk8s.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One declared value of a block: the single source of truth for its {@code values.yaml} entry, its
 * schema, its README row and the template cross-check.
 *
 * <p>Create values with the static factories and refine them with the {@code with…} methods, which
 * return new instances:
 * <pre>{@code
 * Value.string("backendMode", "k8s", "Where executors run.").allowed("k8s", "standalone", "local")
 * }</pre>
 *
 * @param path dot-separated path below the block's values key, e.g. {@code driver.memory}
 * @param type the value's type
 * @param defaultValue the default written to values.yaml; never null ({@code ""}, empty map or list instead)
 * @param description one or more sentences for the comment, the schema and the README
 * @param allowed the allowed values of an enum, else empty
 * @param minimum the inclusive minimum of a number, else null
 * @param maximum the inclusive maximum of a number, else null
 * @param pattern a regular expression a string must match, else null
 * @param lines the Spark lines the value exists on
 * @param examples example values shown in the schema
 * @param sparkConf the Spark setting the value maps to, else empty
 * @param format the kind of string the value holds ({@link ValueFormat#FREE} unless set with
 *     {@link #format(ValueFormat)}); a format other than FREE fixes {@code pattern}
 * @param entry the model of each entry of a {@link ValueType#MODEL_MAP} value (see {@link #modelMap}), else null
 * @param maxLength the greatest length in characters of a string (of each entry of a string list), 0 for none: the
 *     format's limit when the value has one, else what {@link #maxLength(int)} set
 */
public record Value(
        String path,
        ValueType type,
        Object defaultValue,
        String description,
        List<String> allowed,
        Number minimum,
        Number maximum,
        String pattern,
        Set<SparkLine> lines,
        List<Object> examples,
        String sparkConf,
        ValueFormat format,
        ValuesModel entry,
        int maxLength) {

    public Value {
        Objects.requireNonNull(path, "path");
        if (!isPath(path)) {
            throw new IllegalArgumentException(
                    "value path '" + path + "' must be dot-separated identifiers such as driver.memory");
        }
        Objects.requireNonNull(type, "type of " + path);
        Objects.requireNonNull(defaultValue, "default of " + path + " (use \"\", Map.of() or List.of())");
        Objects.requireNonNull(description, "description of " + path);
        if (description.isBlank()) {
            throw new IllegalArgumentException("value '" + path + "' needs a description");
        }
        allowed = List.copyOf(allowed);
        // line order on every JVM (Set.copyOf would iterate in a per-run salted order)
        lines = java.util.Collections.unmodifiableSet(
                lines.isEmpty() ? EnumSet.allOf(SparkLine.class) : EnumSet.copyOf(lines));
        examples = List.copyOf(examples);
        sparkConf = sparkConf == null ? "" : sparkConf;
        format = format == null ? ValueFormat.FREE : format;
        if (format != ValueFormat.FREE && !format.pattern().equals(pattern)) {
            throw new IllegalArgumentException("value '" + path + "' has the format " + format
                    + ", whose pattern it must keep; use format(ValueFormat.FREE) with pattern(...) for another");
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("value '" + path + "': maxLength " + maxLength + " is negative");
        }
        if (format != ValueFormat.FREE && maxLength != format.maxLength()) {
            throw new IllegalArgumentException("value '" + path + "' has the format " + format + ", whose maxLength "
                    + format.maxLength() + " it must keep");
        }
        if (format == ValueFormat.FREE && maxLength > 0 && type != ValueType.STRING && type != ValueType.STRING_LIST) {
            throw new IllegalArgumentException(
                    "value '" + path + "': a maxLength limits strings only, not a " + type + " value");
        }
        if ((type == ValueType.MODEL_MAP) != (entry != null)) {
            throw new IllegalArgumentException("value '" + path + "': a model of its entries is given exactly when "
                    + "the type is MODEL_MAP (declare it with Value.modelMap)");
        }
    }

    /** A value whose only length limit is its format's ({@link ValueFormat#maxLength()}). */
    public Value(
            String path,
            ValueType type,
            Object defaultValue,
            String description,
            List<String> allowed,
            Number minimum,
            Number maximum,
            String pattern,
            Set<SparkLine> lines,
            List<Object> examples,
            String sparkConf,
            ValueFormat format,
            ValuesModel entry) {
        this(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                lines,
                examples,
                sparkConf,
                format,
                entry,
                format == null ? 0 : format.maxLength());
    }

    /** A value that is not a map of a nested model. */
    public Value(
            String path,
            ValueType type,
            Object defaultValue,
            String description,
            List<String> allowed,
            Number minimum,
            Number maximum,
            String pattern,
            Set<SparkLine> lines,
            List<Object> examples,
            String sparkConf,
            ValueFormat format) {
        this(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                lines,
                examples,
                sparkConf,
                format,
                null);
    }

    /** A value without a fixed format ({@link ValueFormat#FREE}). */
    public Value(
            String path,
            ValueType type,
            Object defaultValue,
            String description,
            List<String> allowed,
            Number minimum,
            Number maximum,
            String pattern,
            Set<SparkLine> lines,
            List<Object> examples,
            String sparkConf) {
        this(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                lines,
                examples,
                sparkConf,
                ValueFormat.FREE);
    }

    private static Value of(String path, ValueType type, Object defaultValue, String description) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                List.of(),
                null,
                null,
                null,
                EnumSet.allOf(SparkLine.class),
                List.of(),
                "");
    }

    /** A string value. */
    public static Value string(String path, String defaultValue, String description) {
        return of(path, ValueType.STRING, defaultValue, description);
    }

    /** A whole-number value. */
    public static Value integer(String path, long defaultValue, String description) {
        return of(path, ValueType.INTEGER, defaultValue, description);
    }

    /** A boolean value. */
    public static Value bool(String path, boolean defaultValue, String description) {
        return of(path, ValueType.BOOLEAN, defaultValue, description);
    }

    /**
     * A Kubernetes quantity such as {@code 512Mi} or {@code 500m}, or a non-negative number. An empty string is
     * accepted only when the default is empty, where it means "none" (e.g. no CPU limit).
     */
    public static Value quantity(String path, String defaultValue, String description) {
        return of(path, ValueType.QUANTITY, defaultValue, description);
    }

    /** A map of strings, empty by default unless given. */
    public static Value stringMap(String path, java.util.Map<String, String> defaultValue, String description) {
        return of(path, ValueType.STRING_MAP, new java.util.TreeMap<>(defaultValue), description);
    }

    /**
     * Spark settings passed through as given, empty by default: keys Spark does not read on the chart's line
     * are reported with a "did you mean" ({@link SparkSettings}).
     */
    public static Value sparkSettings(String path, String description) {
        return of(path, ValueType.SPARK_CONF, new java.util.TreeMap<String, String>(), description);
    }

    /** Kubernetes labels (or a node selector), empty by default; the schema checks keys and values. */
    public static Value labels(String path, String description) {
        return of(path, ValueType.LABELS, new java.util.TreeMap<String, String>(), description);
    }

    /** Kubernetes annotations, empty by default; the schema checks the keys and that values are strings. */
    public static Value annotations(String path, String description) {
        return of(path, ValueType.ANNOTATIONS, new java.util.TreeMap<String, String>(), description);
    }

    /** A free-form object, empty by default. */
    public static Value object(String path, String description) {
        return of(path, ValueType.OBJECT, java.util.Map.of(), description);
    }

    /** A list of free-form objects, empty by default. */
    public static Value objectList(String path, String description) {
        return of(path, ValueType.OBJECT_LIST, List.of(), description);
    }

    /** A list of strings. */
    public static Value stringList(String path, List<String> defaultValue, String description) {
        return of(path, ValueType.STRING_LIST, defaultValue, description);
    }

    /**
     * A map whose entries are named by the user and each follow a nested model, e.g. {@code jobs.apps.<name>.*}:
     * empty by default; the schema checks the names (a DNS label of at most {@value #ENTRY_NAME_MAX} characters,
     * since they become parts of object names) and each entry against the model, whose defaults the templates
     * apply to each entry. Templates read an entry through a variable named {@code $<entryVariable>} (e.g.
     * {@code range $name, $app := …}), and the engine's cross-check reads {@code $app.<path>} against the model.
     *
     * @param path the map's path, e.g. {@code apps}
     * @param entry the model of one entry; its images, if any, are not listed (entries use the block's image)
     * @param description what an entry is
     */
    public static Value modelMap(String path, ValuesModel entry, String description) {
        return new Value(
                path,
                ValueType.MODEL_MAP,
                new java.util.TreeMap<String, Object>(),
                description,
                List.of(),
                null,
                null,
                ENTRY_NAME_PATTERN,
                EnumSet.allOf(SparkLine.class),
                List.of(),
                "",
                ValueFormat.FREE,
                Objects.requireNonNull(entry, "entry model of " + path));
    }

    /** The longest name of an entry of a {@link ValueType#MODEL_MAP} value. */
    public static final int ENTRY_NAME_MAX = 30;

    /** The name of an entry of a {@link ValueType#MODEL_MAP} value: a DNS label (it becomes part of object names). */
    public static final String ENTRY_NAME_PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /** The template variable through which templates read one entry of a {@link ValueType#MODEL_MAP} value. */
    public static final String ENTRY_VARIABLE = "$app";

    /** How keys inside a {@link ValueType#MODEL_MAP} value name the entry in documents: {@code jobs.apps.<name>.x}. */
    public static final String ENTRY_PLACEHOLDER = "<name>";

    /** Restricts a string to the given values. */
    public Value allowed(String... values) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                List.of(values),
                minimum,
                maximum,
                pattern,
                lines,
                examples,
                sparkConf,
                format,
                entry,
                maxLength);
    }

    /** Restricts a number to an inclusive range; pass null for an open end. */
    public Value range(Number min, Number max) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                allowed,
                min,
                max,
                pattern,
                lines,
                examples,
                sparkConf,
                format,
                entry,
                maxLength);
    }

    /**
     * Requires a string to match a regular expression (ECMA 262 syntax, as JSON Schema reads it); the value's
     * format becomes {@link ValueFormat#FREE}. For a kind with a fixed meaning use {@link #format(ValueFormat)}.
     */
    public Value pattern(String regex) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                regex,
                lines,
                examples,
                sparkConf,
                ValueFormat.FREE,
                entry,
                format == ValueFormat.FREE ? maxLength : 0);
    }

    /** Declares the kind of string the value holds; its pattern and limits follow from the kind. */
    public Value format(ValueFormat kind) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                kind.pattern(),
                lines,
                examples,
                sparkConf,
                kind,
                entry,
                kind.maxLength());
    }

    /**
     * Limits a string (each entry of a string list) to at most {@code characters} characters, beside its pattern.
     * Write the pattern's characters with {@code *} or {@code +} and the length here instead of a counted
     * repetition such as {@code {0,62}}: the schema then says the same, and Helm compiles it far faster (Go's RE2
     * unrolls a counted repetition into one copy per count, on every {@code helm} command; docs/facts.md §20).
     * For a value with a fixed format ({@link #format(ValueFormat)}) the format's limit applies instead.
     *
     * @param characters the greatest length, at least 1
     * @return the value with the limit
     * @throws IllegalArgumentException when {@code characters} is below 1, the value has a format other than
     *     {@link ValueFormat#FREE}, or is not a string or string list
     */
    public Value maxLength(int characters) {
        if (characters < 1) {
            throw new IllegalArgumentException("value '" + path + "': maxLength must be at least 1, not " + characters);
        }
        return new Value(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                lines,
                examples,
                sparkConf,
                format,
                entry,
                characters);
    }

    /** Declares that the value exists on the given lines only. */
    public Value onlyOn(SparkLine first, SparkLine... rest) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                EnumSet.of(first, rest),
                examples,
                sparkConf,
                format,
                entry,
                maxLength);
    }

    /** Adds example values for the schema. */
    public Value examples(Object... values) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                lines,
                List.of(values),
                sparkConf,
                format,
                entry,
                maxLength);
    }

    /** Records the Spark setting this value maps to, shown by {@code explain} and the README. */
    public Value sparkConf(String key) {
        return new Value(
                path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                lines,
                examples,
                key,
                format,
                entry,
                maxLength);
    }

    /** Returns this value under a prefix, e.g. {@code driver.memory} under {@code connect}. */
    public Value under(String prefix) {
        return new Value(
                prefix + "." + path,
                type,
                defaultValue,
                description,
                allowed,
                minimum,
                maximum,
                pattern,
                lines,
                examples,
                sparkConf,
                format,
                entry,
                maxLength);
    }

    /** True when the value exists on the line. */
    public boolean existsOn(SparkLine line) {
        return lines.contains(line);
    }

    /**
     * Whether a path is dot-separated identifiers, each a letter followed by letters and digits (the regular
     * expression {@code [a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*}), by a character scan: every block model
     * is built on each generation, and the matcher was a measurable part of a warm one (issue 18).
     */
    static boolean isPath(String path) {
        boolean segmentStart = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (segmentStart) {
                if (!letter) {
                    return false;
                }
                segmentStart = false;
            } else if (c == '.') {
                segmentStart = true;
            } else if (!letter && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !segmentStart;
    }
}
