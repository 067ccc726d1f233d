package io.sparkk8s.cli;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import io.sparkk8s.core.LayeredValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The values layers of {@code values} and {@code diff}: presets, then files, then --set, layered like Helm. */
final class LayerOptions {
    @Option(
            names = "--preset",
            paramLabel = "<name>",
            description = "Preset of the catalog applied first " + "(repeatable, in order; see 'spark-k8s presets')")
    List<String> presets = new ArrayList<>();

    @Option(
            names = {"-f", "--values"},
            paramLabel = "<values.yaml>",
            description =
                    "Values file(s) applied next, "
                            + "in order like Helm's -f: later files win, maps merge, lists are replaced, null removes (repeatable)")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "<path=value>",
            description = "A value applied last, e.g. " + "connect.replicas=2 (value in YAML; repeatable)")
    Map<String, String> sets = new LinkedHashMap<>();

    boolean isEmpty() {
        return presets.isEmpty() && files.isEmpty() && sets.isEmpty();
    }

    /** The layered values; {@code base.input} holds the layers first, so JSON problems carry the bad value. */
    LayeredValues resolve(
            SparkK8s.Base base,
            Generator generator,
            SparkLine line,
            List<String> presets,
            List<Path> files,
            Map<String, String> sets) {
        List<LayeredValues.Layer> layers = generator.layers(line, List.of(base.catalog), presets, files, sets);
        base.input = LayeredValues.overlay(layers);
        return generator.values(line, List.of(base.catalog), layers);
    }

    LayeredValues resolve(SparkK8s.Base base, Generator generator, SparkLine line) {
        return resolve(base, generator, line, presets, files, sets);
    }

    static String describe(LayeredValues values) {
        return values.line().chartName() + " defaults"
                + String.join(
                        "",
                        values.layers().stream().map(l -> " + " + l.source()).toList());
    }
}
