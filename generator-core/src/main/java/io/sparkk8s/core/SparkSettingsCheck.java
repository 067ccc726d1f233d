package io.sparkk8s.core;

import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkConfContribution;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports Spark settings that Spark does not read on the chart's line ({@link SparkSettings}): the keys of every
 * {@link ValueType#SPARK_CONF} map in a values file, and the settings the chart itself declares (values mapped to a
 * Spark setting, block contributions, the line's changed defaults).
 */
final class SparkSettingsCheck {

    private SparkSettingsCheck() {}

    /** What Spark reads on a line, with the extra settings the catalogs declare ({@link SparkSettings#CATALOG_FILE}). */
    static SparkSettings settings(SparkLine line, List<java.nio.file.Path> catalogs) {
        List<String> extra = new ArrayList<>();
        catalogs.forEach(catalog -> extra.addAll(SparkSettings.catalogExtraSettings(catalog)));
        return SparkSettings.of(line).withExtraSettings(extra);
    }

    /**
     * The unknown keys of the chart's Spark settings maps in a values tree.
     *
     * @param composition the chart
     * @param settings what Spark reads on the chart's line (with the catalog's extra settings)
     * @param values a values file (or merged values)
     * @param source the file name used in the problems
     * @param prefix a prefix of the reported paths, e.g. {@code values} inside a preset; may be empty
     */
    static List<Problem> values(
            Composition composition, SparkSettings settings, Map<String, Object> values, String source, String prefix) {
        List<Problem> problems = new ArrayList<>();
        for (ChartModel.Entry entry : composition.model().entries()) {
            if (entry.value().type() != ValueType.SPARK_CONF
                    || !(Values.get(values, entry.path()) instanceof Map<?, ?> map)) {
                continue;
            }
            for (Object key : new TreeMap<>(map).keySet()) {
                String path = (prefix.isEmpty() ? "" : prefix + ".") + entry.path() + "." + key;
                settings.check(String.valueOf(key))
                        .ifPresent(unknown -> problems.add(Problem.unknownSparkSetting(source, path, unknown)));
            }
        }
        // the Spark settings maps inside each named entry of a map of a nested model (jobs.apps.<name>.sparkConf)
        for (ChartModel.Entry entry : composition.model().entries()) {
            if (entry.value().entry() == null || !(Values.get(values, entry.path()) instanceof Map<?, ?> entries)) {
                continue;
            }
            for (Map.Entry<?, ?> named : new TreeMap<>(entries).entrySet()) {
                if (!(named.getValue() instanceof Map<?, ?> one)) {
                    continue;
                }
                for (Value nested : entry.value().entry().values()) {
                    @SuppressWarnings("unchecked")
                    Object conf = Values.get((Map<String, Object>) one, nested.path());
                    if (nested.type() != ValueType.SPARK_CONF || !(conf instanceof Map<?, ?> map)) {
                        continue;
                    }
                    for (Object key : new TreeMap<>(map).keySet()) {
                        String path = (prefix.isEmpty() ? "" : prefix + ".") + entry.path() + "." + named.getKey() + "."
                                + nested.path() + "." + key;
                        settings.check(String.valueOf(key))
                                .ifPresent(unknown -> problems.add(Problem.unknownSparkSetting(source, path, unknown)));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The Spark settings the chart declares that Spark does not read on its line: a bug of a block or of the line
     * profile, reported at generation.
     */
    static List<Problem> declared(Composition composition, SparkSettings settings) {
        SparkLine line = composition.profile().line();
        List<Problem> problems = new ArrayList<>();
        for (ChartModel.Entry entry : composition.model().withEntryModels()) {
            Value value = entry.value();
            if (!value.sparkConf().isEmpty()) {
                settings.check(value.sparkConf())
                        .ifPresent(unknown -> problems.add(Problem.unknownSparkSetting(
                                "block " + entry.owner() + " (its values model)", entry.path(), unknown)));
            }
        }
        for (Composition.Part part : composition.blocks()) {
            for (SparkConfContribution contribution : part.block().sparkConf()) {
                settings.check(contribution.key())
                        .ifPresent(unknown -> problems.add(Problem.unknownSparkSetting(
                                "block " + part.block().id() + " (its Spark conf contributions)", "", unknown)));
            }
        }
        for (String key : new TreeMap<>(composition.profile().changedDefaults()).keySet()) {
            settings.check(key)
                    .ifPresent(unknown -> problems.add(Problem.unknownSparkSetting(
                            SparkProfiles.RESOURCE + " (changedDefaults of line " + line.id() + ")", "", unknown)));
        }
        return problems;
    }
}
