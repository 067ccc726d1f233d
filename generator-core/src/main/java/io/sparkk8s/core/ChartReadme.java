package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.api.Layout;
import io.sparkk8s.api.SparkProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generated chart README: what it deploys, blocks, presets, the values table, images and recipes. This class
 * gathers the facts into a {@link ReadmeView}; the wording and layout are in {@code documents/README.md.mustache}.
 */
final class ChartReadme {

    private ChartReadme() {}

    static String write(Composition c) {
        return TEXTS.get(view(c), Documents::readme);
    }

    /**
     * READMEs of recent views (issue 18, warm generation): the view is a tree of records of strings, so an equal
     * view renders the same text (see {@link Memo}).
     */
    private static final Memo<ReadmeView, String> TEXTS = new Memo<>(8);

    /**
     * The values overlay of each recipe as YAML (issue 18, warm generation: dumped on every generation before). The
     * recipes are read once from the generator's resource; a recipe is a record, compared by value.
     */
    private static final Memo<Recipes.Recipe, String> RECIPE_VALUES = new Memo<>(64);

    static ReadmeView view(Composition c) {
        SparkProfile p = c.profile();
        List<ReadmeView.BlockRow> blocks = new ArrayList<>();
        for (Composition.Part part : c.blocks()) {
            Block block = part.block();
            Object enabled =
                    part.model().find("enabled").map(v -> v.defaultValue()).orElse(false);
            List<String> endpoints = new ArrayList<>();
            for (Endpoint e : block.endpoints()) {
                endpoints.add(e.protocol() + " " + e.port());
            }
            blocks.add(new ReadmeView.BlockRow(
                    block.id(),
                    block.valuesKey(),
                    String.valueOf(enabled),
                    block.description(),
                    String.join(", ", endpoints)));
        }
        List<ReadmeView.ValueRow> values = new ArrayList<>();
        for (ChartModel.Entry entry : c.model().withEntryModels()) {
            StringBuilder description =
                    new StringBuilder(entry.value().description().replace("|", "\\|"));
            if (!entry.value().allowed().isEmpty()) {
                description
                        .append(" One of: ")
                        .append(String.join(
                                ", ",
                                entry.value().allowed().stream()
                                        .map(a -> "`" + (a.isEmpty() ? "\"\"" : a) + "`")
                                        .toList()))
                        .append('.');
            }
            if (!entry.value().sparkConf().isEmpty()) {
                description
                        .append(" Spark: `")
                        .append(entry.value().sparkConf())
                        .append("`.");
            }
            values.add(new ReadmeView.ValueRow(
                    entry.path(),
                    entry.value().type().label(),
                    cell(entry.value().defaultValue()),
                    description.toString()));
        }
        List<ReadmeView.ImageRow> images = ImageCatalogue.all().stream()
                .filter(e -> e.on(p.line()))
                .map(e -> new ReadmeView.ImageRow(
                        e.image(),
                        e.role(),
                        e.python().isEmpty() ? "–" : e.python(),
                        e.source(),
                        e.licence(),
                        e.released() + (e.confidence().equals("confirmed") ? "" : " (" + e.confidence() + ")"),
                        e.why().replace("|", "\\|")))
                .toList();
        Set<String> keys = new LinkedHashSet<>();
        c.model().entries().forEach(e -> keys.add(e.path().split("\\.")[0]));
        List<ReadmeView.RecipeItem> recipes = Recipes.applicable(keys, p.line().id()).stream()
                .map(r -> new ReadmeView.RecipeItem(
                        r.title(),
                        r.text(),
                        r.command(c.chartName()),
                        RECIPE_VALUES.get(r, k -> Yaml.dump(k.values()))))
                .toList();
        return new ReadmeView(
                ChartRenderer.GENERATED,
                c.chartName(),
                p.sparkVersion(),
                p.line().id(),
                p.scalaVersion(),
                p.hadoopVersion(),
                KubernetesVersions.LOWEST,
                KubernetesVersions.HIGHEST,
                c.layout() == Layout.SUBCHART,
                p.image().repository() + ":" + p.image().tag(),
                p.why(),
                blocks,
                c.presets().stream()
                        .map(pr -> new ReadmeView.PresetItem(pr.name(), pr.description()))
                        .toList(),
                values,
                images,
                !recipes.isEmpty(),
                recipes);
    }

    private static String cell(Object value) {
        if (value instanceof String s && s.isEmpty()) {
            return "`\"\"`";
        }
        if (value instanceof Map<?, ?> m && m.isEmpty() || value instanceof Collection<?> l && l.isEmpty()) {
            return value instanceof Map ? "`{}`" : "`[]`";
        }
        return "`" + Yaml.inline(value).replace("|", "\\|") + "`";
    }
}
