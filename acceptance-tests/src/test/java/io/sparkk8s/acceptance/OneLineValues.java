package io.sparkk8s.acceptance;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.Value;
import io.sparkk8s.core.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The values the blocks declare for one Spark line only ({@code Value.onlyOn}), read from the models: where
 * the lines may differ by design, so the cross-line tests need no hand-kept list.
 */
final class OneLineValues {

    private OneLineValues() {}

    /** Every one-line value of the built-in blocks, as declared on the line it exists on. */
    static List<Value> all() {
        Generator generator = Generator.discover(GenerationListener.SILENT);
        List<Value> out = new ArrayList<>();
        for (Block block : generator.blocks()) {
            for (SparkLine line : SparkLine.values()) {
                for (Value value : block.values(generator.profile(line)).values()) {
                    boolean everyLine =
                            java.util.Arrays.stream(SparkLine.values()).allMatch(value::existsOn);
                    if (value.existsOn(line)
                            && !everyLine
                            && out.stream().noneMatch(v -> v.path().equals(value.path()))) {
                        out.add(value);
                    }
                }
            }
        }
        return out;
    }

    /** The Spark settings of one-line values, e.g. spark.executor.minMemoryOverhead. */
    static List<String> sparkSettings() {
        return all().stream()
                .map(Value::sparkConf)
                .filter(key -> !key.isEmpty())
                .toList();
    }

    /** How templates read one-line values, e.g. ".executor.minMemoryOverhead" (below the block's key). */
    static List<String> templateReads() {
        return all().stream().map(v -> "." + v.path()).toList();
    }
}
