package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.api.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The entry point of the generator: one pipeline, load → validate → compose → render → verify → write.
 *
 * <pre>{@code
 * Generator generator = Generator.discover(listener);
 * GenerationResult charts = generator.generate(GenerationRequest.forCatalog(repo).build());
 * ChartOutput.directory(repo.resolve("generated-charts")).write(charts);
 * }</pre>
 */
public final class Generator {

    private final BlockRegistry registry;
    private final SparkProfiles profiles;
    private final GenerationListener listener;
    private final ChartRenderer renderer;

    private Generator(BlockRegistry registry, GenerationListener listener) {
        this.registry = registry;
        this.profiles = SparkProfiles.builtIn();
        this.listener = listener;
        this.renderer = new ChartRenderer(new TemplateEngine(registry.all()));
    }

    /** A generator with the blocks visible to the thread's context class loader (or this class's). */
    public static Generator discover(GenerationListener listener) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return discover(cl != null ? cl : Generator.class.getClassLoader(), listener);
    }

    /** A generator with the blocks visible to a class loader, e.g. one holding third-party block jars. */
    public static Generator discover(ClassLoader classLoader, GenerationListener listener) {
        return new Generator(BlockRegistry.discover(classLoader), listener);
    }

    /** A generator with exactly the given blocks (for tests and embedding). */
    public static Generator of(List<Block> blocks, GenerationListener listener) {
        return new Generator(BlockRegistry.of(blocks), listener);
    }

    /** The registered blocks, sorted by id. */
    public List<Block> blocks() {
        return registry.all();
    }

    /** The profile of a line. */
    public io.sparkk8s.api.SparkProfile profile(SparkLine line) {
        return profiles.of(line);
    }

    /**
     * Generates the charts a request asks for, in memory. Nothing is written.
     *
     * @throws io.sparkk8s.api.GenerationException a typed failure saying where and how to fix it
     */
    public GenerationResult generate(GenerationRequest request) {
        PresetCatalog catalog = PresetCatalog.load(request.catalog());
        List<Preset> presets = catalog.select(request.presets());
        listener.info("loaded " + presets.size() + " presets from " + request.catalog().resolve("presets"));
        Set<SparkLine> lines = request.lines().isEmpty() ? EnumSet.allOf(SparkLine.class) : request.lines();
        Composer composer = new Composer(registry, profiles);
        List<GeneratedChart> charts = new ArrayList<>();
        for (SparkLine line : lines) {
            Composition composition = composer.compose(line, request, presets);
            validate(composition, request.overrides().keySet(),
                    SparkSettingsCheck.settings(line, request.catalog()));
            GeneratedChart chart = renderer.render(composition);
            listener.info("rendered " + chart.name() + " (" + composition.layout().name().toLowerCase()
                    + " layout, " + composition.blocks().size() + " blocks, " + composition.presets().size()
                    + " presets, " + chart.files().size() + " files)");
            charts.add(chart);
        }
        return new GenerationResult(charts);
    }

    /** Generates and writes in one call. */
    public GenerationResult generate(GenerationRequest request, ChartOutput output) {
        GenerationResult result = generate(request);
        output.write(result);
        return result;
    }

    /**
     * Checks the defaults (block models plus overrides), then every preset. A problem at an overridden path
     * is reported against the override; bad defaults are reported alone, since every preset would repeat them.
     */
    private void validate(Composition composition, Set<String> overridden, SparkSettings settings) {
        SchemaValidator schema = structureValidator(composition);
        Map<String, Object> defaults = Values.defaults(composition.model());
        List<Problem> problems = new ArrayList<>();
        for (Problem p : schema.validate(defaults, composition.chartName()
                + " defaults (block models and overrides)", "")) {
            problems.add(overridden.contains(p.path()) ? new Problem("overrides", p.path(), p.message()) : p);
        }
        problems.addAll(Rules.check(composition.rules(), defaults, composition.chartName() + " defaults"));
        problems.addAll(SparkSettingsCheck.declared(composition, settings));
        for (Problem p : SparkSettingsCheck.values(composition, settings, defaults, composition.chartName()
                + " defaults (block models and overrides)", "")) {
            boolean override = overridden.stream().anyMatch(o -> p.path().equals(o) || p.path().startsWith(o + "."));
            problems.add(override ? new Problem("overrides", p.path(), p.message(), p.kind()) : p);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (Preset preset : composition.presets()) {
            problems.addAll(checkValues(composition, schema, settings, defaults, preset.values(), preset.source(),
                    "values"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * The schema without the composition rules: a values overlay is checked for its structure as it is,
     * and the rules run on the merged values with their own messages (the schema's if/then would only say
     * "missing key").
     */
    private SchemaValidator structureValidator(Composition composition) {
        Map<String, Object> schema = ValuesSchema.build(composition.model(), "", List.of());
        synchronized (validators) {
            return validators.computeIfAbsent(schema, SchemaValidator::of);
        }
    }

    /** Compiled validators by schema: repeated generations of the same charts skip the compilation. */
    private final Map<Map<String, Object>, SchemaValidator> validators = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, Object>, SchemaValidator> eldest) {
            return size() > 8;
        }
    };

    private static List<Problem> checkValues(Composition composition, SchemaValidator schema, SparkSettings settings,
            Map<String, Object> defaults, Map<String, Object> values, String source, String prefix) {
        List<Problem> problems = new ArrayList<>(schema.validate(values, source, prefix));
        if (problems.isEmpty()) {
            Map<String, Object> merged = Values.merge(defaults, values);
            problems.addAll(schema.validate(merged, source, prefix).stream()
                    .filter(p -> !problems.contains(p)).toList());
            for (Problem p : Rules.check(composition.rules(), merged, source)) {
                problems.add(new Problem(p.source(), prefix.isEmpty() ? p.path() : prefix + "." + p.path(),
                        p.message()));
            }
            problems.addAll(SparkSettingsCheck.values(composition, settings, values, source, prefix));
        }
        return problems;
    }

    /**
     * Validates a values file for a line's chart: schema, composition rules and the keys of its Spark settings
     * maps ({@code connect.sparkConf}, ...: a key Spark does not read on the line, and the catalog does not
     * declare in {@link SparkSettings#CATALOG_FILE}, is a problem of kind {@link Problem.Kind#UNKNOWN_SPARK_SETTING}).
     * Every problem is returned, each with its key path.
     */
    public List<Problem> validate(Path valuesFile, SparkLine line, Path catalog) {
        String source = valuesFile.toString();
        String text;
        try {
            text = Files.readString(valuesFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(List.of(new Problem(source, "", "cannot read the file ("
                    + e.getClass().getSimpleName() + "); check the path")));
        }
        Map<String, Object> values = Yaml.asMap(Yaml.load(text, source), source, "");
        Composition composition = composeCatalogChart(line, catalog);
        SchemaValidator schema = structureValidator(composition);
        return checkValues(composition, schema, SparkSettingsCheck.settings(line, catalog),
                Values.defaults(composition.model()), values, source, "");
    }

    /**
     * Explains a values key of a line's chart: type, default, description, allowed values and block.
     *
     * @throws InvalidInputException naming close keys when the key is unknown
     */
    public Explanation explain(String key, SparkLine line, Path catalog) {
        Composition composition = composeCatalogChart(line, catalog);
        Optional<ChartModel.Entry> entry = composition.model().find(key);
        if (entry.isEmpty()) {
            List<String> under = composition.model().entries().stream().map(ChartModel.Entry::path)
                    .filter(p -> p.startsWith(key + ".")).toList();
            if (!under.isEmpty()) {
                return new Explanation(key, null, "chart", under);
            }
            List<String> known = composition.model().entries().stream().map(ChartModel.Entry::path).toList();
            String hint = Suggestions.closest(key, known).map(s -> "did you mean '" + s + "'? ").orElse("");
            throw new InvalidInputException(List.of(new Problem(line.chartName(), key, "no such key; " + hint
                    + "top-level keys: " + String.join(", ", composition.model().sections().keySet().stream()
                    .sorted().toList()))));
        }
        return new Explanation(key, entry.get().value(), entry.get().owner(), List.of());
    }

    /** The chart the catalog generates for a line, without its presets. */
    private Composition composeCatalogChart(SparkLine line, Path catalog) {
        return new Composer(registry, profiles)
                .compose(line, GenerationRequest.forCatalog(catalog).lines(Set.of(line)).build(), List.of());
    }

    /**
     * What {@code explain} found.
     *
     * @param key the key asked for
     * @param value the declaration, or null when the key is a group
     * @param owner the block id, or {@code chart}
     * @param children the keys below a group
     */
    public record Explanation(String key, Value value, String owner, List<String> children) {
    }
}
