package io.sparkk8s.verify;

import io.sparkk8s.api.SparkSettings;
import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Spark settings in rendered {@code spark-defaults.conf} files (ConfigMap data entries of that name, the file Spark
 * reads from {@code $SPARK_CONF_DIR}) that Spark does not read on the chart's line: a misspelt key, a key of the
 * other line, or a property outside {@code spark.*}, which Spark ignores.
 */
final class SparkSettingsCheck {

    /** The name of the file Spark reads its settings from. */
    static final String DEFAULTS_FILE = "spark-defaults.conf";

    private SparkSettingsCheck() {}

    /** Whether an object is a ConfigMap holding a {@value #DEFAULTS_FILE}. */
    static boolean holdsDefaults(K8sObject object) {
        return "ConfigMap".equals(object.kind()) && Tree.at(object.body(), "data", DEFAULTS_FILE) instanceof String;
    }

    static void check(K8sObject object, SparkSettings settings, FindingCollector findings) {
        if (!"ConfigMap".equals(object.kind())
                || !(Tree.at(object.body(), "data", DEFAULTS_FILE) instanceof String text)) {
            return;
        }
        String path = Tree.entry("data", DEFAULTS_FILE);
        Properties properties = new Properties();
        try {
            // Spark reads the file with java.util.Properties (Utils.getPropertiesFromFile), so parse it the same way
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            findings.add(
                    Checks.SPARK_SETTINGS,
                    object,
                    path,
                    "Spark cannot read this file as properties: " + e.getMessage());
            return;
        }
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!key.startsWith("spark.")) {
                findings.add(
                        Checks.SPARK_SETTINGS,
                        object,
                        path,
                        "'" + key + "' is no Spark setting: Spark ignores " + "properties of " + DEFAULTS_FILE
                                + " whose name does not start with 'spark.'");
                continue;
            }
            settings.check(key)
                    .ifPresent(unknown -> findings.add(Checks.SPARK_SETTINGS, object, path, unknown.message()));
        }
    }
}
