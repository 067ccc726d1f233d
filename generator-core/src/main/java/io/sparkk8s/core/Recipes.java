package io.sparkk8s.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operations recipes (SPEC §10), kept as data in {@code recipes.yaml}: each is a values overlay that
 * the README shows as a command and the tests render and verify.
 */
final class Recipes {

    private static final String RESOURCE = "/io/sparkk8s/core/recipes.yaml";

    private Recipes() {}

    /**
     * One recipe.
     *
     * @param id a stable id
     * @param title the problem it solves
     * @param text how and why, in a few sentences
     * @param values the values overlay
     * @param release the release the recipe is applied to ({@code spark} unless the recipe says otherwise)
     * @param namespace the namespace of that release; empty for the current one
     * @param lines the Spark lines ({@code 4.1}, {@code 3.5}) it is for; empty for every line whose chart has its
     *     top-level keys (a recipe that sets a key only one line has names that line)
     */
    public record Recipe(
            String id,
            String title,
            String text,
            Map<String, Object> values,
            String release,
            String namespace,
            List<String> lines) {

        public Recipe {
            java.util.Objects.requireNonNull(id, "id");
            java.util.Objects.requireNonNull(title, "title");
            java.util.Objects.requireNonNull(text, "text");
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            release = release == null || release.isEmpty() ? "spark" : release;
            namespace = namespace == null ? "" : namespace;
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        /** The command the README shows: an upgrade (or install) of the release with the overlay. */
        public String command(String chartName) {
            return "helm upgrade --install " + release + " ./" + chartName
                    + (namespace.isEmpty() ? "" : " --namespace " + namespace + " --create-namespace")
                    + " --reuse-values -f -";
        }
    }

    /** Every recipe for the line whose top-level keys exist in a chart with the given top-level keys. */
    public static List<Recipe> applicable(java.util.Set<String> topLevelKeys, String line) {
        return all().stream()
                .filter(r -> topLevelKeys.containsAll(r.values().keySet()))
                .filter(r -> r.lines().isEmpty() || r.lines().contains(line))
                .toList();
    }

    /** Every recipe (read once; the resource ships with the generator). */
    public static List<Recipe> all() {
        return Loaded.RECIPES;
    }

    /** Lazily loaded on first use, so that generating a chart does not re-read the resource each time. */
    private static final class Loaded {
        static final List<Recipe> RECIPES = load();
    }

    private static List<Recipe> load() {
        try (InputStream in = Recipes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Recipe> recipes = new ArrayList<>();
            for (Object item : (List<?>)
                    Yaml.asMap(Yaml.load(text, RESOURCE), RESOURCE, "").get("recipes")) {
                Map<String, Object> m = Yaml.asMap(item, RESOURCE, "recipes[]");
                recipes.add(new Recipe(
                        (String) m.get("id"),
                        (String) m.get("title"),
                        ((String) m.get("text")).strip(),
                        Yaml.asMap(m.get("values"), RESOURCE, "values"),
                        (String) m.get("release"),
                        (String) m.get("namespace"),
                        lines(m.get("lines"))));
            }
            return List.copyOf(recipes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object line : (List<?>) value) {
            out.add(String.valueOf(line));
        }
        return out;
    }
}
