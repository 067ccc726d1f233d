package io.sparkk8s.cli;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Preset;
import io.sparkk8s.core.PresetCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "presets",
        mixinStandardHelpOptions = true,
        description = "Lists the presets of the catalog with their lines and descriptions.")
final class PresetsCommand extends SparkK8s.Base {
    @Option(
            names = "--add-catalog",
            paramLabel = "<folder>",
            description = "A further folder holding presets/ "
                    + "whose presets are added to the catalog's (repeatable; a name defined twice is an error)")
    List<Path> moreCatalogs = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> catalogs = new ArrayList<>(List.of(catalog));
        catalogs.addAll(moreCatalogs);
        List<Map<String, Object>> presets = new ArrayList<>();
        for (Preset preset : PresetCatalog.load(catalogs).all()) {
            List<String> lines =
                    preset.lines().stream().map(SparkLine::id).sorted().toList();
            if (!json) {
                out().printf("%-28s %-9s %s%n", preset.name(), String.join(",", lines), preset.description());
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", preset.name());
            p.put("lines", lines);
            p.put("description", preset.description());
            p.put("file", preset.source());
            presets.add(p);
        }
        return json ? printJson(Map.of("presets", presets), SparkK8s.OK) : SparkK8s.OK;
    }
}
