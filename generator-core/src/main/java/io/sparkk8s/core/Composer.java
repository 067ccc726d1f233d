package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Suggestions;
import io.sparkk8s.api.UnknownBlockException;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Stage 3: resolves the blocks of a line, their requirements, wiring and rules into a {@link Composition}. */
final class Composer {

    private static final Pattern ENDPOINT_ID = Pattern.compile("[a-z][a-zA-Z0-9]*");

    private final BlockRegistry registry;
    private final SparkProfiles profiles;

    Composer(BlockRegistry registry, SparkProfiles profiles) {
        this.registry = registry;
        this.profiles = profiles;
    }

    Composition compose(SparkLine line, GenerationRequest request, List<Preset> presets) {
        SparkProfile profile = profiles.of(line);
        List<Block> blocks = select(line, request);
        List<Rule> rules = new ArrayList<>(chartRules(blocks));
        rules.add(sparkMinorRule(profile));
        Map<String, Endpoint> endpoints = new TreeMap<>();
        for (Block block : blocks) {
            rules.addAll(requirementRules(block, blocks));
            rules.addAll(block.rules());
            for (Endpoint endpoint : block.endpoints()) {
                if (!ENDPOINT_ID.matcher(endpoint.id()).matches()) {
                    throw new UnknownBlockException(
                            UnknownBlockException.Reason.INVALID_BLOCK,
                            block.id(),
                            "endpoint id '" + endpoint.id() + "' of block " + block.id()
                                    + " must be camelCase (it becomes the ingress.hosts key)",
                            registry.ids());
                }
                if (endpoints.put(endpoint.id(), endpoint) != null) {
                    throw new UnknownBlockException(
                            UnknownBlockException.Reason.INVALID_BLOCK,
                            block.id(),
                            "endpoint id '" + endpoint.id() + "' is declared twice",
                            registry.ids());
                }
            }
        }
        List<Composition.Part> parts = new ArrayList<>();
        // default overrides (--set, <overrides>) of the chart's own sections and of the blocks; what is left over
        // names no value
        Map<String, String> overrides = new TreeMap<>(request.overrides());
        ChartModel.Builder model = new ChartModel.Builder()
                .section(
                        "global",
                        "Settings shared by every block (Helm passes them to subcharts too).",
                        overridden("global", ChartValues.global(profile), overrides),
                        "chart");
        List<Endpoint> uis = endpoints.values().stream().filter(Endpoint::ui).toList();
        if (!uis.isEmpty()) {
            model.section(
                    "ingress",
                    "One Ingress routing to the enabled web UIs.",
                    overridden("ingress", ChartValues.ingress(uis), overrides),
                    "chart");
        }
        model.section(
                "networkPolicy",
                "One NetworkPolicy for the release's pods.",
                overridden("networkPolicy", ChartValues.networkPolicy(profile), overrides),
                "chart");
        model.section(
                "teamNamespace",
                "A ResourceQuota and LimitRange for the release's namespace.",
                overridden("teamNamespace", NamespaceValues.values(), overrides),
                "chart");
        rules.addAll(NamespaceValues.rules());
        if (blocks.stream().anyMatch(Block::runsSpark)) {
            model.section(
                    "monitoring",
                    "Prometheus metrics of the Spark processes.",
                    overridden("monitoring", ChartValues.monitoring(), overrides),
                    "chart");
            rules.addAll(ObservabilityValues.rules());
            model.section(
                    "logging",
                    "Log lines of the Spark processes.",
                    overridden("logging", ObservabilityValues.logging(), overrides),
                    "chart");
            rules.addAll(ObservabilityValues.loggingRules(profile));
            rules.addAll(LogShippingValues.rules(blocks));
            rules.addAll(JmxExporterValues.rules());
        }
        for (Block block : blocks) {
            ValuesModel values = applyOverrides(block, block.values(profile).on(line), overrides);
            if (values.find("enabled").isEmpty()) {
                throw new UnknownBlockException(
                        UnknownBlockException.Reason.INVALID_BLOCK,
                        block.id(),
                        "block " + block.id() + " declares no 'enabled' value",
                        registry.ids());
            }
            parts.add(new Composition.Part(block, values));
            rules.addAll(sparkMinorRules(block, values, profile));
            model.section(block.valuesKey(), block.description(), values.values(), block.id());
        }
        ChartModel built = model.build();
        List<Problem> unknown = new ArrayList<>();
        for (String path : overrides.keySet()) {
            List<String> known =
                    built.entries().stream().map(ChartModel.Entry::path).toList();
            String hint = Suggestions.closest(path, known)
                    .map(s -> "did you mean '" + s + "'? ")
                    .orElse("");
            unknown.add(Problem.override(
                    path,
                    "no value of chart " + line.chartName() + " has this path; " + hint
                            + "see `spark-k8s explain` for the known paths"));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
        List<Preset> applicable =
                presets.stream().filter(p -> p.lines().contains(line)).toList();
        return new Composition(profile, request.layoutOf(line), parts, endpoints, rules, applicable, built);
    }

    private List<Block> select(SparkLine line, GenerationRequest request) {
        for (String id : request.includeBlocks()) {
            registry.get(id);
        }
        for (String id : request.excludeBlocks()) {
            registry.get(id);
        }
        List<Block> blocks = new ArrayList<>();
        for (Block block : registry.all()) {
            boolean wanted =
                    request.includeBlocks().isEmpty() || request.includeBlocks().contains(block.id());
            if (wanted
                    && !request.excludeBlocks().contains(block.id())
                    && block.lines().contains(line)) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private List<Rule> requirementRules(Block block, List<Block> blocks) {
        List<Rule> rules = new ArrayList<>();
        for (Requirement requirement : block.requires()) {
            List<Block> providers = blocks.stream()
                    .filter(b -> b.provides().contains(requirement.capability()))
                    .toList();
            String external = requirement.externalValue().isEmpty()
                    ? ""
                    : requirement.externalValue().startsWith("global.")
                            ? requirement.externalValue()
                            : block.valuesKey() + "." + requirement.externalValue();
            if (providers.isEmpty() && external.isEmpty()) {
                Set<String> candidates = new TreeSet<>();
                registry.all().stream()
                        .filter(b -> b.provides().contains(requirement.capability()))
                        .forEach(b -> candidates.add(b.id()));
                throw new UnknownBlockException(
                        UnknownBlockException.Reason.MISSING_PROVIDER,
                        block.id(),
                        "block " + block.id() + " requires '" + requirement.capability()
                                + "' (" + requirement.why() + ") but no block of the chart provides it; include one of "
                                + (candidates.isEmpty() ? "(none known)" : String.join(", ", candidates)),
                        registry.ids());
            }
            List<Condition> premises = new ArrayList<>();
            premises.add(Condition.enabled(block.valuesKey()));
            if (requirement.onlyWhen() != null) {
                premises.add(requirement.onlyWhen());
            }
            if (!external.isEmpty()) {
                premises.add(Condition.not(Condition.present(external)));
            }
            Condition when = premises.size() == 1 ? premises.get(0) : new Condition.All(premises);
            List<Condition> options = providers.stream()
                    .map(p -> Condition.enabled(p.valuesKey()))
                    .toList();
            Condition then = options.isEmpty()
                    ? Condition.present(external)
                    : options.size() == 1 ? options.get(0) : new Condition.Any(options);
            String enable = providers.stream()
                    .map(p -> "{" + p.valuesKey() + ".enabled}=true")
                    .reduce((a, b) -> a + " or " + b)
                    .map(e -> "set " + e)
                    .orElse("");
            String fix = external.isEmpty()
                    ? enable
                    : enable.isEmpty()
                            ? "set {" + external + "} to the external endpoint"
                            : enable + ", or set {" + external + "} to an external endpoint";
            rules.add(new Rule(
                    block.id() + "-needs-" + requirement.capability(),
                    when,
                    then,
                    block.valuesKey() + " needs " + requirement.capability() + " (" + requirement.why() + "): " + fix));
        }
        return rules;
    }

    private static List<Rule> chartRules(List<Block> blocks) {
        if (blocks.stream().noneMatch(Composer::usesS3)) {
            return List.of();
        }
        return List.of(new Rule(
                "s3-credentials-for-external-endpoint",
                Condition.all(
                        Condition.present("global.s3.endpoint"),
                        Condition.not(Condition.present("global.s3.existingSecret"))),
                Condition.all(Condition.present("global.s3.accessKey"), Condition.present("global.s3.secretKey")),
                "an external {global.s3.endpoint} needs credentials: set {global.s3.existingSecret}, or both "
                        + "{global.s3.accessKey} and {global.s3.secretKey}"));
    }

    /** A tag that starts with a Spark version (apache/spark tags, and the images built from them). */
    private static final String SPARK_VERSION_TAG = "^[0-9]+\\.[0-9]+\\.";
    /** A pyspark-notebook tag (docker-stacks names its Spark images spark-<version>). */
    private static final String CLIENT_VERSION_TAG = "^spark-[0-9]+\\.[0-9]+\\.";

    private static String minor(SparkProfile profile) {
        return profile.line().id().replace(".", "\\.") + "\\.";
    }

    /**
     * The release's one Spark version ({@code global.spark.image.tag}) must be of the chart's line: the chart's
     * settings, jars and clients are made for that minor.
     */
    private static Rule sparkMinorRule(SparkProfile profile) {
        String line = profile.line().id();
        return new Rule(
                "spark-minor-of-the-line",
                Condition.matches("global.spark.image.tag", SPARK_VERSION_TAG),
                Condition.matches("global.spark.image.tag", "^" + minor(profile)),
                "global.spark.image.tag must be a Spark " + line + ".x image: this chart (its settings, jars and "
                        + "Spark clients) is made for Spark " + line
                        + "; for another minor use the chart of that line");
    }

    /**
     * A block's own image must not take its Spark process, or its Spark Connect client, to another minor than the
     * release: Spark processes of one release exchange data between versions only within a minor, and a Spark
     * Connect client must share the server's minor (docs/facts.md). Spark blocks are those that run Spark; a
     * client is a block whose default image is the line's Jupyter image (pyspark-notebook, tags spark-X.Y.Z).
     * Tags that carry no version (a custom image) are not judged.
     */
    private static List<Rule> sparkMinorRules(Block block, ValuesModel values, SparkProfile profile) {
        String key = block.valuesKey();
        String line = profile.line().id();
        if (block.runsSpark() && values.find("image.tag").isPresent()) {
            return List.of(new Rule(
                    block.id() + "-spark-minor",
                    Condition.all(Condition.enabled(key), Condition.matches(key + ".image.tag", SPARK_VERSION_TAG)),
                    Condition.matches(key + ".image.tag", "^" + minor(profile)),
                    key + ".image.tag runs another Spark minor than the release (Spark " + line + "): the Spark "
                            + "processes and clients of one release must share the minor; set a " + line
                            + ".x tag, or leave " + key + ".image.tag empty to follow global.spark.image.tag"));
        }
        boolean client = values.find("image.repository")
                .map(v -> profile.jupyterImage().repository().equals(v.defaultValue()))
                .orElse(false);
        if (client) {
            return List.of(new Rule(
                    block.id() + "-client-spark-minor",
                    Condition.all(Condition.enabled(key), Condition.matches(key + ".image.tag", CLIENT_VERSION_TAG)),
                    Condition.matches(key + ".image.tag", "^spark-" + minor(profile)),
                    key + ".image.tag carries a Spark Connect client of another minor than the release (Spark "
                            + line + "): a client and the Connect server must share the minor; use a spark-"
                            + line + ".x tag"));
        }
        return List.of();
    }

    /** True when a block reads or serves S3, and so needs the shared S3 settings and Secret. */
    static boolean usesS3(Block block) {
        return block.usesS3()
                || block.s3Endpoint().isPresent()
                || block.requires().stream().anyMatch(r -> r.capability().equals(Block.S3));
    }

    private static ValuesModel applyOverrides(Block block, ValuesModel model, Map<String, String> overrides) {
        ValuesModel.Builder out = ValuesModel.builder().images(model.images());
        overridden(block.valuesKey(), model.values(), overrides).forEach(out::add);
        return out.build();
    }

    /**
     * The values of one section ({@code key}: a block's values key or a chart section such as {@code global}) with
     * the default overrides of their paths applied; each applied override is removed from {@code overrides}.
     */
    private static List<Value> overridden(String key, List<Value> values, Map<String, String> overrides) {
        List<Value> out = new ArrayList<>();
        for (Value value : values) {
            String path = key + "." + value.path();
            String text = overrides.remove(path);
            if (text == null) {
                out.add(value);
                continue;
            }
            Object parsed;
            try {
                parsed = Yaml.load(text, "override " + path);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(
                        e.problems().stream()
                                .map(p -> p.withOrigin(Problem.Origin.OVERRIDE))
                                .toList(),
                        e);
            }
            Object def = parsed == null ? value.defaultValue() : parsed;
            if (def instanceof Integer i) {
                def = i.longValue();
            }
            out.add(new Value(
                    value.path(),
                    value.type(),
                    def,
                    value.description(),
                    value.allowed(),
                    value.minimum(),
                    value.maximum(),
                    value.pattern(),
                    value.lines(),
                    value.examples(),
                    value.sparkConf(),
                    value.format(),
                    value.entry(),
                    value.maxLength()));
        }
        return List.copyOf(out);
    }
}
