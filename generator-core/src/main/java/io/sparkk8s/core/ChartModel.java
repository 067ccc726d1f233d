package io.sparkk8s.core;

import io.sparkk8s.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of one chart with absolute paths: what {@code values.yaml}, {@code values.schema.json}, the
 * README table and the cross-check are generated from.
 *
 * @param entries the declared values in values.yaml order
 * @param sections a heading comment per top-level key
 */
record ChartModel(List<Entry> entries, Map<String, String> sections) {

    ChartModel {
        entries = List.copyOf(entries);
        sections = Map.copyOf(sections);
    }

    /**
     * One declared value.
     *
     * @param path the absolute path, e.g. {@code connect.driver.memory}
     * @param value the declaration (its own path is relative to the owner)
     * @param owner the block id, or {@code chart} for chart-level values
     */
    record Entry(String path, Value value, String owner) {}

    /**
     * The entries as documents list them: each map of a nested model ({@link io.sparkk8s.api.ValueType#MODEL_MAP})
     * is followed by the values of one of its entries, under {@code <path>.<name>.<value path>}. Only
     * {@link #entries()} are keys of values.yaml and the defaults.
     */
    List<Entry> withEntryModels() {
        List<Entry> out = new ArrayList<>();
        for (Entry entry : entries) {
            out.add(entry);
            if (entry.value().entry() != null) {
                for (Value nested : entry.value().entry().values()) {
                    out.add(new Entry(
                            entry.path() + "." + Value.ENTRY_PLACEHOLDER + "." + nested.path(), nested, entry.owner()));
                }
            }
        }
        return out;
    }

    /** A declared key, or a key of one entry of a map of a nested model ({@code jobs.apps.<name>.schedule}). */
    Optional<Entry> findDocumented(String path) {
        return withEntryModels().stream().filter(e -> e.path().equals(path)).findFirst();
    }

    Optional<Entry> find(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** A builder that keeps order. */
    static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, String> sections = new LinkedHashMap<>();

        Builder section(String key, String heading, List<Value> values, String owner) {
            sections.put(key, heading);
            for (Value value : values) {
                entries.add(new Entry(key.isEmpty() ? value.path() : key + "." + value.path(), value, owner));
            }
            return this;
        }

        ChartModel build() {
            return new ChartModel(entries, sections);
        }
    }
}
