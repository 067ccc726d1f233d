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
import io.sparkk8s.api.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The entry point of the generator: one pipeline, read in {@link #generate(GenerationRequest)} from top to bottom:
 * load the presets → compose each line → build its schema once → validate → render (the toggle or the subchart
 * renderer) → cross-check the templates against the values model; {@link ChartOutput} writes.
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
    private final Validation validation;
    private final TemplateEngine engine;

    private Generator(BlockRegistry registry, GenerationListener listener) {
        this.registry = registry;
        this.profiles = SparkProfiles.builtIn();
        this.listener = listener;
        this.validation = new Validation(registry);
        this.engine = new TemplateEngine(registry.all());
    }

    private Generator(Generator shared, GenerationListener listener) {
        this.registry = shared.registry;
        this.profiles = shared.profiles;
        this.listener = listener;
        this.validation = shared.validation;
        this.engine = shared.engine;
    }

    /**
     * The same blocks, template engine, profiles and compiled schemas, reporting to another listener: a front end
     * can discover the generator on a second core while it parses its command line, then attach its listener.
     */
    public Generator reportingTo(GenerationListener listener) {
        return new Generator(this, java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Does the start-up work every generate begins with (reading and compiling the schema preset files are checked
     * against, which loads the schema validator), so that a front end can run it on another thread while it starts.
     * Returns this generator.
     */
    public Generator prepare() {
        PresetCatalog.prepare();
        return this;
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
        // The lines share nothing mutable, so each chart is generated on its own thread (the catalog's two charts
        // on the two cores of a build machine); results, reports and the first failure come back in line order.
        List<CompletableFuture<LineChart>> pending = new ArrayList<>();
        for (SparkLine line : lines) {
            pending.add(
                    lines.size() == 1
                            ? CompletableFuture.completedFuture(chart(composer, line, request, presets))
                            : CompletableFuture.supplyAsync(
                                    () -> chart(composer, line, request, presets), LINE_THREADS));
        }
        List<GeneratedChart> charts = new ArrayList<>();
        for (CompletableFuture<LineChart> line : pending) {
            LineChart chart = join(line);
            listener.info(chart.report());
            charts.add(chart.chart());
        }
        return new GenerationResult(charts);
    }

    /** A line's chart and the line reporting it. */
    private record LineChart(GeneratedChart chart, String report) {}

    /** One line's chart: compose, schema, validate, render, cross-check. */
    private LineChart chart(Composer composer, SparkLine line, GenerationRequest request, List<Preset> presets) {
        Composition composition = composer.compose(line, request, presets);
        ChartSchema schema = ChartSchema.of(composition);
        validation.check(
                composition,
                schema,
                request.overrides().keySet(),
                SparkSettingsCheck.settings(line, request.catalogs()));
        ChartRenderer.Rendered rendered =
                ChartRenderer.of(composition.layout(), engine).render(composition, schema);
        CrossCheck.check(composition.chartName(), composition.model(), rendered.sources());
        GeneratedChart chart = rendered.chart();
        return new LineChart(
                chart,
                "rendered " + chart.name() + " (" + composition.layout().name().toLowerCase() + " layout, "
                        + composition.blocks().size() + " blocks, "
                        + composition.presets().size() + " presets, "
                        + chart.files().size() + " files)");
    }

    /** The chart of a line's thread, or that thread's failure as it was thrown. */
    private static LineChart join(CompletableFuture<LineChart> chart) {
        try {
            return chart.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Daemon threads for the lines beyond the caller's; they end with the JVM and never hold it open. */
    private static final Executor LINE_THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "spark-k8s-line");
        thread.setDaemon(true);
        return thread;
    });

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

    /**
     * Generates and writes in one call; an output that cannot be used is refused before any chart is generated
     * ({@link ChartOutput#check()}).
     */
    public GenerationResult generate(GenerationRequest request, ChartOutput output) {
        output.check();
        GenerationResult result = generate(request);
        output.write(result);
        return result;
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
        return checker(composeCatalogChart(line, catalog), line, catalog);
    }

    private ValuesChecker checker(Composition composition, SparkLine line, Path catalog) {
        SchemaValidator schema = validation.validator(ChartSchema.of(composition));
        Map<String, Object> defaults = Values.defaults(composition.model());
        SparkSettings settings = SparkSettingsCheck.settings(line, List.of(catalog));
        return (values, source) -> {
            List<Problem> problems =
                    Validation.checkValues(composition, schema, settings, defaults, values, source, "");
            if (problems.isEmpty()) {
                for (Problem advice : Advisories.of(composition, Values.merge(defaults, values), source)) {
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
     * Explains what a user asks about on a line's chart: a values key (type, default, description, allowed values,
     * block), a group of keys, an entry of a map value ({@code jupyter.env.X}: the map), a Spark property
     * ({@code spark.eventLog.dir}: the keys that set it) or a name of the DataOps guide
     * ({@code spark-base.minio.enabled} is {@code minio.enabled}; {@code airflow.sparkConnect.url} is computed).
     *
     * @throws InvalidInputException with a "did you mean" when nothing matches
     */
    public Explanation explain(String key, SparkLine line, Path catalog) {
        Composition composition = composeCatalogChart(line, catalog);
        return new KeyFinder(composition, SparkSettingsCheck.settings(line, List.of(catalog))).find(key);
    }

    /**
     * The values Helm would use for a line's chart: its defaults, then each layer in order (presets of the
     * catalogs, values files, {@code --set} overrides), coalesced the way Helm coalesces {@code -f} files (later
     * layers win, maps merge, lists are replaced, null removes a key). The layers are checked as {@code validate}
     * checks a values file; each problem names the layer that set the key.
     *
     * @param line the chart's line
     * @param catalogs the catalog folders the presets are looked up in (the first also gives the Spark settings)
     * @param presets preset names, applied first, in order
     * @param files values files, applied next, in order
     * @param sets {@code path=value} overrides (value in YAML), applied last
     * @throws InvalidInputException naming the file (or {@code --set}), key path, bad value and fix
     */
    public LayeredValues values(
            SparkLine line, List<Path> catalogs, List<String> presets, List<Path> files, Map<String, String> sets) {
        return values(line, catalogs, layers(line, catalogs, presets, files, sets));
    }

    /**
     * Reads the layers of {@link #values}: the presets (which must apply to the line), the values files and the
     * {@code --set} overrides, in that order.
     *
     * @throws InvalidInputException for an unknown preset, an unreadable file or a {@code --set} without a path
     */
    public List<LayeredValues.Layer> layers(
            SparkLine line, List<Path> catalogs, List<String> presets, List<Path> files, Map<String, String> sets) {
        List<LayeredValues.Layer> layers = new ArrayList<>();
        PresetCatalog catalog = PresetCatalog.load(catalogs);
        for (Preset preset : presets.isEmpty() ? List.<Preset>of() : catalog.select(presets)) {
            if (!preset.lines().contains(line)) {
                throw new InvalidInputException(List.of(new Problem(
                        preset.source(),
                        "lines",
                        "preset '"
                                + preset.name() + "' applies to "
                                + String.join(
                                        ", ",
                                        preset.lines().stream()
                                                .map(SparkLine::id)
                                                .sorted()
                                                .toList()) + ", not " + line.id() + "; pick --chart "
                                + preset.lines().stream()
                                        .map(SparkLine::id)
                                        .sorted()
                                        .findFirst()
                                        .orElse("") + " or another preset")));
            }
            layers.add(new LayeredValues.Layer(preset.source(), preset.values()));
        }
        List<Problem> unreadable = new ArrayList<>();
        for (Path file : files) {
            try {
                layers.add(new LayeredValues.Layer(file.toString(), InputFiles.readMapping(file, file.toString())));
            } catch (InvalidInputException e) {
                unreadable.addAll(e.problems());
            }
        }
        Map<String, Object> set = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String path = e.getKey().strip();
            if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                unreadable.add(new Problem(
                        "--set",
                        e.getKey(),
                        "'" + e.getKey() + "=" + e.getValue() + "' has no key "
                                + "path; write --set <path>=<value>, e.g. --set connect.replicas=2"));
                continue;
            }
            Values.put(set, path, Yaml.load(e.getValue(), "--set " + path));
        }
        if (!unreadable.isEmpty()) {
            throw new InvalidInputException(unreadable);
        }
        if (!set.isEmpty()) {
            layers.add(new LayeredValues.Layer("--set", set));
        }
        return layers;
    }

    /**
     * The values Helm would use for a line's chart with the given layers over its defaults (see
     * {@link #values(SparkLine, List, List, List, Map)}).
     *
     * @throws InvalidInputException naming the layer, key path, bad value and fix of every problem
     */
    public LayeredValues values(SparkLine line, List<Path> catalogs, List<LayeredValues.Layer> layers) {
        Map<String, Object> overlay = LayeredValues.overlay(layers);
        String label = layers.isEmpty()
                ? line.chartName() + " defaults"
                : String.join(
                        " + ", layers.stream().map(LayeredValues.Layer::source).toList());
        List<Problem> problems = new ArrayList<>();
        // A null removes a key (Helm's "deleting a default key"); the checks see the values without it.
        Composition composition = composeCatalogChart(line, catalogs.get(0));
        for (Problem p : checker(composition, line, catalogs.get(0)).check(Values.withoutNulls(overlay), label)) {
            problems.add(new Problem(LayeredValues.sourceOf(layers, p.path(), label), p.path(), p.message(), p.kind()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new LayeredValues(line, layers, overlay, Values.merge(Values.defaults(composition.model()), overlay));
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
     * @param asked what the user asked about
     * @param found how it was found
     * @param key the values key it resolved to (the map, for a map entry); empty for a Spark property or a
     *     guide name that is no key here
     * @param value the declaration of {@code key}, or null for a group, Spark property or computed guide name
     * @param owner the block id of {@code key}, or {@code chart}
     * @param children the keys below a group
     * @param setters the keys that set a Spark property, or take the place of a guide name
     * @param note how the key was reached, and what the generator computes for it
     */
    public record Explanation(
            String asked,
            Found found,
            String key,
            Value value,
            String owner,
            List<String> children,
            List<Setter> setters,
            String note) {

        public Explanation {
            children = List.copyOf(children);
            setters = List.copyOf(setters);
        }

        /** How {@code explain} found the key. */
        public enum Found {
            /** A values key. */
            KEY,
            /** A group of keys. */
            GROUP,
            /** An entry of a map value. */
            MAP_ENTRY,
            /** A Spark property: the keys that set it. */
            SPARK_PROPERTY,
            /** A name of the DataOps guide. */
            GUIDE_NAME
        }

        /**
         * One key that sets what was asked about.
         *
         * @param key the values key, or {@code (computed)}
         * @param owner its block id
         * @param how how it sets it
         */
        public record Setter(String key, String owner, String how) {}
    }
}
