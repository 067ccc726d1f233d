package io.sparkk8s.api;

/** Receives progress reports; the core never logs by itself. */
public interface GenerationListener {

    /** A listener that ignores everything. */
    GenerationListener SILENT = new GenerationListener() {};

    /** A step finished, e.g. "rendered spark-4.1 (42 files)". */
    default void info(String message) {}

    /** Something the user may want to know about that does not stop generation. */
    default void warn(String message) {}
}
