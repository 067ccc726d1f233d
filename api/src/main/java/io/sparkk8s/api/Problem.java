package io.sparkk8s.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One problem with an input: where it is and how to fix it.
 *
 * @param source the file (or other source) that holds the bad value
 * @param path the key path, e.g. {@code connect.backendMode}; empty for the whole file
 * @param message what is wrong, with the bad value, what is allowed and how to fix it
 * @param kind what kind of problem it is, for front ends that map kinds to their own terms
 */
public record Problem(String source, String path, String message, Kind kind) {

    /** The kinds of problems. */
    public enum Kind {
        /** The input cannot be read, violates the values schema or a composition rule. */
        INPUT,
        /**
         * A Spark setting (a key of a {@link ValueType#SPARK_CONF} map, or one a block declares) that Spark does
         * not read on the chart's line; see {@link UnknownSparkSetting}.
         */
        UNKNOWN_SPARK_SETTING
    }

    public Problem {
        Objects.requireNonNull(source, "source");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
        kind = kind == null ? Kind.INPUT : kind;
    }

    /** A problem of kind {@link Kind#INPUT}. */
    public Problem(String source, String path, String message) {
        this(source, path, message, Kind.INPUT);
    }

    /**
     * A Spark setting Spark does not read, at a key path such as {@code connect.sparkConf.spark.sql.warehouseDir}.
     *
     * @param source the file (or block) that sets it
     * @param path the key path of the setting
     * @param setting what Spark does not read, with the suggestion
     * @return a problem of kind {@link Kind#UNKNOWN_SPARK_SETTING}
     */
    public static Problem unknownSparkSetting(String source, String path, UnknownSparkSetting setting) {
        return new Problem(source, path, setting.message(), Kind.UNKNOWN_SPARK_SETTING);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : "`" + path + "` in ") + source + ": " + message;
    }

    static String describe(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems:\n" + problems.stream().map(p -> "  - " + p)
                .collect(Collectors.joining("\n"));
    }
}
