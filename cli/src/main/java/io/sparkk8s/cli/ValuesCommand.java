package io.sparkk8s.cli;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.LayeredValues;
import io.sparkk8s.core.Reports;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "values",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the values Helm would use: the chart's defaults, then the presets, values files and "
                    + "--set values layered like Helm (later layers win, maps merge, lists are replaced, null removes a "
                    + "key). The layers are checked like 'validate' first; a problem names the layer that set the key."
        })
final class ValuesCommand extends SparkK8s.WithGenerator {
    @Mixin
    ChartOption chart;

    @Mixin
    LayerOptions layers;

    @Override
    public Integer call() {
        SparkLine line = chart.line(this);
        LayeredValues values = layers.resolve(this, generator(), line);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("chart", line.chartName());
            result.put(
                    "layers",
                    values.layers().stream().map(LayeredValues.Layer::source).toList());
            result.put("values", Reports.jsonValue(values.merged()));
            return printJson(result, SparkK8s.OK);
        }
        out().println("# " + LayerOptions.describe(values));
        out().print(Reports.yaml(Reports.jsonValue(values.merged())));
        out().flush();
        return SparkK8s.OK;
    }
}
