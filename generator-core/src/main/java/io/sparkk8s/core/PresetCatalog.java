package io.sparkk8s.core;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the preset catalog ({@code presets/*.yaml} and {@code presets/*.yml}) and checks every file against
 * the preset schema.
 */
public final class PresetCatalog {

    private static final String SCHEMA = "/io/sparkk8s/core/schemas/preset.schema.json";
    private static SchemaValidator validator;

    private final Map<String, Preset> presets;

    private PresetCatalog(Map<String, Preset> presets) {
        this.presets = presets;
    }

    /**
     * Loads every preset below {@code <catalog>/presets}.
     *
     * @throws InvalidInputException with every problem of every file
     */
    public static PresetCatalog load(Path catalog) {
        return load(List.of(catalog));
    }

    /**
     * Loads the presets of several catalogs, in order; a preset name defined in two files is an error that
     * names both.
     *
     * @throws InvalidInputException with every problem of every file
     */
    public static PresetCatalog load(List<Path> catalogs) {
        Map<String, Preset> presets = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < catalogs.size(); i++) {
            loadInto(catalogs.get(i), i > 0, presets, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PresetCatalog(presets);
    }

    private static void loadInto(Path catalog, boolean named, Map<String, Preset> presets, List<Problem> problems) {
        Path folder = catalog.resolve("presets");
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(List.of(new Problem(
                    folder.toString(),
                    "",
                    "no preset folder here; pass the folder that contains presets/ (the repository root)",
                    Problem.Kind.INPUT,
                    Problem.Origin.CATALOG)));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> isPresetFile(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(List.of(new Problem(
                    folder.toString(),
                    "",
                    "cannot list the folder: " + e.getMessage(),
                    Problem.Kind.INPUT,
                    Problem.Origin.CATALOG)));
        }
        for (Path file : files) {
            try {
                String relative = catalog.relativize(file).toString();
                Preset preset = read(file, named ? catalog.resolve(relative).toString() : relative);
                Preset twin = presets.put(preset.name(), preset);
                if (twin != null) {
                    problems.add(new Problem(
                            preset.source(),
                            "name",
                            "preset '" + preset.name() + "' is defined " + "twice, also in " + twin.source()
                                    + "; keep one of the files"));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
    }

    /** Reads and checks one preset file. */
    public static Preset read(Path file, String source) {
        String text = InputFiles.read(file, source);
        return READ.get(new ReadKey(file.getFileName().toString(), source, text), key -> parse(file, source, text));
    }

    /**
     * What a preset file read and checked gives depends on its name, its source label and its text only: the
     * presets of the last reads are kept by those (a warm generate reads every file again, then skips parsing and
     * checking an unchanged one: issue 18; see {@link Memo}). A file that fails is not kept. Presets are immutable at the top; nothing
     * writes into their values.
     */
    private record ReadKey(String fileName, String source, String text) {}

    private static final Memo<ReadKey, Preset> READ = new Memo<>(256);

    private static Preset parse(Path file, String source, String text) {
        Object parsed = Yaml.load(text, source);
        List<Problem> problems = schema().validate(parsed, source, "");
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Map<String, Object> map = Yaml.asMap(parsed, source, "");
        String name = (String) map.get("name");
        String expected = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.equals(expected)) {
            throw new InvalidInputException(List.of(new Problem(
                    source,
                    "name",
                    "'" + name + "' differs from the file name; rename the file to " + name + ".yaml or set name: "
                            + expected)));
        }
        Set<SparkLine> lines = EnumSet.noneOf(SparkLine.class);
        for (Object line : (List<?>) map.get("lines")) {
            lines.add(SparkLine.parse(String.valueOf(line)));
        }
        return new Preset(
                name, (String) map.get("description"), lines, Yaml.asMap(map.get("values"), source, "values"), source);
    }

    /** Preset files end in {@code .yaml} or {@code .yml}; hidden files (editor backups) are not presets. */
    static boolean isPresetFile(String name) {
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Compiles the preset file schema now rather than at the first load (see {@link Generator#prepare()}). */
    static void prepare() {
        schema();
    }

    private static synchronized SchemaValidator schema() {
        if (validator == null) {
            try (InputStream in = PresetCatalog.class.getResourceAsStream(SCHEMA)) {
                validator = SchemaValidator.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return validator;
    }

    /** Every preset, by file order. */
    public List<Preset> all() {
        return List.copyOf(presets.values());
    }

    /**
     * The named presets.
     *
     * @throws InvalidInputException naming an unknown preset and the known ones
     */
    public List<Preset> select(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<Preset> selected = new ArrayList<>();
        for (String name : names) {
            Preset preset = presets.get(name);
            if (preset == null) {
                String hint = Suggestions.closest(name, presets.keySet())
                        .map(s -> "did you mean '" + s + "'? ")
                        .orElse("");
                throw new InvalidInputException(List.of(new Problem(
                        "presets/",
                        name,
                        "unknown preset '" + name + "'; " + hint + "known presets: "
                                + String.join(", ", presets.keySet()),
                        Problem.Kind.INPUT,
                        Problem.Origin.PRESET_SELECTION)));
            }
            selected.add(preset);
        }
        return selected;
    }
}
