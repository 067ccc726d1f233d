package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.OutputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.api.Suggestions;
import io.sparkk8s.api.Value;
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
        PresetCatalog catalog = PresetCatalog.load(request.catalogs());
        List<Preset> presets = catalog.select(request.presets());
        listener.info("loaded " + presets.size() + " presets from "
                + String.join(
                        ", ",
                        request.catalogs().stream()
                                .map(c -> c.resolve("presets").toString())
                                .toList()));
        Set<SparkLine> lines = request.lines().isEmpty() ? EnumSet.allOf(SparkLine.class) : request.lines();
        Composer composer = new Composer(registry, profiles);
        List<GeneratedChart> charts = new ArrayList<>();
        for (SparkLine line : lines) {
            Composition composition = composer.compose(line, request, presets);
            validate(composition, request.overrides().keySet(), SparkSettingsCheck.settings(line, request.catalogs()));
            GeneratedChart chart = renderer.render(composition);
            listener.info("rendered " + chart.name() + " ("
                    + composition.layout().name().toLowerCase()
                    + " layout, " + composition.blocks().size() + " blocks, "
                    + composition.presets().size()
                    + " presets, " + chart.files().size() + " files)");
            charts.add(chart);
        }
        return new GenerationResult(charts);
    }

    /**
     * Refuses an ad-hoc partial generate (some presets or blocks, overrides, another layout) into the
     * catalog's own output folder, {@code <catalog>/generated-charts}, which holds the full catalog: the
     * command line calls it, since its options are one-off choices, while a build's configured selection (the
     * Maven goal) is that repository's catalog output by definition.
     *
     * @throws OutputException naming the folder, the options that make the request partial, and the fix
     */
    public static void refusePartialIntoCatalogOutput(GenerationRequest request, Path output) {
        Path catalogOutput = request.catalog().toAbsolutePath().normalize().resolve(ChartOutput.CATALOG_OUTPUT);
        List<String> partialBy = request.partialBy();
        if (!partialBy.isEmpty() && output.toAbsolutePath().normalize().equals(catalogOutput)) {
            throw new OutputException(
                    catalogOutput + " holds the full catalog's charts (every preset and block of "
                            + request.catalog().resolve("presets") + "); this generate with "
                            + String.join(", ", partialBy)
                            + " would replace them with a partial chart. Write it to another folder, e.g. --output "
                            + "target/my-charts, or leave out " + String.join(", ", partialBy)
                            + " to regenerate the catalog",
                    null);
        }
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
        for (Problem p :
                schema.validate(defaults, composition.chartName() + " defaults (block models and overrides)", "")) {
            problems.add(overridden.contains(p.path()) ? Problem.override(p.path(), p.message()) : p);
        }
        problems.addAll(Rules.check(composition.rules(), defaults, composition.chartName() + " defaults"));
        problems.addAll(SparkSettingsCheck.declared(composition, settings));
        for (Problem p : SparkSettingsCheck.values(
                composition,
                settings,
                defaults,
                composition.chartName() + " defaults (block models and overrides)",
                "")) {
            boolean override = overridden.stream()
                    .anyMatch(o -> p.path().equals(o) || p.path().startsWith(o + "."));
            problems.add(
                    override ? new Problem("overrides", p.path(), p.message(), p.kind(), Problem.Origin.OVERRIDE) : p);
        }
        problems.addAll(
                RenderRules.check(RenderRules.of(composition), defaults, composition.chartName() + " defaults"));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Set<String> composed = new java.util.HashSet<>();
        composition.blocks().forEach(part -> composed.add(part.block().valuesKey()));
        for (Preset preset : composition.presets()) {
            List<Block> leftOut = registry.all().stream()
                    .filter(b ->
                            !composed.contains(b.valuesKey()) && preset.values().containsKey(b.valuesKey()))
                    .toList();
            if (leftOut.isEmpty()) {
                problems.addAll(checkValues(
                        composition, schema, settings, defaults, preset.values(), preset.source(), "values"));
                continue;
            }
            List<String> ids = leftOut.stream().map(b -> "'" + b.id() + "'").toList();
            problems.add(new Problem(
                    preset.source(),
                    "values." + leftOut.get(0).valuesKey(),
                    "preset '"
                            + preset.name() + "' needs the block" + (ids.size() > 1 ? "s " : " ")
                            + String.join(", ", ids)
                            + " (it sets "
                            + String.join(
                                    ", ",
                                    leftOut.stream()
                                            .map(b -> "`" + b.valuesKey() + "`")
                                            .toList())
                            + "), which this generate leaves out of " + composition.chartName() + " (--include-block/"
                            + "--exclude-block, or the block does not support "
                            + composition.profile().line().id()
                            + "); include " + String.join(", ", ids)
                            + ", or leave the preset out by naming the presets you "
                            + "want with --preset"));
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
    private final Map<Map<String, Object>, SchemaValidator> validators =
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Map<String, Object>, SchemaValidator> eldest) {
                    return size() > 8;
                }
            };

    private static List<Problem> checkValues(
            Composition composition,
            SchemaValidator schema,
            SparkSettings settings,
            Map<String, Object> defaults,
            Map<String, Object> values,
            String source,
            String prefix) {
        List<Problem> problems = new ArrayList<>(schema.validate(values, source, prefix));
        if (problems.isEmpty()) {
            Map<String, Object> merged = Values.merge(defaults, values);
            problems.addAll(schema.validate(merged, source, prefix).stream()
                    .filter(p -> !problems.contains(p))
                    .toList());
            List<Problem> ruled = new ArrayList<>(Rules.check(composition.rules(), merged, source));
            ruled.addAll(RenderRules.check(RenderRules.of(composition), merged, source));
            for (Problem p : ruled) {
                problems.add(
                        new Problem(p.source(), prefix.isEmpty() ? p.path() : prefix + "." + p.path(), p.message()));
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
        Map<String, Object> values = InputFiles.readMapping(valuesFile, source);
        return checker(line, catalog).check(values, source);
    }

    /**
     * A checker of values for a line's chart, composed once: schema, composition rules and the rules the
     * chart's templates enforce, the verdict {@code helm install} gives; run-time advisories go to the
     * listener as warnings.
     */
    public ValuesChecker checker(SparkLine line, Path catalog) {
        Composition composition = composeCatalogChart(line, catalog);
        SchemaValidator schema = structureValidator(composition);
        Map<String, Object> defaults = Values.defaults(composition.model());
        SparkSettings settings = SparkSettingsCheck.settings(line, List.of(catalog));
        return (values, source) -> {
            List<Problem> problems = checkValues(composition, schema, settings, defaults, values, source, "");
            if (problems.isEmpty()) {
                for (Problem advice : Advisories.of(composition, Values.merge(defaults, values), values, source)) {
                    listener.warn(advice.toString());
                }
            }
            return problems;
        };
    }

    /** Checks values files for one chart (see {@link #checker}). */
    @FunctionalInterface
    public interface ValuesChecker {
        /**
         * Every problem of the values (as a user's values file: merged over the chart's defaults).
         *
         * @param values the values
         * @param source how problems name them
         */
        List<Problem> check(Map<String, Object> values, String source);
    }

    /**
     * The line of a chart argument: a line ({@code 4.1}), a chart name ({@code spark-4.1}), or the folder of a
     * generated chart, which must exist and hold a {@code Chart.yaml} naming a line's chart.
     *
     * @throws InvalidInputException when a path is given that is not a generated chart folder
     * @throws IllegalArgumentException when the text is neither a path nor a line (a usage error)
     */
    public static SparkLine chartLine(String chart) {
        Path path = Path.of(chart);
        boolean looksLikePath = chart.contains("/") || chart.contains(java.io.File.separator) || Files.exists(path);
        if (!looksLikePath) {
            return SparkLine.parse(chart);
        }
        Path chartYaml = path.resolve("Chart.yaml");
        if (!Files.isDirectory(path) || !Files.isRegularFile(chartYaml)) {
            String what = !Files.exists(path)
                    ? "no such folder (looked for " + path.toAbsolutePath().normalize() + ")"
                    : Files.isDirectory(path)
                            ? "not a chart folder (it has no Chart.yaml)"
                            : "a file, not a chart folder";
            throw new InvalidInputException(List.of(new Problem(
                    chart,
                    "",
                    what + "; pass a generated chart folder "
                            + "such as generated-charts/spark-4.1, or a line: "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(SparkLine.values())
                                            .map(SparkLine::id)
                                            .toList()))));
        }
        Object name = InputFiles.readMapping(chartYaml, chartYaml.toString()).get("name");
        try {
            return SparkLine.parse(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    List.of(new Problem(
                            chartYaml.toString(),
                            "name",
                            "'" + name + "' is not "
                                    + "a chart spark-k8s generates ("
                                    + String.join(
                                            ", ",
                                            java.util.Arrays.stream(SparkLine.values())
                                                    .map(SparkLine::chartName)
                                                    .toList())
                                    + "); pass one of those folders or a line")),
                    e);
        }
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
            List<String> under = composition.model().entries().stream()
                    .map(ChartModel.Entry::path)
                    .filter(p -> p.startsWith(key + "."))
                    .toList();
            if (!under.isEmpty()) {
                return new Explanation(key, null, "chart", under);
            }
            List<String> known = composition.model().entries().stream()
                    .map(ChartModel.Entry::path)
                    .toList();
            String hint = Suggestions.closest(key, known)
                    .map(s -> "did you mean '" + s + "'? ")
                    .orElse("");
            throw new InvalidInputException(List.of(new Problem(
                    line.chartName(),
                    key,
                    "no such key; " + hint
                            + "top-level keys: "
                            + String.join(
                                    ", ",
                                    composition.model().sections().keySet().stream()
                                            .sorted()
                                            .toList()))));
        }
        return new Explanation(key, entry.get().value(), entry.get().owner(), List.of());
    }

    /** The chart the catalog generates for a line, without its presets. */
    private Composition composeCatalogChart(SparkLine line, Path catalog) {
        return new Composer(registry, profiles)
                .compose(
                        line,
                        GenerationRequest.forCatalog(catalog)
                                .lines(Set.of(line))
                                .build(),
                        List.of());
    }

    /**
     * What {@code explain} found.
     *
     * @param key the key asked for
     * @param value the declaration, or null when the key is a group
     * @param owner the block id, or {@code chart}
     * @param children the keys below a group
     */
    public record Explanation(String key, Value value, String owner, List<String> children) {}
}
