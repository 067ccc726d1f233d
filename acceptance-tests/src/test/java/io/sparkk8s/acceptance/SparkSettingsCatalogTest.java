package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueType;
import io.sparkk8s.core.Generator;
import io.sparkk8s.core.Preset;
import io.sparkk8s.core.PresetCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every Spark setting the catalog itself writes — the keys of each sparkConf map in every preset and every
 * recipe, and each Spark setting a block value maps to — is a setting Spark reads on each line it is used on.
 */
class SparkSettingsCatalogTest {

    private static final Generator GENERATOR = Generator.discover(GenerationListener.SILENT);

    /** The paths of the Spark settings maps of a line's chart, e.g. {@code connect.sparkConf}, from the block models. */
    private static List<String> sparkConfPaths(SparkLine line) {
        List<String> paths = new ArrayList<>();
        for (Block block : GENERATOR.blocks()) {
            if (block.lines().contains(line)) {
                for (Value value :
                        block.values(GENERATOR.profile(line)).on(line).values()) {
                    if (value.type() == ValueType.SPARK_CONF) {
                        paths.add(block.valuesKey() + "." + value.path());
                    }
                }
            }
        }
        return paths;
    }

    /** A key of a Spark settings map and the map's path. */
    private record Setting(String map, String key) {}

    /** Every key of the line's Spark settings maps in a values tree. */
    private static List<Setting> sparkKeys(Map<String, Object> values, SparkLine line) {
        List<Setting> keys = new ArrayList<>();
        for (String path : sparkConfPaths(line)) {
            Object at = values;
            for (String part : path.split("\\.")) {
                at = at instanceof Map<?, ?> map ? map.get(part) : null;
            }
            if (at instanceof Map<?, ?> map) {
                new TreeSet<>(map.keySet()).forEach(key -> keys.add(new Setting(path, String.valueOf(key))));
            }
        }
        return keys;
    }

    private static void assertKnown(String where, List<Setting> settings, SparkLine line, List<Setting> checked) {
        for (Setting setting : settings) {
            assertThat(SparkSettings.of(line).check(setting.key()))
                    .as("%s on %s: %s.%s", where, line.chartName(), setting.map(), setting.key())
                    .isEmpty();
            checked.add(setting);
        }
    }

    @Test
    void theBlocksDeclareSparkSettingsMapsOnBothLines() {
        for (SparkLine line : SparkLine.values()) {
            assertThat(sparkConfPaths(line))
                    .as(line.chartName())
                    .contains("connect.sparkConf", "historyServer.sparkConf", "standalone.sparkConf");
        }
    }

    @Test
    void everySparkConfKeyOfEveryPresetAndRecipeIsKnownOnItsLines() {
        List<Setting> checked = new ArrayList<>();
        for (Preset preset : PresetCatalog.load(Repo.ROOT).all()) {
            for (SparkLine line : preset.lines()) {
                assertKnown("preset " + preset.name(), sparkKeys(preset.values(), line), line, checked);
            }
        }
        for (Path chart : Repo.charts()) {
            // the recipes a chart's README shows, checked on that chart's line
            SparkLine line = Generator.chartLine(chart.toString());
            for (ChartReadmeFacts.Recipe recipe : ChartReadmeFacts.recipes(chart)) {
                assertKnown("recipe '" + recipe.title() + "'", sparkKeys(recipe.values(), line), line, checked);
            }
        }
        assertThat(checked)
                .as("the recipes set Spark settings, so the test checks something")
                .isNotEmpty();
    }

    @Test
    void everySparkSettingABlockValueMapsToIsKnownOnTheLinesTheValueExistsOn() {
        for (SparkLine line : SparkLine.values()) {
            for (Block block : GENERATOR.blocks()) {
                if (!block.lines().contains(line)) {
                    continue;
                }
                for (Value value :
                        block.values(GENERATOR.profile(line)).on(line).values()) {
                    if (!value.sparkConf().isEmpty()) {
                        assertThat(SparkSettings.of(line).check(value.sparkConf()))
                                .as("%s.%s on %s", block.valuesKey(), value.path(), line.chartName())
                                .isEmpty();
                    }
                }
                block.sparkConf().forEach(contribution -> assertThat(
                                SparkSettings.of(line).check(contribution.key()))
                        .as("contribution of %s on %s", block.id(), line.chartName())
                        .isEmpty());
            }
            GENERATOR.profile(line).changedDefaults().keySet().forEach(key -> assertThat(
                            SparkSettings.of(line).check(key))
                    .as("changed default on " + line.chartName())
                    .isEmpty());
        }
    }
}
