package io.sparkk8s.cli;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.SparkLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(
        name = "blocks",
        mixinStandardHelpOptions = true,
        description = "Lists the blocks: id, values key, Spark lines, description.")
final class BlocksCommand extends SparkK8s.WithGenerator {
    @Override
    public Integer call() {
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (Block block : generator().blocks()) {
            List<String> lines =
                    block.lines().stream().map(SparkLine::id).sorted().toList();
            if (!json) {
                out().printf(
                                "%-16s %-16s %-9s %s%n",
                                block.id(),
                                block.valuesKey(),
                                lines.stream().collect(Collectors.joining(",")),
                                block.description());
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("id", block.id());
            b.put("valuesKey", block.valuesKey());
            b.put("lines", lines);
            b.put("description", block.description());
            blocks.add(b);
        }
        return json ? printJson(Map.of("blocks", blocks), SparkK8s.OK) : SparkK8s.OK;
    }
}
