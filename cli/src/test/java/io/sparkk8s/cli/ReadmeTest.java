package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/*.md} refer only to files of the repository, and every count or list they state
 * about the catalog (blocks, presets, subcharts, Spark settings, test classes) matches the real one, so a
 * change of the catalog that leaves the README behind fails here instead of misleading a reader.
 */
class ReadmeTest {

    static final Path ROOT = SparkK8sTest.ROOT;

    /** A relative link {@code [text](target)} outside code. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    /** Code spans; a path-like one is checked when its first segment is an entry of the repository's root. */
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+)`");

    private static final Pattern PATH = Pattern.compile("(?:\\./)?[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*/?");

    @Nested
    class References {

        @Test
        void everyRelativeLinkAndRepositoryPathInTheDocsExists() {
            List<String> missing = new ArrayList<>();
            for (Path doc : documents()) {
                missing.addAll(missingReferences(doc, read(doc)));
            }
            assertThat(missing)
                    .as("references to files that are not in the repository")
                    .isEmpty();
        }

        @Test
        void aPlantedLinkOrPathToAMissingFileIsFound() {
            Path readme = ROOT.resolve("README.md");
            String planted = "see [the design](docs/design.md), [facts](docs/facts.md), `examples/no-such-example/`,"
                    + " `api/src/main/java/io/sparkk8s/api/Block.java` and [upstream](https://spark.apache.org/)";

            assertThat(missingReferences(readme, planted))
                    .containsExactly("README.md: docs/design.md", "README.md: examples/no-such-example/");
        }
    }

    @Nested
    class CountsAndLists {

        private final String readme = read(ROOT.resolve("README.md"));

        @Test
        void theStatedNumberOfBlocksIsTheCatalogs() {
            assertThat(numbersBefore(readme, "blocks"))
                    .as("'N blocks' in the README")
                    .isNotEmpty()
                    .containsOnly(blockIds().size());
        }

        @Test
        void everyBuiltInBlockIsDescribed() {
            assertThat(blockIds()).allSatisfy(id -> assertThat(readme)
                    .as("the README describes block " + id)
                    .contains("**" + id + "**"));
        }

        @Test
        void theStatedNumberOfPresetsIsTheCatalogs() {
            assertThat(numbersBefore(readme, "presets"))
                    .as("'N presets' in the README")
                    .isNotEmpty()
                    .containsOnly(presetNames().size());
        }

        @Test
        void everyPresetNamedExists() {
            Matcher named = Pattern.compile("preset `([a-z0-9-]+)`").matcher(readme);
            List<String> names = new ArrayList<>();
            while (named.find()) {
                names.add(named.group(1));
            }
            assertThat(names).as("presets named in the README").isNotEmpty();
            assertThat(presetNames()).containsAll(names);
        }

        @Test
        void theUmbrellasSubchartsAreCounted() throws IOException {
            long subcharts;
            try (Stream<Path> charts = Files.list(ROOT.resolve("generated-charts/spark-3.5/charts"))) {
                subcharts = charts.filter(Files::isDirectory).count();
            }
            assertThat(numbersBefore(readme, "subcharts")).isNotEmpty().containsOnly((int) subcharts);
            assertThat(numbersBefore(readme, "charts \\(the umbrella"))
                    .isNotEmpty()
                    .containsOnly((int) subcharts + 1);
        }

        @Test
        void theSparkSettingsCatalogCountsAreTheFiles() {
            String api = "api/src/main/resources/io/sparkk8s/api/";
            int[] keys41 = keyCounts(ROOT.resolve(api + "spark-conf-keys-4.1.txt"));
            int[] keys35 = keyCounts(ROOT.resolve(api + "spark-conf-keys-3.5.txt"));
            String flat = readme.replaceAll("\\s+", " ");

            assertThat(flat)
                    .contains("`spark-conf-keys-4.1.txt` (" + thousands(keys41[0]) + " registered keys + " + keys41[1]
                            + " other names Spark reads, and " + keys41[2] + " names it no longer reads");
            assertThat(flat)
                    .contains("`spark-conf-keys-3.5.txt` (" + thousands(keys35[0]) + " + " + keys35[1] + ", and "
                            + keys35[2] + ")");

            List<String> families = read(ROOT.resolve(api + "spark-conf-families.txt"))
                    .lines()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .toList();
            long prefixes =
                    families.stream().filter(pattern -> pattern.contains("*")).count();
            assertThat(flat)
                    .contains("the " + prefixes + " prefix families")
                    .contains("and " + (families.size() - prefixes) + " keys only PySpark");
        }

        @Test
        void everyTestClassNamedExists() throws IOException {
            Set<String> named = new TreeSet<>();
            for (Path doc : documents()) {
                Matcher test = Pattern.compile("`(\\w+Test)(?:[.#]\\w+)?`").matcher(read(doc));
                while (test.find()) {
                    named.add(test.group(1));
                }
            }
            Set<String> existing = new TreeSet<>();
            try (Stream<Path> files = Files.walk(ROOT)) {
                files.filter(file -> file.toString().endsWith("Test.java"))
                        .filter(file -> !file.toString().contains("/target/"))
                        .forEach(file ->
                                existing.add(file.getFileName().toString().replace(".java", "")));
            }
            assertThat(named).as("test classes named in README.md and docs/").isNotEmpty();
            assertThat(existing).containsAll(named);
        }
    }

    /** README.md and every Markdown file of docs/. */
    static List<Path> documents() {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * The relative links and repository paths of a document that name no file, as {@code doc: target}. Links
     * resolve against the document's folder; code spans such as {@code examples/custom-block/} against the
     * repository's root, when their first segment is an entry of it (other code spans are not paths of ours).
     */
    static List<String> missingReferences(Path doc, String text) {
        List<String> missing = new ArrayList<>();
        String name = ROOT.relativize(doc).toString();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1).replaceFirst("#.*", "");
            if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                continue;
            }
            if (!Files.exists(doc.getParent().resolve(target))) {
                missing.add(name + ": " + target);
            }
        }
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            String span = code.group(1);
            if (!PATH.matcher(span).matches() || !span.contains("/")) {
                continue;
            }
            String path = span.startsWith("./") ? span.substring(2) : span;
            String first = path.split("/")[0];
            // build output and fetched tools (git-ignored: target/, .tools/) exist only after a build or a test run
            boolean built = first.equals("target") || first.equals(".tools") || path.contains("/target/");
            if (!first.isEmpty()
                    && !built
                    && !first.equals("..")
                    && Files.exists(ROOT.resolve(first))
                    && !Files.exists(ROOT.resolve(path))) {
                missing.add(name + ": " + span);
            }
        }
        return missing;
    }

    /** Every integer written right before the words, e.g. {@code 9} in "9 blocks". */
    static List<Integer> numbersBefore(String text, String words) {
        Matcher matcher =
                Pattern.compile("(?<![\\w.,])(\\d[\\d,]*)\\s+" + words + "\\b").matcher(text);
        List<Integer> numbers = new ArrayList<>();
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1).replace(",", "")));
        }
        return numbers;
    }

    /** Registered keys, other names Spark reads, names it no longer reads (see the file's header). */
    private static int[] keyCounts(Path file) {
        int[] counts = new int[3];
        for (String line : read(file)
                .lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .toList()) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                counts[0]++;
            } else if (line.substring(tab).matches("\\t(no longer read|removed in).*")) {
                counts[2]++;
            } else {
                counts[1]++;
            }
        }
        return counts;
    }

    private static String thousands(int n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private static Set<String> blockIds() {
        Set<String> ids = new TreeSet<>();
        ServiceLoader.load(Block.class).forEach(block -> ids.add(block.id()));
        assertThat(ids).as("built-in blocks on the class path").isNotEmpty();
        return ids;
    }

    private static Set<String> presetNames() {
        try (Stream<Path> files = Files.list(ROOT.resolve("presets"))) {
            Set<String> names = new TreeSet<>();
            files.map(file -> file.getFileName().toString())
                    .filter(file -> file.matches(".*\\.ya?ml"))
                    .forEach(file -> names.add(file.replaceFirst("\\.ya?ml$", "")));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
