package io.sparkk8s.api;

/** How a composition becomes chart files. */
public enum Layout {
    /** One chart, every block inside, each switched by {@code <key>.enabled}. */
    TOGGLE,
    /** An umbrella chart with one subchart per block (alias = values key, condition = {@code <key>.enabled}). */
    SUBCHART;

    /** The layout the catalog uses for a line: 3.5 → subchart, 4.1 → toggle. */
    public static Layout catalogDefault(SparkLine line) {
        return line == SparkLine.SPARK_3_5 ? SUBCHART : TOGGLE;
    }
}
