package io.sparkk8s.api;

import java.util.List;

/**
 * The charts of one generation run, in memory until written.
 *
 * @param charts the charts, in line order
 */
public record GenerationResult(List<GeneratedChart> charts) {

    public GenerationResult {
        charts = List.copyOf(charts);
    }

    /** The chart with the given name. */
    public GeneratedChart chart(String name) {
        return charts.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chart " + name + " in "
                        + charts.stream().map(GeneratedChart::name).toList()));
    }
}
