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
 * @param origin which part of the input holds the bad value, for front ends that name their own parameter
 *     for it (the Maven goal's {@code <overrides>}, the command line's {@code --set}) without reading messages
 */
public record Problem(String source, String path, String message, Kind kind, Origin origin) {

    /** Which part of the input a problem is in. */
    public enum Origin {
        /** A file or other source named by {@code source}: a preset, a values file, a block's defaults. */
        FILE,
        /** A default override of the request ({@link GenerationRequest#overrides()}). */
        OVERRIDE,
        /** A preset name the request selects ({@link GenerationRequest#presets()}); {@code path} is the name. */
        PRESET_SELECTION,
        /**
         * A catalog folder of the request ({@link GenerationRequest#catalog()} or
         * {@link GenerationRequest#moreCatalogs()}); {@code source} is its {@code presets} folder.
         */
        CATALOG
    }

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
        origin = origin == null ? Origin.FILE : origin;
    }

    /** A problem of the given kind in a file (origin {@link Origin#FILE}). */
    public Problem(String source, String path, String message, Kind kind) {
        this(source, path, message, kind, Origin.FILE);
    }

    /** A problem of kind {@link Kind#INPUT} in a file (origin {@link Origin#FILE}). */
    public Problem(String source, String path, String message) {
        this(source, path, message, Kind.INPUT, Origin.FILE);
    }

    /** A problem of kind {@link Kind#INPUT} in the request's default overrides, at an absolute path. */
    public static Problem override(String path, String message) {
        return new Problem("overrides", path, message, Kind.INPUT, Origin.OVERRIDE);
    }

    /** This problem, attributed to another part of the input. */
    public Problem withOrigin(Origin where) {
        return new Problem(source, path, message, kind, where);
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
        return problems.size() + " problems:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
