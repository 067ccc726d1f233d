package io.sparkk8s.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A Spark release line the generator can target. */
public enum SparkLine {
    SPARK_3_5("3.5"),
    SPARK_4_1("4.1");

    private final String id;

    SparkLine(String id) {
        this.id = id;
    }

    /** The line's short id as users write it, e.g. {@code 4.1}. */
    public String id() {
        return id;
    }

    /** The chart name generated for this line, e.g. {@code spark-4.1}. */
    public String chartName() {
        return "spark-" + id;
    }

    /**
     * Parses a line id such as {@code 4.1} or a chart name such as {@code spark-4.1}.
     *
     * @throws IllegalArgumentException naming the known ids when the text is not a line
     */
    public static SparkLine parse(String text) {
        String id = text.startsWith("spark-") ? text.substring("spark-".length()) : text;
        for (SparkLine line : values()) {
            if (line.id.equals(id)) {
                return line;
            }
        }
        throw new IllegalArgumentException("unknown Spark line '" + text + "'; known lines: "
                + Arrays.stream(values()).map(SparkLine::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
