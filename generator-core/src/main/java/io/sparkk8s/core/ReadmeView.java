package io.sparkk8s.core;

import java.util.List;

/**
 * What the generated chart README's template ({@code documents/README.md.mustache}, logic-less Mustache) reads:
 * every text ready to print, so a writer changes the README's wording and order in the template alone. Each
 * component is a Mustache name of the same name; lists are sections, booleans switch sections.
 *
 * @param generated the "generated, do not edit" note
 * @param chart the chart's name, e.g. {@code spark-4.1}
 * @param sparkVersion the Spark version the chart deploys
 * @param line the Spark line, e.g. {@code 4.1}
 * @param scalaVersion the line's Scala version
 * @param hadoopVersion the line's Hadoop version
 * @param kubernetesLowest the lowest supported Kubernetes version
 * @param kubernetesHighest the highest supported Kubernetes version
 * @param umbrella true for the umbrella of subcharts (3.5), false for the one toggle chart (4.1)
 * @param image the default Spark image, {@code repository:tag}
 * @param imageWhy why that image
 * @param blocks one row per block
 * @param presets the presets that apply to the line
 * @param values one row per values key
 * @param images the images the chart deploys with its defaults
 * @param hasRecipes true when an operations recipe applies to the chart
 * @param recipes the operations recipes that apply
 */
record ReadmeView(
        String generated,
        String chart,
        String sparkVersion,
        String line,
        String scalaVersion,
        String hadoopVersion,
        String kubernetesLowest,
        String kubernetesHighest,
        boolean umbrella,
        String image,
        String imageWhy,
        List<BlockRow> blocks,
        List<PresetItem> presets,
        List<ValueRow> values,
        List<ImageRow> images,
        boolean hasRecipes,
        List<RecipeItem> recipes) {

    ReadmeView {
        blocks = List.copyOf(blocks);
        presets = List.copyOf(presets);
        values = List.copyOf(values);
        images = List.copyOf(images);
        recipes = List.copyOf(recipes);
    }

    /**
     * A block row.
     *
     * @param id the block id
     * @param key its values key
     * @param enabled its default {@code enabled}
     * @param description what it deploys
     * @param endpoints its endpoints, e.g. {@code grpc 15002, http 4040}
     */
    record BlockRow(String id, String key, String enabled, String description, String endpoints) {}

    /**
     * A preset.
     *
     * @param name its name (also its file name under presets/)
     * @param description what it is for
     */
    record PresetItem(String name, String description) {}

    /**
     * A values table row; cells are markdown, {@code |} escaped.
     *
     * @param key the dotted key
     * @param type its type label
     * @param defaultValue the default, as inline YAML in backticks
     * @param description its description, with the allowed values and the Spark setting it maps to
     */
    record ValueRow(String key, String type, String defaultValue, String description) {}

    /**
     * An image row of {@code images.yaml}.
     *
     * @param image the image reference
     * @param runs what it runs
     * @param python its Python version, or a dash
     * @param source where it comes from
     * @param licence its licence
     * @param released its release date, with the confidence when not confirmed
     * @param why why this image
     */
    record ImageRow(
            String image, String runs, String python, String source, String licence, String released, String why) {}

    /**
     * An operations recipe.
     *
     * @param title the problem it solves
     * @param text how and why
     * @param command the helm command that applies it
     * @param values the values overlay as YAML (ends with a newline)
     */
    record RecipeItem(String title, String text, String command, String values) {}
}
