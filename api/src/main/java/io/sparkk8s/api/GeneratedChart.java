package io.sparkk8s.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One generated chart held in memory: file paths relative to the chart folder, and their UTF-8 text.
 *
 * @param name the chart's folder name, e.g. {@code spark-4.1}
 * @param line the Spark line
 * @param layout the layout
 * @param files the files, sorted by path
 */
public record GeneratedChart(String name, SparkLine line, Layout layout, SortedMap<String, String> files) {

    public GeneratedChart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(layout, "layout");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** The text of one file. */
    public String file(String path) {
        String text = files.get(path);
        if (text == null) {
            throw new IllegalArgumentException("chart " + name + " has no file " + path + "; it has " + files.keySet());
        }
        return text;
    }

    /** The total size in bytes. */
    public long size() {
        return files.values().stream()
                .mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }
}
