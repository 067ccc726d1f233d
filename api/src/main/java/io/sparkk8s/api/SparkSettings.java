package io.sparkk8s.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration keys Spark reads on one line: the keys its jars register (extracted by
 * {@code tools/spark-conf-keys} into {@code spark-conf-keys-<line>.txt} next to this class), the other names it
 * reads (alternatives, prepended keys, settings read by name), the names it no longer reads (removed SQL settings,
 * deprecated settings; reported with Spark's own note) and the open prefix families it reads
 * dynamically ({@code spark.hadoop.*}, {@code spark.kubernetes.executor.label.*}, ... in
 * {@code spark-conf-families.txt}).
 *
 * <pre>{@code
 * Optional<UnknownSparkSetting> problem = SparkSettings.of(SparkLine.SPARK_3_5).check("spark.sql.warehouseDir");
 * // "'spark.sql.warehouseDir' is not a Spark 3.5 setting ...; did you mean 'spark.sql.warehouse.dir'?"
 * }</pre>
 */
public final class SparkSettings {

    /**
     * The file of a preset catalog (next to {@code presets/}) that lists settings of jars the charts add, which
     * {@code validate}, generation and {@code verify} then accept.
     */
    public static final String CATALOG_FILE = "extra-spark-settings.txt";

    private static final Map<SparkLine, SparkSettings> LINES =
            Collections.synchronizedMap(new EnumMap<>(SparkLine.class));

    private final SparkLine line;
    private final Set<String> keys;
    private final Set<String> registered;
    private final List<Family> families;
    private final Map<String, String> retired;
    private final Set<String> namespaces = new HashSet<>();
    private final List<String> extra;

    private SparkSettings(
            SparkLine line,
            Set<String> keys,
            Set<String> registered,
            List<Family> families,
            Map<String, String> retired,
            List<String> extra) {
        this.line = line;
        this.extra = List.copyOf(extra);
        for (String key : keys) {
            for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                namespaces.add(key.substring(0, dot + 1));
            }
        }
        this.keys = Collections.unmodifiableSet(keys);
        this.registered = Collections.unmodifiableSet(registered);
        this.families = List.copyOf(families);
        this.retired = Map.copyOf(retired);
    }

    /**
     * The catalog of a line, loaded once.
     *
     * @param line the Spark line
     * @return its catalog
     */
    public static SparkSettings of(SparkLine line) {
        Objects.requireNonNull(line, "line");
        return LINES.computeIfAbsent(line, SparkSettings::load);
    }

    /**
     * This catalog with more open patterns: settings that jars added to Spark read (Delta Lake, Iceberg, Kafka, a
     * plugin), which Spark's own registry does not list.
     *
     * @param patterns patterns such as {@code spark.databricks.delta.*} ('*' is any non-empty text) or exact keys
     * @return a catalog of the same line that also accepts them
     * @throws IllegalArgumentException when a pattern does not start with {@code spark.}
     */
    public SparkSettings withExtraSettings(List<String> patterns) {
        if (patterns.isEmpty()) {
            return this;
        }
        List<Family> more = new ArrayList<>(families);
        for (String pattern : patterns) {
            if (!pattern.startsWith("spark.") || pattern.length() <= "spark.".length()) {
                throw new IllegalArgumentException("'" + pattern + "' is no Spark setting pattern; it must start "
                        + "with 'spark.' (e.g. spark.databricks.delta.*)");
            }
            more.add(Family.of(pattern));
        }
        List<String> all = new ArrayList<>(extra);
        all.addAll(patterns);
        return new SparkSettings(line, keys, registered, more, retired, all);
    }

    /**
     * The extra patterns a preset catalog declares in {@value #CATALOG_FILE} (one pattern per line, {@code #}
     * comments), for settings of jars the catalog's charts add; none when the file does not exist.
     *
     * @param catalog the catalog folder (the one holding {@code presets/})
     * @return the patterns, in file order
     * @throws InvalidInputException naming the file and line of a pattern that does not start with {@code spark.}
     */
    public static List<String> catalogExtraSettings(Path catalog) {
        Path file = catalog.resolve(CATALOG_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(
                    List.of(new Problem(
                            file.toString(),
                            "",
                            "cannot read the file (" + e.getClass().getSimpleName() + "); check its permissions")),
                    e);
        }
        List<String> patterns = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String pattern = lines.get(i).replaceFirst("#.*", "").strip();
            if (pattern.isEmpty()) {
                continue;
            }
            if (!pattern.startsWith("spark.") || pattern.length() <= "spark.".length() || pattern.contains(" ")) {
                problems.add(
                        new Problem(
                                file.toString(),
                                "",
                                "line " + (i + 1) + ": '" + pattern + "' is no Spark "
                                        + "setting pattern; write one pattern per line starting with 'spark.', e.g. spark.databricks.delta.*"));
            } else {
                patterns.add(pattern);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return patterns;
    }

    /** The line this catalog describes. */
    public SparkLine line() {
        return line;
    }

    /** Every key Spark reads by its full name on this line (registered, alternative, read by name), sorted. */
    public Set<String> keys() {
        return keys;
    }

    /** The open families as written in the data file, e.g. {@code spark.hadoop.*}. */
    public List<String> families() {
        return families.stream().map(Family::pattern).toList();
    }

    /**
     * Whether Spark reads the key on this line: a known name, or a name in an open family.
     *
     * @param key a Spark setting such as {@code spark.sql.warehouse.dir}
     * @return true when Spark reads it
     */
    public boolean knows(String key) {
        return keys.contains(key) || families.stream().anyMatch(f -> f.matches(key));
    }

    /**
     * The problem with a key on this line, if Spark does not read it: the closest known key as a "did you
     * mean", and the other lines that do read it.
     *
     * @param key a Spark setting
     * @return empty when Spark reads the key on this line
     */
    public Optional<UnknownSparkSetting> check(String key) {
        Objects.requireNonNull(key, "key");
        if (knows(key)) {
            return Optional.empty();
        }
        Set<SparkLine> elsewhere = EnumSet.noneOf(SparkLine.class);
        for (SparkLine other : SparkLine.values()) {
            if (other != line && of(other).withExtraSettings(extra).knows(key)) {
                elsewhere.add(other);
            }
        }
        return Optional.of(
                new UnknownSparkSetting(key, line, closest(key).orElse(""), elsewhere, retired.getOrDefault(key, "")));
    }

    /**
     * The known name closest to a key by edit distance, if close enough to be a likely typo; a registered key
     * wins a tie over another name. A misspelt family prefix ({@code spark.hadop.fs.s3a.endpoint}) gets the
     * family's spelling with the rest of the key kept.
     *
     * @param key a Spark setting that Spark does not read
     * @return the suggestion, if any
     */
    public Optional<String> closest(String key) {
        // Spark keys are long dotted names: a likely typo is within a quarter of the key's length
        int limit = Math.max(2, key.length() / 4);
        String lower = key.toLowerCase(Locale.ROOT);
        Optional<String> best = Suggestions.closest(
                key,
                keys,
                limit,
                java.util.Comparator.comparing((String k) -> !registered.contains(k))
                        .thenComparing(java.util.Comparator.naturalOrder()));
        int bestDistance = best.map(b -> Suggestions.distance(lower, b.toLowerCase(Locale.ROOT), limit))
                .orElse(Integer.MAX_VALUE);
        for (Family family : families) {
            Optional<String> fixed = family.respell(key, namespaces);
            if (fixed.isPresent()) {
                int d = Suggestions.distance(lower, fixed.get().toLowerCase(Locale.ROOT), limit);
                if (d < bestDistance) {
                    best = fixed;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private static SparkSettings load(SparkLine line) {
        Set<String> keys = new TreeSet<>();
        Set<String> registered = new TreeSet<>();
        Map<String, String> retired = new HashMap<>();
        String file = "spark-conf-keys-" + line.id() + ".txt";
        for (String row : read(file)) {
            int tab = row.indexOf('\t');
            String key = tab < 0 ? row : row.substring(0, tab);
            String note = tab < 0 ? "" : row.substring(tab + 1);
            if (note.startsWith("removed in ") || note.startsWith("no longer read")) {
                retired.put(key, note);
                continue;
            }
            keys.add(key);
            if (tab < 0) {
                registered.add(key);
            }
        }
        if (registered.isEmpty()) {
            throw new IllegalStateException(
                    file + " lists no registered Spark keys; regenerate it with " + "tools/spark-conf-keys/extract.sh");
        }
        List<Family> families = new ArrayList<>();
        for (String row : read("spark-conf-families.txt")) {
            int comment = row.indexOf('#');
            String pattern = (comment < 0 ? row : row.substring(0, comment)).trim();
            if (!pattern.isEmpty()) {
                families.add(Family.of(pattern));
            }
        }
        return new SparkSettings(line, keys, registered, families, retired, List.of());
    }

    /** The data lines of a resource next to this class, without comments and blank lines. */
    private static List<String> read(String name) {
        List<String> rows = new ArrayList<>();
        try (InputStream in = SparkSettings.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing resource " + name + " next to " + SparkSettings.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String row = reader.readLine(); row != null; row = reader.readLine()) {
                if (!row.isBlank() && !row.startsWith("#")) {
                    rows.add(row.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return rows;
    }

    /** An open family: '*' is any non-empty text; a pattern without '*' is one exact key. */
    private record Family(String pattern, Pattern regex, String prefix) {

        static Family of(String pattern) {
            StringBuilder regex = new StringBuilder();
            String[] parts = pattern.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(Pattern.quote(parts[i]));
                if (i < parts.length - 1) {
                    regex.append(".+");
                }
            }
            // a plain prefix family (one '*', at the end) can re-spell a misspelt prefix
            String prefix = parts.length == 2 && parts[1].isEmpty() ? parts[0] : "";
            return new Family(pattern, Pattern.compile(regex.toString()), prefix);
        }

        boolean matches(String key) {
            return regex.matcher(key).matches();
        }

        /**
         * The key with its first segments replaced by this family's prefix, when they are a likely typo of it and
         * not a namespace of known keys themselves ({@code spark.sql.} is no typo of {@code spark.ssl.}).
         */
        Optional<String> respell(String key, Set<String> namespaces) {
            if (prefix.isEmpty()) {
                return Optional.empty();
            }
            long dots = prefix.chars().filter(c -> c == '.').count();
            int end = -1;
            for (int i = 0; i < dots; i++) {
                end = key.indexOf('.', end + 1);
                if (end < 0) {
                    return Optional.empty();
                }
            }
            String head = key.substring(0, end + 1);
            String rest = key.substring(end + 1);
            if (rest.isEmpty()
                    || head.equals(prefix)
                    || namespaces.contains(head)
                    || Suggestions.distance(head, prefix, 2) > 2) {
                return Optional.empty();
            }
            return Optional.of(prefix + rest);
        }
    }
}
