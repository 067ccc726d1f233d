package io.sparkk8s.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What to generate: which lines, which presets, which blocks, and default overrides. Where it goes is
 * said separately, when the result is written.
 *
 * <p>Every collection is an unmodifiable copy with an order that is the same on every JVM: {@code lines} and
 * the keys of {@code layouts} in line order ({@link SparkLine} declaration order), {@code overrides} sorted by
 * path, the other collections in the order given. (The {@code Set.copyOf}/{@code Map.copyOf} copies iterate in
 * an order salted per JVM run, so a request iterated from them could produce its charts, or name its unknown
 * ids, in a different order on each run.)
 *
 * @param catalog the folder holding {@code presets/} (the preset catalog)
 * @param lines the Spark lines to generate; empty means every line
 * @param presets the preset names to include; empty means every preset of the catalog
 * @param includeBlocks block ids to include; empty means every block that supports the line
 * @param excludeBlocks block ids to leave out
 * @param overrides default overrides by absolute values path, e.g. {@code connect.replicas=2}; the value
 *     is YAML text
 * @param layouts the layout per line; a line without an entry uses {@link Layout#catalogDefault}
 * @param moreCatalogs further folders holding {@code presets/}, whose presets are added to the catalog's
 *     (a preset name defined twice is an error, never a silent replacement)
 */
public record GenerationRequest(
        Path catalog,
        Set<SparkLine> lines,
        List<String> presets,
        Set<String> includeBlocks,
        Set<String> excludeBlocks,
        Map<String, String> overrides,
        Map<SparkLine, Layout> layouts,
        List<Path> moreCatalogs) {

    public GenerationRequest {
        Objects.requireNonNull(catalog, "catalog");
        lines = lineOrdered(lines);
        presets = List.copyOf(presets);
        includeBlocks = givenOrder(includeBlocks, "includeBlocks");
        excludeBlocks = givenOrder(excludeBlocks, "excludeBlocks");
        overrides = sortedByPath(overrides);
        layouts = lineOrdered(layouts);
        moreCatalogs = List.copyOf(moreCatalogs);
    }

    private static Set<SparkLine> lineOrdered(Set<SparkLine> lines) {
        EnumSet<SparkLine> copy = EnumSet.noneOf(SparkLine.class);
        for (SparkLine line : lines) {
            copy.add(Objects.requireNonNull(line, "lines: null element"));
        }
        return Collections.unmodifiableSet(copy);
    }

    private static Set<String> givenOrder(Set<String> ids, String name) {
        Set<String> copy = new LinkedHashSet<>();
        for (String id : ids) {
            copy.add(Objects.requireNonNull(id, () -> name + ": null element"));
        }
        return Collections.unmodifiableSet(copy);
    }

    private static Map<String, String> sortedByPath(Map<String, String> overrides) {
        TreeMap<String, String> copy = new TreeMap<>();
        overrides.forEach((path, value) -> copy.put(
                Objects.requireNonNull(path, "overrides: null path"),
                Objects.requireNonNull(value, () -> "overrides: null value for " + path)));
        return Collections.unmodifiableSortedMap(copy);
    }

    private static Map<SparkLine, Layout> lineOrdered(Map<SparkLine, Layout> layouts) {
        EnumMap<SparkLine, Layout> copy = new EnumMap<>(SparkLine.class);
        layouts.forEach((line, layout) -> copy.put(
                Objects.requireNonNull(line, "layouts: null line"),
                Objects.requireNonNull(layout, () -> "layouts: null layout for " + line)));
        return Collections.unmodifiableMap(copy);
    }

    /** Every catalog folder: {@code catalog} first, then {@code moreCatalogs}. */
    public List<Path> catalogs() {
        List<Path> all = new java.util.ArrayList<>();
        all.add(catalog);
        all.addAll(moreCatalogs);
        return List.copyOf(all);
    }

    /** A request for the whole catalog in {@code catalog}. */
    public static Builder forCatalog(Path catalog) {
        return new Builder(catalog);
    }

    /** A builder initialised with this request. */
    public Builder toBuilder() {
        Builder builder = new Builder(catalog);
        builder.lines = lines;
        builder.presets = presets;
        builder.includeBlocks = includeBlocks;
        builder.excludeBlocks = excludeBlocks;
        builder.overrides = overrides;
        builder.layouts = layouts;
        builder.moreCatalogs = moreCatalogs;
        return builder;
    }

    /**
     * What makes the charts differ from the catalog's own, as option names ({@code --preset},
     * {@code --include-block}, {@code --exclude-block}, {@code --set}, {@code layout}); empty when each chart
     * generated is the catalog's chart. Selecting lines does not make a request partial.
     */
    public List<String> partialBy() {
        List<String> by = new java.util.ArrayList<>();
        if (!presets.isEmpty()) {
            by.add("--preset");
        }
        if (!includeBlocks.isEmpty()) {
            by.add("--include-block");
        }
        if (!excludeBlocks.isEmpty()) {
            by.add("--exclude-block");
        }
        if (!overrides.isEmpty()) {
            by.add("--set");
        }
        if (!moreCatalogs.isEmpty()) {
            by.add("--add-catalog");
        }
        if (layouts.entrySet().stream().anyMatch(e -> e.getValue() != Layout.catalogDefault(e.getKey()))) {
            by.add("layout");
        }
        return List.copyOf(by);
    }

    /** The layout of a line. */
    public Layout layoutOf(SparkLine line) {
        return layouts.getOrDefault(line, Layout.catalogDefault(line));
    }

    /** Builds requests. */
    public static final class Builder {
        private final Path catalog;
        private Set<SparkLine> lines = Set.of();
        private List<String> presets = List.of();
        private Set<String> includeBlocks = Set.of();
        private Set<String> excludeBlocks = Set.of();
        private Map<String, String> overrides = Map.of();
        private Map<SparkLine, Layout> layouts = Map.of();
        private List<Path> moreCatalogs = List.of();

        private Builder(Path catalog) {
            this.catalog = catalog;
        }

        /** Only these lines. */
        public Builder lines(Set<SparkLine> value) {
            lines = value;
            return this;
        }

        /** Only these presets. */
        public Builder presets(List<String> value) {
            presets = value;
            return this;
        }

        /** Only these blocks. */
        public Builder includeBlocks(Set<String> value) {
            includeBlocks = value;
            return this;
        }

        /** Without these blocks. */
        public Builder excludeBlocks(Set<String> value) {
            excludeBlocks = value;
            return this;
        }

        /** Default overrides by absolute path. */
        public Builder overrides(Map<String, String> value) {
            overrides = value;
            return this;
        }

        /** Layouts per line. */
        public Builder layouts(Map<SparkLine, Layout> value) {
            layouts = value;
            return this;
        }

        /** Presets of these catalog folders are added to the catalog's. */
        public Builder moreCatalogs(List<Path> value) {
            moreCatalogs = value;
            return this;
        }

        /** The request. */
        public GenerationRequest build() {
            return new GenerationRequest(
                    catalog, lines, presets, includeBlocks, excludeBlocks, overrides, layouts, moreCatalogs);
        }
    }
}
