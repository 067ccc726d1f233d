package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The toggle layout (Spark 4.1): one chart; each block's templates go to {@code templates/<id>-<name>}, read
 * {@code .Values.<key>} and are switched by {@code <key>.enabled}.
 */
final class ToggleRenderer extends ChartRenderer {

    ToggleRenderer(TemplateEngine engine) {
        super(engine);
    }

    @Override
    String chartYaml(Composition c) {
        return ChartFiles.chartYaml(c, null);
    }

    @Override
    Map<String, Object> chartSchema(Composition c, Map<String, Object> schema) {
        return schema;
    }

    @Override
    void renderBlock(
            Composition c,
            Composition.Part part,
            String helpers,
            SortedMap<String, String> files,
            List<CrossCheck.Source> sources) {
        Block block = part.block();
        blockTemplates(c, part, ".Values." + block.valuesKey()).forEach((name, text) -> {
            String out = name.startsWith("_")
                    ? "templates/" + name
                    : name.startsWith("tests/")
                            ? "templates/tests/" + block.id() + "-" + name.substring("tests/".length())
                            : "templates/" + block.id() + "-" + name;
            files.put(out, text);
            sources.add(new CrossCheck.Source(c.chartName() + "/" + out, text, Function.identity()));
        });
    }
}
