package io.sparkk8s.cli;

import io.sparkk8s.core.Generator.Explanation;
import io.sparkk8s.core.Reports;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explains a values key: type, default, description, allowed values, block.",
            "Also finds keys from a Spark property (spark.eventLog.dir: the keys that set it), from a map entry "
                    + "(jupyter.env.MY_VAR: the map) and from the DataOps guide's names "
                    + "(spark-base.minio.enabled, airflow.sparkConnect.url)."
        })
final class ExplainCommand extends SparkK8s.WithGenerator {
    @Parameters(
            index = "0",
            paramLabel = "<key>",
            description = "Key path (connect.backendMode), Spark property (spark.eventLog.dir) or guide name")
    String key;

    @Mixin
    ChartOption chart;

    @Override
    public Integer call() {
        Explanation e = generator().explain(key, chart.line(this), catalog);
        if (json) {
            return printJson(toJson(e), SparkK8s.OK);
        }
        out().println(key);
        if (!e.note().isEmpty()) {
            out().println("  found:       " + e.note());
        }
        if (e.value() == null && !e.children().isEmpty()) {
            out().println("  " + e.key() + " is a group; its keys:");
            e.children().forEach(c -> out().println("    " + c));
        }
        if (e.value() != null) {
            if (!e.key().equals(key)) {
                out().println("  key:         " + e.key());
            }
            out().println("  block:       " + e.owner());
            out().println("  type:        " + e.value().type().label());
            out().println("  default:     " + e.value().defaultValue());
            if (!e.value().allowed().isEmpty()) {
                out().println("  allowed:     " + String.join(", ", e.value().allowed()));
            }
            if (!e.value().sparkConf().isEmpty()) {
                out().println("  spark:       " + e.value().sparkConf());
            }
            out().println("  description: " + e.value().description());
        }
        if (!e.setters().isEmpty()) {
            out().println("  set by:");
            for (Explanation.Setter s : e.setters()) {
                out().println("    " + s.key() + "  (" + s.owner() + "): " + s.how());
            }
        }
        return SparkK8s.OK;
    }

    private static Map<String, Object> toJson(Explanation e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("asked", e.asked());
        json.put("found", e.found().name().toLowerCase().replace('_', '-'));
        json.put("key", e.key());
        json.put("block", e.owner());
        json.put("type", e.value() == null ? null : e.value().type().label());
        json.put(
                "default",
                e.value() == null ? null : Reports.jsonValue(e.value().defaultValue()));
        json.put("allowed", e.value() == null ? List.of() : e.value().allowed());
        json.put("spark", e.value() == null ? "" : e.value().sparkConf());
        json.put("description", e.value() == null ? "" : e.value().description());
        json.put("children", e.children());
        json.put(
                "setters",
                e.setters().stream()
                        .map(s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("key", s.key());
                            m.put("block", s.owner());
                            m.put("how", s.how());
                            return m;
                        })
                        .toList());
        json.put("note", e.note());
        return json;
    }
}
