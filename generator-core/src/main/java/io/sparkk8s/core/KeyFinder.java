package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkConfContribution;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.api.Suggestions;
import io.sparkk8s.api.UnknownSparkSetting;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueType;
import io.sparkk8s.core.Generator.Explanation;
import io.sparkk8s.core.Generator.Explanation.Found;
import io.sparkk8s.core.Generator.Explanation.Setter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what a user asked {@code explain} about: a values key, a group of keys, an entry of a map value
 * ({@code jupyter.env.X}), a Spark property ({@code spark.eventLog.dir}: the keys that set it) or a name of the
 * DataOps guide ({@code spark-base.minio.enabled}, {@code airflow.sparkConnect.url}; data: {@value #GUIDE_NAMES}).
 */
final class KeyFinder {

    static final String GUIDE_NAMES = "guide-names.yaml";

    private final Composition composition;
    private final SparkSettings settings;
    private final List<String> prefixes;
    private final Map<String, Object> names;

    KeyFinder(Composition composition, SparkSettings settings) {
        this.composition = composition;
        this.settings = settings;
        Map<String, Object> guide = guideNames();
        this.prefixes = ((List<?>) guide.getOrDefault("prefixes", List.of()))
                .stream().map(String::valueOf).toList();
        this.names = Yaml.asMap(guide.getOrDefault("names", Map.of()), GUIDE_NAMES, "names");
    }

    private static Map<String, Object> guideNames() {
        try (InputStream in = KeyFinder.class.getResourceAsStream(GUIDE_NAMES)) {
            return Yaml.asMap(
                    Yaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), GUIDE_NAMES), GUIDE_NAMES, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + GUIDE_NAMES, e);
        }
    }

    Explanation find(String asked) {
        Optional<Explanation> found = model(asked, asked, "");
        if (found.isPresent()) {
            return found.get();
        }
        if (names.containsKey(asked)) {
            Map<String, Object> name = Yaml.asMap(names.get(asked), GUIDE_NAMES, asked);
            List<Setter> setters = new ArrayList<>();
            for (Object key : (List<?>) name.getOrDefault("keys", List.of())) {
                ChartModel.Entry entry = composition
                        .model()
                        .find(String.valueOf(key))
                        .orElseThrow(() -> new IllegalStateException(GUIDE_NAMES + " names " + key + ", which "
                                + composition.chartName() + " does not declare"));
                setters.add(
                        new Setter(entry.path(), entry.owner(), entry.value().description()));
            }
            return new Explanation(
                    asked,
                    Found.GUIDE_NAME,
                    "",
                    null,
                    "",
                    List.of(),
                    setters,
                    "the DataOps guide's name; "
                            + String.valueOf(name.getOrDefault("wiring", "")).strip());
        }
        for (String prefix : prefixes) {
            if (asked.startsWith(prefix)) {
                String key = asked.substring(prefix.length());
                Optional<Explanation> under = model(
                        asked,
                        key,
                        "the DataOps guide's name (chart " + prefix.substring(0, prefix.length() - 1) + "); here it is "
                                + key);
                if (under.isPresent()) {
                    return under.get();
                }
            }
        }
        if (asked.startsWith("spark.")) {
            return sparkProperty(asked);
        }
        List<String> known = new ArrayList<>(composition.model().withEntryModels().stream()
                .map(ChartModel.Entry::path)
                .toList());
        known.addAll(names.keySet());
        String hint = Suggestions.closest(asked, known)
                .map(s -> "did you mean '" + s + "'? ")
                .orElse("");
        throw new InvalidInputException(List.of(new Problem(
                composition.chartName(),
                asked,
                "no such key; " + hint
                        + "give a values key (top-level keys: "
                        + String.join(
                                ", ",
                                composition.model().sections().keySet().stream()
                                        .sorted()
                                        .toList()) + "), a Spark property such as spark.eventLog.dir, or a name of the "
                        + "DataOps guide")));
    }

    /** A key of the model, a group, or an entry of a map value; {@code note} says how the key was reached. */
    private Optional<Explanation> model(String asked, String key, String note) {
        Optional<ChartModel.Entry> entry = composition.model().findDocumented(key);
        if (entry.isEmpty()) {
            Optional<Explanation> inEntry = inMapEntry(asked, key, note);
            if (inEntry.isPresent()) {
                return inEntry;
            }
        }
        if (entry.isPresent()) {
            return Optional.of(new Explanation(
                    asked,
                    note.isEmpty() ? Found.KEY : Found.GUIDE_NAME,
                    key,
                    entry.get().value(),
                    entry.get().owner(),
                    List.of(),
                    List.of(),
                    note));
        }
        List<String> under = composition.model().withEntryModels().stream()
                .map(ChartModel.Entry::path)
                .filter(p -> p.startsWith(key + "."))
                .toList();
        if (!under.isEmpty()) {
            return Optional.of(new Explanation(
                    asked,
                    note.isEmpty() ? Found.GROUP : Found.GUIDE_NAME,
                    key,
                    null,
                    "chart",
                    under,
                    List.of(),
                    note));
        }
        for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
            Optional<ChartModel.Entry> map = composition.model().find(key.substring(0, dot));
            String name = key.substring(dot + 1);
            boolean insideEntry = map.isPresent() && map.get().value().entry() != null && name.contains(".");
            if (map.isPresent() && map.get().value().type().isOpen() && !insideEntry) {
                String more = note.isEmpty() ? "" : note + "; ";
                if (map.get().value().type() == ValueType.SPARK_CONF) {
                    more += settings.check(name)
                            .map(UnknownSparkSetting::message)
                            .orElse(name + " is a Spark setting the line reads");
                }
                return Optional.of(new Explanation(
                        asked,
                        Found.MAP_ENTRY,
                        map.get().path(),
                        map.get().value(),
                        map.get().owner(),
                        List.of(),
                        List.of(),
                        ("entry '" + name + "' of the map " + map.get().path() + (more.isEmpty() ? "" : "; " + more))));
            }
        }
        return Optional.empty();
    }

    /**
     * A key inside one named entry of a map of a nested model, e.g. {@code jobs.apps.nightly.schedule}: explained
     * as {@code jobs.apps.<name>.schedule}, the entry's name checked against the names the schema accepts.
     */
    private Optional<Explanation> inMapEntry(String asked, String key, String note) {
        for (ChartModel.Entry map : composition.model().entries()) {
            if (map.value().entry() == null || !key.startsWith(map.path() + ".")) {
                continue;
            }
            String rest = key.substring(map.path().length() + 1);
            int dot = rest.indexOf('.');
            if (dot < 0) {
                continue;
            }
            String name = rest.substring(0, dot);
            String generic = map.path() + "." + Value.ENTRY_PLACEHOLDER + "." + rest.substring(dot + 1);
            Optional<ChartModel.Entry> nested = composition.model().findDocumented(generic);
            if (nested.isEmpty()) {
                return Optional.empty();
            }
            boolean valid = name.matches(Value.ENTRY_NAME_PATTERN) && name.length() <= Value.ENTRY_NAME_MAX;
            String said = "the key " + generic + " of the entry '" + name + "' of " + map.path()
                    + (valid
                            ? ""
                            : "; '" + name + "' is not a valid entry name (a DNS label: lower-case letters, digits and "
                                    + "'-', starting with a letter, at most " + Value.ENTRY_NAME_MAX + " characters)");
            return Optional.of(new Explanation(
                    asked,
                    note.isEmpty() ? Found.KEY : Found.GUIDE_NAME,
                    generic,
                    nested.get().value(),
                    nested.get().owner(),
                    List.of(),
                    List.of(),
                    note.isEmpty() ? said : note + "; " + said));
        }
        return Optional.empty();
    }

    /** Every values key that sets a Spark property, the settings blocks compute, and the pass-through maps. */
    private Explanation sparkProperty(String property) {
        Optional<UnknownSparkSetting> unknown = settings.check(property);
        List<Setter> setters = new ArrayList<>();
        for (ChartModel.Entry entry : composition.model().entries()) {
            if (entry.value().sparkConf().equals(property)) {
                setters.add(new Setter(entry.path(), entry.owner(), "sets " + property));
            }
        }
        Set<String> computedBy = new LinkedHashSet<>();
        for (Composition.Part part : composition.blocks()) {
            Block block = part.block();
            for (SparkConfContribution c : block.sparkConf()) {
                if (c.key().equals(property)) {
                    computedBy.add(block.id());
                    setters.add(new Setter(
                            "(computed)",
                            block.id(),
                            "computed while " + block.valuesKey() + ".enabled is true, for every Spark-running block: "
                                    + c.valueTemplate().strip()));
                }
            }
        }
        if (unknown.isPresent() && setters.isEmpty()) {
            throw new InvalidInputException(List.of(
                    new Problem(composition.chartName(), property, unknown.get().message())));
        }
        for (ChartModel.Entry entry : composition.model().entries()) {
            if (entry.value().type() == ValueType.SPARK_CONF) {
                setters.add(new Setter(
                        entry.path() + "." + property,
                        entry.owner(),
                        "passed through to the Spark configuration of " + entry.owner() + " as given"));
            }
        }
        return new Explanation(
                property,
                Found.SPARK_PROPERTY,
                "",
                null,
                "",
                List.of(),
                setters,
                unknown.map(UnknownSparkSetting::message).orElse(""));
    }
}
