package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The data catalogues the chart README is written from ({@code recipes.yaml}, {@code images.yaml}), checked next to
 * their package-private readers: the acceptance tests take the same facts from the committed charts' READMEs, so
 * what only the data can say is said here — a recipe that no chart shows, an image entry no line deploys.
 */
class CataloguesTest {

    private static final Path CHARTS =
            Path.of("..", "generated-charts").toAbsolutePath().normalize();

    private static String readme(String chart) throws IOException {
        return Files.readString(CHARTS.resolve(chart).resolve("README.md"));
    }

    private static Set<String> topLevelKeys(String chart) throws IOException {
        Path schema = CHARTS.resolve(chart).resolve("values.schema.json");
        Map<String, Object> root = Yaml.asMap(Yaml.load(Files.readString(schema), schema.toString()), "schema", "");
        return Yaml.asMap(root.get("properties"), "schema", "properties").keySet();
    }

    @Test
    void everyRecipeIsShownByTheCommittedChartOfEachLineWhoseKeysItSetsAndNowhereElse() throws IOException {
        assertThat(Recipes.all()).isNotEmpty();
        assertThat(Recipes.all().stream().map(Recipes.Recipe::id).distinct())
                .as("recipe ids are unique")
                .hasSameSizeAs(Recipes.all());
        Set<String> shownSomewhere = new HashSet<>();
        for (SparkLine line : SparkLine.values()) {
            String chart = line.chartName();
            String readme = readme(chart);
            List<Recipes.Recipe> applicable = Recipes.applicable(topLevelKeys(chart), line.id());
            for (Recipes.Recipe recipe : applicable) {
                assertThat(readme)
                        .as("%s/README.md shows recipe %s", chart, recipe.id())
                        .contains("### " + recipe.title() + "\n", recipe.command(chart) + " <<'EOF'\n");
                shownSomewhere.add(recipe.id());
            }
            // and no other: as many recipe commands as applicable recipes
            assertThat(readme.split("--reuse-values -f - <<'EOF'\n", -1).length - 1)
                    .as("recipe commands in %s/README.md", chart)
                    .isEqualTo(applicable.size());
        }
        assertThat(Recipes.all())
                .as("recipes that no committed chart shows (they apply to none)")
                .allMatch(r -> shownSomewhere.contains(r.id()));
    }

    @Test
    void everyImageEntryIsCompleteAndOnAKnownLine() {
        Set<String> lines = new HashSet<>(
                Arrays.stream(SparkLine.values()).map(SparkLine::id).toList());
        assertThat(ImageCatalogue.all()).isNotEmpty();
        assertThat(ImageCatalogue.all().stream()
                        .map(ImageCatalogue.Entry::image)
                        .distinct())
                .as("one entry per image")
                .hasSameSizeAs(ImageCatalogue.all());
        for (ImageCatalogue.Entry e : ImageCatalogue.all()) {
            assertThat(e.lines()).as("lines of %s", e.image()).isNotEmpty().allMatch(lines::contains);
            assertThat(e.released()).as("release date of %s", e.image()).matches("\\d{4}(-\\d{2}){0,2}");
            assertThat(e.confidence()).as(e.image()).isIn("confirmed", "usage", "guess");
            assertThat(e.source()).as(e.image()).startsWith("https://");
            assertThat(e.licence()).as(e.image()).isNotBlank();
            assertThat(e.why()).as(e.image()).isNotBlank();
            assertThat(e.python()).as(e.image()).matches("(\\d+\\.\\d+)?");
        }
    }
}
