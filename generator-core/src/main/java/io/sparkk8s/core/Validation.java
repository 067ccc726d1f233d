package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 3, validate: the chart's defaults (block models plus overrides) and every preset against the chart's
 * schema, the composition rules, the rules only the templates enforce and the Spark settings catalog. Compiled
 * schemas are kept, so repeated generations of the same charts skip the compilation.
 */
final class Validation {

    private final BlockRegistry registry;

    Validation(BlockRegistry registry) {
        this.registry = registry;
    }

    /**
     * Checks the defaults (block models plus overrides), then every preset. A problem at an overridden path
     * is reported against the override; bad defaults are reported alone, since every preset would repeat them.
     */
    void check(Composition composition, ChartSchema chartSchema, Set<String> overridden, SparkSettings settings) {
        SchemaValidator schema = validator(chartSchema);
        Map<String, Object> defaults = Values.defaults(composition.model());
        Map<String, Object> frozenDefaults = Preset.frozen(defaults);
        List<Problem> problems = new ArrayList<>();
        for (Problem p : DEFAULTS_CHECKS.get(
                new SchemaCheckKey(
                        schema,
                        Map.of(),
                        frozenDefaults,
                        composition.chartName() + " defaults (block models and overrides)",
                        ""),
                key -> List.copyOf(key.schema().validate(key.values(), key.source(), key.prefix())))) {
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
        // the rules only the templates enforce depend on the composition alone: derived once, not once per preset
        List<RenderRules.RenderRule> renderRules = RenderRules.of(composition);
        problems.addAll(RenderRules.check(renderRules, defaults, composition.chartName() + " defaults"));
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
                        composition,
                        renderRules,
                        new KeptSchemaChecks(schema, frozenDefaults),
                        settings,
                        defaults,
                        preset.values(),
                        preset.source(),
                        "values"));
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

    /** The compiled validator of a chart's structure schema (see {@link ChartSchema#structure()}). */
    SchemaValidator validator(ChartSchema schema) {
        synchronized (validators) {
            return validators.computeIfAbsent(schema.structure(), SchemaValidator::of);
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

    static List<Problem> checkValues(
            Composition composition,
            SchemaValidator schema,
            SparkSettings settings,
            Map<String, Object> defaults,
            Map<String, Object> values,
            String source,
            String prefix) {
        return checkValues(
                composition, RenderRules.of(composition), schema, settings, defaults, values, source, prefix);
    }

    private static List<Problem> checkValues(
            Composition composition,
            List<RenderRules.RenderRule> renderRules,
            SchemaValidator schema,
            SparkSettings settings,
            Map<String, Object> defaults,
            Map<String, Object> values,
            String source,
            String prefix) {
        return checkValues(
                composition,
                renderRules,
                (v, s, p) -> schemaProblems(schema, defaults, v, s, p),
                settings,
                defaults,
                values,
                source,
                prefix);
    }

    /** The schema's verdict on values as a values file: the values as they are, then merged over the defaults. */
    @FunctionalInterface
    private interface SchemaCheck {
        SchemaVerdict problems(Map<String, Object> values, String source, String prefix);
    }

    /**
     * The schema's problems with values as given and, when there are none, with the values merged over the
     * defaults (those not already found as given).
     */
    private record SchemaVerdict(List<Problem> asGiven, List<Problem> merged) {
        SchemaVerdict {
            asGiven = List.copyOf(asGiven);
            merged = List.copyOf(merged);
        }
    }

    private static SchemaVerdict schemaProblems(
            SchemaValidator schema,
            Map<String, Object> defaults,
            Map<String, Object> values,
            String source,
            String prefix) {
        List<Problem> asGiven = schema.validate(values, source, prefix);
        if (!asGiven.isEmpty()) {
            return new SchemaVerdict(asGiven, List.of());
        }
        Map<String, Object> merged = Values.merge(defaults, values);
        return new SchemaVerdict(
                asGiven,
                schema.validate(merged, source, prefix).stream()
                        .filter(p -> !asGiven.contains(p))
                        .toList());
    }

    /** What the schema's verdict on a preset is a function of: the compiled schema, the defaults, the preset. */
    private record SchemaCheckKey(
            SchemaValidator schema,
            Map<String, Object> defaults,
            Map<String, Object> values,
            String source,
            String prefix) {}

    /**
     * The schema's verdicts on recent presets (issue 18, warm generation: networknt's validation was a third of a
     * warm 3.5 generation). Keyed by value on frozen maps (the preset's own values, a frozen copy of the defaults)
     * and on the compiled validator, which {@link #validator} keeps per schema; see {@link Memo}.
     */
    private static final Memo<SchemaCheckKey, SchemaVerdict> SCHEMA_CHECKS = new Memo<>(64);

    /** The schema's verdicts on recent charts' defaults (the values of a key, with empty defaults). */
    private static final Memo<SchemaCheckKey, List<Problem>> DEFAULTS_CHECKS = new Memo<>(8);

    /** The schema check of the presets: a preset's values are frozen ({@link Preset}), so they can be a key. */
    private record KeptSchemaChecks(SchemaValidator schema, Map<String, Object> frozenDefaults) implements SchemaCheck {
        @Override
        public SchemaVerdict problems(Map<String, Object> values, String source, String prefix) {
            return SCHEMA_CHECKS.get(
                    new SchemaCheckKey(schema, frozenDefaults, values, source, prefix),
                    key -> schemaProblems(key.schema(), key.defaults(), key.values(), key.source(), key.prefix()));
        }
    }

    private static List<Problem> checkValues(
            Composition composition,
            List<RenderRules.RenderRule> renderRules,
            SchemaCheck schema,
            SparkSettings settings,
            Map<String, Object> defaults,
            Map<String, Object> values,
            String source,
            String prefix) {
        SchemaVerdict verdict = schema.problems(values, source, prefix);
        List<Problem> problems = new ArrayList<>(verdict.asGiven());
        if (problems.isEmpty()) {
            problems.addAll(verdict.merged());
            Map<String, Object> merged = Values.merge(defaults, values);
            List<Problem> ruled = new ArrayList<>(Rules.check(composition.rules(), merged, source));
            ruled.addAll(RenderRules.check(renderRules, merged, source));
            for (Problem p : ruled) {
                problems.add(
                        new Problem(p.source(), prefix.isEmpty() ? p.path() : prefix + "." + p.path(), p.message()));
            }
            problems.addAll(SparkSettingsCheck.values(composition, settings, values, source, prefix));
        }
        return problems;
    }
}
