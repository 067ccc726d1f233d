package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Issue 6: no template source exists twice. The template sources (block resources and the engine's shared
 * templates) are all different files; and both layouts render the same sources, so every subchart template of
 * {@code spark-3.5} equals its {@code spark-4.1} toggle counterpart once the values prefix
 * ({@code .Values.<key>.} there, {@code .Values.} here) and the file prefix ({@code <block>-}) are taken away.
 */
class TemplateSourcesTest {

    private static final Path TOGGLE = Repo.CHARTS.resolve("spark-4.1/templates");
    private static final Path UMBRELLA = Repo.CHARTS.resolve("spark-3.5");
    private static final List<Path> SOURCE_ROOTS = List.of(
            Repo.ROOT.resolve("blocks/src/main/resources/io/sparkk8s/blocks"),
            Repo.ROOT.resolve("generator-core/src/main/resources/io/sparkk8s/core/templates"));

    private static final Pattern INCLUDE_ONLY = Pattern.compile("\\{% include \"([^\"]+)\" %}");

    /**
     * The one place a block template's text differs between the lines: the Spark image pinned in Helm test pods
     * ({@code "tag" "<line's image tag>"}), which cannot come from the values of another subchart.
     */
    /** The line's Spark image tag and its Jupyter (Spark Connect client) image tag. */
    private static final Pattern LINE_IMAGE_TAG =
            Pattern.compile("\"tag\" \"(?:[0-9]+\\.[0-9]+\\.[0-9]+-scala[^\"]*|spark-[0-9]+\\.[0-9]+\\.[0-9]+)\"");

    /**
     * Template lines that read a value the model declares for one line only ({@code Value.onlyOn}); the block
     * template renders them on that line alone.
     */
    private static final List<String> ONLY_ON_ONE_LINE = OneLineValues.templateReads();

    /** Templates every chart gets from the engine, not from a block: per chart, not per block. */
    private static final Set<String> CHART_LEVEL = Set.of(
            "NOTES.txt",
            "validate.yaml",
            "s3-secret.yaml",
            "spark-wiring.yaml",
            "log-shipper.yaml",
            "jmx-exporter.yaml",
            "_present.tpl",
            "wiring/_absent.tpl");

    /**
     * The umbrella's own layout difference: its Spark subcharts hash the wiring inputs they can see (the toggle
     * chart hashes the wiring ConfigMap itself, taken away on the toggle side by {@link #withoutPrefixes}).
     */
    private static final Pattern UMBRELLA_WIRING_CHECKSUM = Pattern.compile(
            "\"checksum/wiring\" \\(print \\(include \"sparkk8s\\.s3SparkConf\"|the umbrella's wiring:");

    private static String withoutUmbrellaWiring(String text) {
        return text.lines()
                .filter(line -> !UMBRELLA_WIRING_CHECKSUM.matcher(line).find())
                .collect(java.util.stream.Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""));
    }

    @Test
    void noTwoTemplateSourcesHaveTheSameContent() {
        Map<String, List<Path>> byContent = new TreeMap<>();
        List<Path> sources = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            sources.addAll(files(root));
        }
        assertThat(sources).as("template sources").hasSizeGreaterThan(20);
        int references = 0;
        for (Path file : sources) {
            String content = normalise(read(file));
            Matcher include = INCLUDE_ONLY.matcher(content);
            if (include.matches()) {
                // a block's file that only names a shared fragment: a reference to one source, not a copy
                assertThat(SOURCE_ROOTS.get(1).resolve(include.group(1)))
                        .as("the fragment %s includes", file)
                        .isRegularFile();
                references++;
                continue;
            }
            byContent.computeIfAbsent(content, k -> new ArrayList<>()).add(Repo.ROOT.relativize(file));
        }
        assertThat(references)
                .as("block files that only include a shared fragment")
                .isPositive();
        assertThat(byContent.values().stream().filter(paths -> paths.size() > 1).toList())
                .as("template sources with the same content")
                .isEmpty();
    }

    /**
     * A ratchet on partial copies: no two template sources share a run of {@value #LONGEST_SHARED_RUN} or more
     * consecutive non-blank lines. The workload templates still share pod boilerplate (up to 19 lines between the
     * Connect StatefulSet and the History Server Deployment); lower the bound as it moves into common fragments.
     */
    @Test
    void noTwoTemplateSourcesShareALongRunOfLines() {
        List<Path> sources = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            sources.addAll(files(root));
        }
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            for (int j = i + 1; j < sources.size(); j++) {
                int run = longestSharedRun(lines(sources.get(i)), lines(sources.get(j)));
                if (run >= LONGEST_SHARED_RUN) {
                    copies.add(Repo.ROOT.relativize(sources.get(i)) + " and " + Repo.ROOT.relativize(sources.get(j))
                            + ": " + run + " lines");
                }
            }
        }
        assertThat(copies)
                .as("template sources sharing %d+ consecutive lines", LONGEST_SHARED_RUN)
                .isEmpty();
        assertThat(longestSharedRun(List.of("a", "b", "c", "d"), List.of("x", "b", "c", "y")))
                .isEqualTo(2);
    }

    private static final int LONGEST_SHARED_RUN = 20;

    private static List<String> lines(Path file) {
        return read(file)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static int longestSharedRun(List<String> a, List<String> b) {
        int best = 0;
        int[] previous = new int[b.size() + 1];
        for (String line : a) {
            int[] current = new int[b.size() + 1];
            for (int j = 0; j < b.size(); j++) {
                if (line.equals(b.get(j))) {
                    current[j + 1] = previous[j] + 1;
                    best = Math.max(best, current[j + 1]);
                }
            }
            previous = current;
        }
        return best;
    }

    @Test
    void everySubchartTemplateIsItsToggleTemplateWithTheValuesPrefixTakenAway() {
        Map<String, String> aliases = aliases();
        assertThat(aliases).as("subcharts of spark-3.5").isNotEmpty();
        Set<String> covered = new TreeSet<>();
        int compared = 0;
        for (Map.Entry<String, String> subchart : aliases.entrySet()) {
            String dir = subchart.getKey();
            String key = subchart.getValue();
            Path templates = UMBRELLA.resolve("charts/" + dir + "/templates");
            for (Path file : files(templates)) {
                String relative = templates.relativize(file).toString().replace('\\', '/');
                if (CHART_LEVEL.contains(relative)) {
                    continue;
                }
                String counterpart = counterpart(dir, relative);
                Path toggle = TOGGLE.resolve(counterpart);
                assertThat(toggle)
                        .as("the spark-4.1 counterpart of charts/%s/templates/%s", dir, relative)
                        .isRegularFile();
                covered.add(counterpart);
                assertThat(lineImageTagged(withoutUmbrellaWiring(read(file))))
                        .as(
                                "charts/%s/templates/%s vs spark-4.1/templates/%s without .Values.%s",
                                dir, relative, counterpart, key)
                        .isEqualTo(lineImageTagged(withoutPrefixes(read(toggle), dir, key)));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(aliases.size() * 3);

        // and the other way round: every block template of the toggle chart has its subchart twin
        Set<String> blockFiles = new TreeSet<>();
        for (Path file : files(TOGGLE)) {
            String relative = TOGGLE.relativize(file).toString().replace('\\', '/');
            String name = file.getFileName().toString();
            if (aliases.keySet().stream().anyMatch(dir -> name.startsWith(dir + "-"))) {
                blockFiles.add(relative);
            }
        }
        assertThat(covered)
                .as("spark-4.1 block templates that have a subchart twin")
                .containsAll(blockFiles);
    }

    @Test
    void chartLevelTemplatesAreTheSameInBothRootCharts() {
        Path umbrellaTemplates = UMBRELLA.resolve("templates");
        List<Path> files = files(umbrellaTemplates);
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String relative = umbrellaTemplates.relativize(file).toString();
            String expected = read(TOGGLE.resolve(relative));
            if (relative.equals("NOTES.txt")) {
                // the chart name and the line's facts (Spark image tag, Jupyter Python) differ, nothing else
                io.sparkk8s.api.SparkProfile p41 = Profiles.of(io.sparkk8s.api.SparkLine.parse("4.1"));
                io.sparkk8s.api.SparkProfile p35 = Profiles.of(io.sparkk8s.api.SparkLine.parse("3.5"));
                expected = expected.replace("spark-4.1", "spark-3.5")
                        .replace(p41.image().tag(), p35.image().tag())
                        .replace("Python " + p41.jupyterPythonVersion(), "Python " + p35.jupyterPythonVersion())
                        .replace(
                                "PYTHON_VERSION=" + p41.jupyterPythonVersion(),
                                "PYTHON_VERSION=" + p35.jupyterPythonVersion());
            }
            if (relative.equals("validate.yaml")) {
                // the Spark-minor rules name the line (its minor as a regular expression and in the message)
                expected = expected.replace("\"^4\\\\.1\\\\.\"", "\"^3\\\\.5\\\\.\"")
                        .replace("\"^spark-4\\\\.1\\\\.\"", "\"^spark-3\\\\.5\\\\.\"")
                        .replace("Spark 4.1", "Spark 3.5")
                        .replace("a 4.1.x tag", "a 3.5.x tag")
                        .replace("spark-4.1.x tag", "spark-3.5.x tag");
            }
            String actual = read(file);
            if (relative.equals("validate.yaml")) {
                // the one rule of one line only: 3.5 has no JSON log layout (ObservabilityValues.loggingRules)
                String only35 = "\n\\{\\{- if [^\n]*\n\\{\\{- fail [^\n]*\\[rule logging-json-needs-spark-4][^\n]*\n"
                        + "\\{\\{- end }}\n";
                assertThat(actual).containsPattern(only35);
                actual = actual.replaceFirst(only35, "");
            }
            assertThat(withoutOneLineRegions(actual))
                    .as("spark-3.5/templates/%s vs spark-4.1", relative)
                    .isEqualTo(withoutOneLineRegions(expected));
        }
        for (String dir : aliases().keySet()) {
            assertThat(read(UMBRELLA.resolve("charts/" + dir + "/templates/_helpers.tpl")))
                    .as("the helpers of subchart %s", dir)
                    .isEqualTo(read(TOGGLE.resolve("_helpers.tpl")));
        }
    }

    @Test
    void thePrefixRemovalIsNotVacuous() {
        String toggle = read(TOGGLE.resolve("connect-statefulset.yaml"));
        assertThat(toggle).contains(".Values.connect.replicas", "/connect-configmap.yaml");
        String stripped = withoutPrefixes(toggle, "connect", "connect");
        assertThat(stripped)
                .contains(".Values.replicas", "\"/configmap.yaml\"")
                .doesNotContain(".Values.connect.")
                .contains(".Values.global.");
    }

    /** The toggle chart's file for a subchart template: {@code <dir>-X}, {@code tests/<dir>-X}, or a helper file. */
    private static String counterpart(String dir, String relative) {
        int slash = relative.lastIndexOf('/');
        String folder = slash < 0 ? "" : relative.substring(0, slash + 1);
        String name = relative.substring(slash + 1);
        return name.startsWith("_") ? relative : folder + dir + "-" + name;
    }

    private static final Pattern ROOT_CONFIG_CHECKSUM = Pattern.compile("checksum/(wiring|app-wiring)\"");

    /** A toggle template as its subchart twin reads: values and file prefixes of the block taken away. */
    /** The first line of every toggle-chart template (generator-core's {@code _values-check.tpl}). */
    private static final String VALUES_CHECK = "{{- include \"sparkk8s.checkValues\" (dict \"context\" $) }}";

    static String withoutPrefixes(String text, String dir, String key) {
        // the layout differences: toggle-chart pods also carry the checksum of the root ConfigMap they read,
        // which a subchart cannot render (it does not see its siblings' values), and toggle-chart templates
        // first check that no block's values were set to null (a subchart gets its own defaults back)
        text = text.lines()
                .filter(line -> !ROOT_CONFIG_CHECKSUM.matcher(line).find())
                .filter(line -> !line.equals(VALUES_CHECK))
                .collect(java.util.stream.Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""));
        String out = text.replaceAll("\\.Values\\." + Pattern.quote(key) + "\\b", Matcher.quoteReplacement(".Values"));
        return out.replace("\"/" + dir + "-", "\"/");
    }

    /**
     * The text without its one-line regions: the lines from a {@code only on spark-<line>} comment to its
     * {@code end: only on spark-<line>} comment, which the generator writes around what a block renders on one
     * line alone (e.g. connect.auth, which Spark 3.5 does not have).
     */
    static String withoutOneLineRegions(String text) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : text.split("\n", -1)) {
            if (line.contains("/* end: only on spark-")) {
                inside = false;
                continue;
            }
            if (line.contains("/* only on spark-")) {
                inside = true;
                continue;
            }
            if (!inside) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String lineImageTagged(String text) {
        String lines = withoutOneLineRegions(text)
                .lines()
                .filter(line -> ONLY_ON_ONE_LINE.stream().noneMatch(line::contains))
                .collect(java.util.stream.Collectors.joining("\n"));
        return LINE_IMAGE_TAG.matcher(lines).replaceAll(Matcher.quoteReplacement("\"tag\" \"<the line's image tag>\""));
    }

    /** Subchart folder to values key (alias), from the umbrella's Chart.yaml. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> aliases() {
        Map<String, Object> chart = (Map<String, Object>)
                new Load(LoadSettings.builder().build()).loadFromString(read(UMBRELLA.resolve("Chart.yaml")));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> dependency : (List<Map<String, Object>>) chart.get("dependencies")) {
            String repository = String.valueOf(dependency.get("repository"));
            out.put(repository.substring(repository.lastIndexOf('/') + 1), String.valueOf(dependency.get("alias")));
        }
        return out;
    }

    private static String normalise(String text) {
        return text.strip().replace("\r\n", "\n");
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
