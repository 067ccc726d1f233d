package io.sparkk8s.core;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Spark line profiles, read from the data file {@code spark-lines.yaml} of this package. */
final class SparkProfiles {

    static final String RESOURCE = "/io/sparkk8s/core/spark-lines.yaml";

    private final Map<SparkLine, SparkProfile> profiles;

    private SparkProfiles(Map<SparkLine, SparkProfile> profiles) {
        this.profiles = profiles;
    }

    /** Loads the built-in profiles. */
    public static SparkProfiles builtIn() {
        try (InputStream in = SparkProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " in generator-core");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static SparkProfiles parse(String text, String source) {
        Map<String, Object> root = Yaml.asMap(Yaml.load(text, source), source, "");
        Map<SparkLine, SparkProfile> profiles = new EnumMap<>(SparkLine.class);
        for (Object entry : (List<?>) root.get("lines")) {
            Map<String, Object> m = Yaml.asMap(entry, source, "lines[]");
            SparkLine line = SparkLine.parse(str(m, "line"));
            Map<String, Object> image = Yaml.asMap(m.get("image"), source, "image");
            Map<String, Object> jupyter = Yaml.asMap(m.get("jupyter"), source, "jupyter");
            Map<String, Object> airflow = Yaml.asMap(m.get("airflow"), source, "airflow");
            Map<String, String> changed = new TreeMap<>();
            Yaml.asMap(m.get("changedDefaults"), source, "changedDefaults")
                    .forEach((k, v) -> changed.put(k, String.valueOf(v)));
            profiles.put(
                    line,
                    new SparkProfile(
                            line,
                            str(m, "defaultVersion"),
                            strings(m.get("supportedVersions")),
                            str(m, "scalaVersion"),
                            str(m, "javaVersion"),
                            str(m, "hadoopVersion"),
                            new SparkProfile.Image(str(image, "repository"), str(image, "tag")),
                            m.get("connectServerPackage") == null ? "" : str(m, "connectServerPackage"),
                            strings(m.get("s3Packages")),
                            str(m, "pythonVersion"),
                            changed,
                            new SparkProfile.Image(str(jupyter, "repository"), str(jupyter, "tag")),
                            str(jupyter, "pythonVersion"),
                            new SparkProfile.Image(str(airflow, "repository"), str(airflow, "tag")),
                            str(airflow, "pythonVersion"),
                            m.get("why") == null ? "" : str(m, "why")));
        }
        for (SparkLine line : SparkLine.values()) {
            if (!profiles.containsKey(line)) {
                throw new IllegalStateException(source + " has no profile for Spark line " + line);
            }
        }
        return new SparkProfiles(profiles);
    }

    private static String str(Map<String, Object> m, String key) {
        Object value = m.get(key);
        if (value == null) {
            throw new IllegalStateException("spark-lines.yaml: missing key " + key);
        }
        return String.valueOf(value);
    }

    private static List<String> strings(Object value) {
        return value == null
                ? List.of()
                : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    /** The profile of a line. */
    public SparkProfile of(SparkLine line) {
        return profiles.get(line);
    }
}
