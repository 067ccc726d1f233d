package io.sparkk8s.core;

import io.sparkk8s.api.GenerationResult;
import java.nio.file.Path;

/**
 * Stage 6: where generated charts go. {@link #directory(Path)} writes the charts of a run beside their
 * targets, then swaps them all in, under a lock on the output folder; it only ever replaces folders the
 * generator wrote (they carry {@link #MARKER}), and refuses an output folder inside another chart.
 */
public interface ChartOutput {

    /** The file every chart folder written by {@link #directory(Path)} carries; only such folders are replaced. */
    String MARKER = ".spark-k8s-generated";

    /** The lock file in the output folder: two generates into one folder run one after the other. */
    String LOCK = ".spark-k8s.lock";

    /** The name of the catalog's own output folder, beside {@code presets/}: the committed, full catalog. */
    String CATALOG_OUTPUT = "generated-charts";

    /** Writes the charts. */
    void write(GenerationResult result);

    /**
     * Refuses, before any chart is generated, an output that {@link #write} would refuse whatever it is given (a
     * folder inside a chart, a file where a folder belongs), so a user waits for nothing; {@link #write} checks
     * again. The default accepts every output.
     *
     * @throws io.sparkk8s.api.OutputException naming the path and the fix
     */
    default void check() {}

    /**
     * Charts go to {@code <dir>/<chart name>/}. Each chart is written completely to a staging folder first;
     * then every chart of the run is swapped in, so a failed run leaves the previous output intact, and
     * files an earlier run wrote that are no longer generated disappear.
     *
     * @throws io.sparkk8s.api.OutputException when the folder cannot be used; it names the path and the fix
     */
    static ChartOutput directory(Path dir) {
        return new DirectoryOutput(dir);
    }
}
