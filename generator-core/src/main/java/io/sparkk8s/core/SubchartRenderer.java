package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.BlockTemplateContext.EndpointView;
import io.sparkk8s.api.Json;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The subchart layout (Spark 3.5): an umbrella whose {@code charts/<id>/} holds one subchart per block, each with
 * its own Chart.yaml, values, schema (the block's values at the root, local rules with keys said as the subchart
 * spells them), helpers, NOTES and, installed alone, its own S3 Secret, wiring and rule checks.
 */
final class SubchartRenderer extends ChartRenderer {

    SubchartRenderer(TemplateEngine engine) {
        super(engine);
    }

    @Override
    String chartYaml(Composition c) {
        return ChartFiles.chartYaml(c, c.blocks());
    }

    @Override
    Map<String, Object> chartSchema(Composition c, Map<String, Object> schema) {
        declareInjectedGlobal(schema, c.blocks());
        return schema;
    }

    @Override
    void renderBlock(
            Composition c,
            Composition.Part part,
            String helpers,
            SortedMap<String, String> files,
            List<CrossCheck.Source> sources) {
        Block block = part.block();
        String chart = c.chartName();
        String dir = "charts/" + block.id() + "/";
        Function<String, String> toAbsolute = p -> p.startsWith("global.") ? p : block.valuesKey() + "." + p;
        ChartModel sub = subchartModel(c, part);
        files.put(dir + "Chart.yaml", ChartFiles.subchartYaml(c, block));
        ValuesTexts texts = SUBCHART_TEXTS.get(
                new SubchartTexts(sub, block.id(), localRules(c.rules(), block), block.valuesKey(), chart),
                key -> new ValuesTexts(
                        ValuesYaml.write(
                                key.model(),
                                valuesHeader(key.blockId())
                                        + "\nInstalled as a subchart of " + key.chartName()
                                        + ", these values live under `" + key.valuesKey() + ":`."),
                        Json.write(ValuesSchema.build(
                                key.model(),
                                key.blockId() + " values",
                                key.rules(),
                                Rules.installedAloneKey(key.valuesKey(), key.chartName())))));
        files.put(dir + "values.yaml", texts.values());
        files.put(dir + "values.schema.json", texts.schema());
        files.put(dir + ".helmignore", ChartFiles.helmignore());
        Map<String, String> rendered = new TreeMap<>(subchartRootTemplates(c, part, helpers));
        rendered.putAll(blockTemplates(c, part, ".Values"));
        rendered.forEach((name, text) -> {
            String out = dir + "templates/" + name;
            files.put(out, text);
            sources.add(new CrossCheck.Source(chart + "/" + out, text, toAbsolute));
        });
    }

    /** What a subchart's values.yaml and values.schema.json are functions of. */
    private record SubchartTexts(
            ChartModel model, String blockId, List<Rule> rules, String valuesKey, String chartName) {}

    /** The values texts of recent subcharts (issue 18, warm generation; see {@link Memo}). */
    private static final Memo<SubchartTexts, ValuesTexts> SUBCHART_TEXTS = new Memo<>(1024);

    /** Helm copies {@code global} into each subchart's values; the umbrella's schema must accept it there. */
    @SuppressWarnings("unchecked")
    private static void declareInjectedGlobal(Map<String, Object> schema, List<Composition.Part> blocks) {
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        for (Composition.Part part : blocks) {
            Map<String, Object> block =
                    (Map<String, Object>) properties.get(part.block().valuesKey());
            ((Map<String, Object>) block.get("properties"))
                    .put(
                            "global",
                            ValuesSchema.ordered(
                                    "type",
                                    "object",
                                    "description",
                                    "Set by Helm: a copy of the umbrella's global values. Set global values at the top level.",
                                    "default",
                                    Map.of()));
        }
    }

    /** The helpers, NOTES, S3 Secret (when installed alone) and local rules of one subchart. */
    private Map<String, String> subchartRootTemplates(Composition c, Composition.Part part, String helpers) {
        Block block = part.block();
        String key = block.valuesKey() + ".";
        Function<String, String> local = p -> p.startsWith("global.")
                ? ".Values." + p
                : p.startsWith(key) ? ".Values." + p.substring(key.length()) : null;
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule rule : c.rules()) {
            String broken = Rules.broken(rule, local, "(include \"sparkk8s.isRoot\" .)");
            if (mentions(rule, key) && !broken.equals(Rules.FALSE)) {
                // installed alone, the block's keys have no "<key>." prefix, and other blocks' keys belong to the
                // umbrella: each key is said as this chart's values file spells it
                rules.add(ruleMap(
                        broken,
                        rule.message().render(Rules.installedAloneKey(block.valuesKey(), c.chartName())) + " (this "
                                + block.id()
                                + " subchart is installed alone: its own keys have no " + key + " prefix) [rule "
                                + rule.id() + "]"));
            }
        }
        // installed alone, a subchart knows of no bundled S3 store: S3 is used when global.s3.endpoint is set
        RootTemplateContext root = new RootTemplateContext(
                layoutName(c),
                c.profile(),
                blockIds(c),
                block.id(),
                false,
                block.endpoints().stream()
                        .map(e -> new RootTemplateContext.RootEndpoint("", EndpointView.of(e, ".Values")))
                        .toList(),
                List.of(),
                List.of(),
                "(include \"sparkk8s.isRoot\" .)",
                ".Values.global.s3.endpoint",
                rules,
                List.of());
        Map<String, Object> context = TemplateVariables.of(root);
        Map<String, String> out = new TreeMap<>();
        out.put("_helpers.tpl", helpers);
        out.put("NOTES.txt", Documents.notes(NotesView.of(root, List.of(), List.of())));
        // A subchart cannot read its siblings' values, but Helm leaves a disabled subchart out before it parses any
        // template, and parses deeper template files first, so a later definition of the same name wins: each
        // wiring input says "I am enabled" in templates/_present.tpl, each Spark subchart says "absent" for every
        // input one folder deeper. The Spark pods hash what they see (pod-metadata.peb) and roll when it changes.
        List<String> inputs = wiringInputs(c);
        if (inputs.contains(block.valuesKey())) {
            out.put(
                    "_present.tpl",
                    "{{- /* " + GENERATED + " This block is enabled: read by the Spark subcharts' "
                            + "checksum/wiring */}}\n{{- define \"sparkk8s.present." + block.valuesKey()
                            + "\" -}}true{{- end -}}\n");
        }
        if (block.runsSpark() && !inputs.isEmpty()) {
            StringBuilder absent = new StringBuilder("{{- /* " + GENERATED + " The blocks that change the Spark "
                    + "wiring, absent unless their subchart is enabled (its templates/_present.tpl is parsed after "
                    + "this deeper file and wins) */}}\n");
            for (String input : inputs) {
                absent.append("{{- define \"sparkk8s.present.").append(input).append("\" -}}{{- end -}}\n");
            }
            out.put("wiring/_absent.tpl", absent.toString());
        }
        if (Composer.usesS3(block)) {
            out.put("s3-secret.yaml", engine.render("root/s3-secret.yaml", context));
        }
        if (block.runsSpark()) {
            out.put("_spark-pods.tpl", engine.render("root/_spark-pods.tpl", context));
            // installed alone, the subchart brings its own wiring (the S3A jars and settings)
            out.put("spark-wiring.yaml", engine.render("root/spark-wiring.yaml", context));
            out.put("log-shipper.yaml", engine.render("root/log-shipper.yaml", context));
            out.put("jmx-exporter.yaml", engine.render("root/jmx-exporter.yaml", context));
        }
        if (!rules.isEmpty()) {
            out.put("validate.yaml", engine.render("root/validate.yaml", context));
        }
        return out;
    }

    private static boolean mentions(Rule rule, String keyPrefix) {
        return Rules.firstPath(rule.when()).startsWith(keyPrefix);
    }

    /** A subchart's model: global plus the block's values at the root. */
    private static ChartModel subchartModel(Composition c, Composition.Part part) {
        // Installed alone, a subchart deploys its block; inside the umbrella, <key>.enabled there decides.
        List<Value> values = part.model().values().stream()
                .map(v -> v.path().equals("enabled")
                        ? Value.bool(
                                "enabled",
                                true,
                                v.description()
                                        + " On by default here, so installing this subchart alone deploys it; the umbrella's "
                                        + part.block().valuesKey() + ".enabled decides when it is a subchart.")
                        : v)
                .toList();
        return new ChartModel.Builder()
                .section(
                        "global",
                        "Settings shared with the other subcharts (set them in the umbrella).",
                        c.model().entries().stream()
                                .filter(e -> e.path().startsWith("global."))
                                .map(ChartModel.Entry::value)
                                .toList(),
                        "chart")
                .section("", part.block().description(), values, part.block().id())
                .build();
    }

    private static List<Rule> localRules(List<Rule> rules, Block block) {
        String key = block.valuesKey() + ".";
        List<Rule> local = new ArrayList<>();
        for (Rule rule : rules) {
            if (onlyLocal(rule, key)) {
                local.add(new Rule(
                        rule.id(),
                        Relativize.condition(rule.when(), key),
                        Relativize.condition(rule.then(), key),
                        rule.message()));
            }
        }
        return local;
    }

    private static boolean onlyLocal(Rule rule, String key) {
        return Relativize.paths(rule.when()).stream().allMatch(p -> p.startsWith(key) || p.startsWith("global."))
                && Relativize.paths(rule.then()).stream().allMatch(p -> p.startsWith(key) || p.startsWith("global."));
    }
}
