package io.sparkk8s.acceptance;

import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.core.Generator;
import io.sparkk8s.core.Values;
import io.sparkk8s.verify.ExternalRef;
import io.sparkk8s.verify.OfflineTemplates;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SPEC §9.8 as a seeded, reproducible property check: draws values files within a chart's
 * {@code values.schema.json} by walking it (enums, booleans, integer ranges, strings for its patterns, maps
 * with YAML-hostile keys and values), renders each with Helm (helm-java, with hooks and test pods exposed as
 * the verifier does) and runs the verifier's object checks on the result; and draws values outside the schema
 * (unknown key, wrong type, out of range, not in the enum), which Helm must reject naming the offending key.
 *
 * <p>Draws that break a composition rule of the schema ({@code if}/{@code then}) are discarded, as are draws
 * the core rejects ({@link Generator#checker}: among them the chart's rules that JSON Schema cannot say and the
 * templates enforce with {@code fail}), so every kept draw is also a check that the core's verdict agrees with
 * Helm's. Lists of Kubernetes objects ({@code tolerations}, {@code extraVolumes}...)
 * and free-form Kubernetes objects ({@code affinity}) are passed through by the chart as given: the fuzzer
 * leaves them at their defaults. Every case is reproducible from its seed, printed in each failure.
 */
final class SchemaFuzzer {

    /** One failed case: what was drawn, and what went wrong. */
    record Failure(long seed, String kind, String values, String problem) {
        @Override
        public String toString() {
            return "seed " + seed + " (" + kind + "): " + problem + "\n  values:\n    "
                    + values.strip().replace("\n", "\n    ");
        }
    }

    /** The outcome of a run: failures, and how many cases ran and were discarded. */
    record Result(List<Failure> failures, int within, int outside, int discarded) {}

    /** Strings that YAML, shells or templates treat specially. */
    static final List<String> HOSTILE = List.of(
            ": ",
            "a: b",
            "#",
            "# comment",
            "'",
            "\"",
            "''",
            "{",
            "}",
            "[x",
            "*alias",
            "&anchor",
            "!tag",
            "%x",
            "@x",
            "`x`",
            "yes",
            "no",
            "on",
            "off",
            "true",
            "null",
            "~",
            "1e3",
            "0x1F",
            "012",
            "1.0",
            "-",
            "- x",
            "? x",
            "|",
            ">",
            "a,b",
            "a\tb",
            " padded ",
            "\\",
            "${HOME}",
            "$(id)",
            "{{ .Values }}",
            "Spark ✓ データ",
            "😀",
            "ünïcödé",
            "a=b",
            "--",
            "...");

    private static final List<String> MEMORY_UNITS = List.of(
            "k", "m", "g", "t", "K", "M", "G", "T", "Ki", "Mi", "Gi", "kb", "mb", "gb", "MB", "GB", "mib", "gib");

    /** The release name (and namespace) of every case. */
    static final String RELEASE = "fuzz";

    private final Path chart;
    private final Map<String, Object> schema;
    private final Map<String, Object> defaults;
    private final ChartSchemaCheck validator;
    private final Verifier verifier;
    /** The core's verdict on values: the rules JSON Schema cannot say are checked once, there. */
    private final Generator.ValuesChecker checker;

    private final String kubeVersion;

    @SuppressWarnings("unchecked")
    SchemaFuzzer(Path chart, String kubeVersion) {
        this.chart = chart;
        this.kubeVersion = kubeVersion;
        try {
            String json = Files.readString(chart.resolve("values.schema.json"));
            // drawn from as an editor reads it (shared definitions inlined); validated as written
            this.schema = LocalRefs.inline(
                    (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(json));
            this.validator = new ChartSchemaCheck(json);
            this.defaults =
                    (Map<String, Object>) new Load(LoadSettings.builder().build())
                            .loadFromString(Files.readString(chart.resolve("values.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.verifier = Verifier.builder().kubeVersions(List.of(kubeVersion)).build();
        this.checker =
                Generator.discover(GenerationListener.SILENT).checker(Generator.chartLine(chart.toString()), Repo.ROOT);
    }

    /**
     * Runs {@code cases} cases within the schema and {@code outside} cases outside it, case {@code i} with seed
     * {@code seed + i}.
     */
    Result run(long seed, int cases, int outside, Path work) {
        Path copy = exposeHooks(chart, work.resolve("chart-" + seed));
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Failure> failures = new ArrayList<>();
        int discarded = 0;
        int within = 0;
        long next = seed;
        while (within < cases) {
            long caseSeed = next++;
            Map<String, Object> values = draw(new Random(caseSeed));
            if (!acceptable(values)) {
                discarded++;
                if (discarded > cases * 20) {
                    throw new IllegalStateException("the fuzzer discards almost every draw (" + discarded
                            + "); its drawing no longer fits the schema's rules");
                }
                continue;
            }
            within++;
            String yaml = yaml(values);
            Path file = write(work, caseSeed, yaml);
            try {
                String manifests = Rendering.template(copy, file, RELEASE, RELEASE, kubeVersion)
                        .replace(HOOK_ALIAS, "helm.sh/hook");
                VerificationReport report = verifier.toBuilder()
                        .externalRefs(userOwned(values))
                        .build()
                        .verifyManifests(manifests, "seed " + caseSeed);
                if (!report.ok()) {
                    failures.add(new Failure(caseSeed, "within the schema: invalid objects", yaml, report.format()));
                }
            } catch (RuntimeException e) {
                failures.add(new Failure(caseSeed, "within the schema: helm template failed", yaml, e.getMessage()));
            }
        }
        for (int i = 0; i < outside; i++) {
            long caseSeed = seed + 1_000_000 + i;
            Random random = new Random(caseSeed);
            Map<String, Object> values = draw(random);
            String offending = breakSchema(values, random);
            String yaml = yaml(values);
            Path file = write(work, caseSeed, yaml);
            try {
                Rendering.template(copy, file, RELEASE, RELEASE, kubeVersion);
                failures.add(new Failure(
                        caseSeed,
                        "outside the schema: accepted",
                        yaml,
                        "Helm rendered values that break the schema at " + offending));
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                if (!mentions(message, offending)) {
                    failures.add(new Failure(
                            caseSeed,
                            "outside the schema: rejected without the path",
                            yaml,
                            "expected the error to name " + offending + ", got: " + message));
                }
            }
        }
        return new Result(failures, within, outside, discarded);
    }

    /**
     * The objects a draw names but the chart does not create, because they belong to the user: Secrets and
     * ConfigMaps named by any {@code existingSecret}/{@code existingConfigMap}, and the Connect ServiceAccount
     * when the chart is told not to create it.
     */
    private List<ExternalRef> userOwned(Map<String, Object> values) {
        Map<String, Object> merged = Values.merge(defaults, values);
        List<ExternalRef> refs = new ArrayList<>(existing(merged));
        for (String block : List.of("connect", "jobs")) {
            if (Boolean.FALSE.equals(get(merged, block + ".serviceAccount.create"))) {
                String name = str(merged, block + ".serviceAccount.name");
                refs.add(new ExternalRef("ServiceAccount", name.isEmpty() ? fullname(merged, block) : name));
            }
        }
        return refs;
    }

    /** {@code sparkk8s.fullname}: the release name or global.fullnameOverride, then the component. */
    private static String fullname(Map<String, Object> values, String component) {
        String prefix = str(values, "global.fullnameOverride");
        String name = (prefix.isEmpty() ? RELEASE : prefix) + "-" + component;
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }

    /** Every existingSecret / existingConfigMap set anywhere in the values. */
    @SuppressWarnings("unchecked")
    private static List<ExternalRef> existing(Object node) {
        List<ExternalRef> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((key, value) -> {
                if (value instanceof String name && !name.isEmpty() && key.equals("existingSecret")) {
                    out.add(new ExternalRef("Secret", name));
                } else if (value instanceof String name && !name.isEmpty() && key.equals("existingConfigMap")) {
                    out.add(new ExternalRef("ConfigMap", name));
                } else if (key.equals("existingConfigMap")
                        && value instanceof Map<?, ?> ref
                        && ref.get("name") instanceof String name
                        && !name.isEmpty()) {
                    out.add(new ExternalRef("ConfigMap", name)); // a jobs application's script
                    out.addAll(existing(value));
                } else {
                    out.addAll(existing(value));
                }
            });
        }
        return out;
    }

    /** Whether a draw keeps to the schema's composition rules and the template-only rules. */
    boolean acceptable(Map<String, Object> values) {
        Map<String, Object> merged = Values.merge(defaults, values); // Helm validates the merged values
        if (operatorObjectsWithoutTheApi(merged)) {
            return false;
        }
        if (!validator.accepts(merged)) {
            return false;
        }
        return checker.check(values, "draw").isEmpty();
    }

    /**
     * Whether the values render Spark Operator objects while the cluster the fuzzer renders for (no cluster: helm
     * template) serves no {@code sparkoperator.k8s.io/v1beta2} and the switch for that case is off: the chart then
     * fails by design, for a reason outside the values.
     */
    private static boolean operatorObjectsWithoutTheApi(Map<String, Object> merged) {
        if (Boolean.TRUE.equals(get(merged, "jobs.sparkOperator.skipCapabilitiesCheck"))
                || !Boolean.TRUE.equals(get(merged, "jobs.enabled"))
                || !(get(merged, "jobs.apps") instanceof Map<?, ?> apps)) {
            return false;
        }
        return apps.values().stream()
                .anyMatch(app -> app instanceof Map<?, ?> m && "sparkApplication".equals(m.get("runner")));
    }

    // ------------------------------------------------------------------------------------------------------
    // Drawing within the schema

    @SuppressWarnings("unchecked")
    Map<String, Object> draw(Random random) {
        return (Map<String, Object>) object(schema, random, "");
    }

    @SuppressWarnings("unchecked")
    private Object object(Map<String, Object> node, Random random, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> properties = (Map<String, Object>) node.get("properties");
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String key = e.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            if (key.equals("global") && !path.isEmpty()) {
                continue; // Helm's copy of global under a subchart key
            }
            if (random.nextInt(100) < (path.isEmpty() ? 85 : 45)) {
                Map<String, Object> child = (Map<String, Object>) e.getValue();
                if (at.endsWith("executor.scratch")) {
                    out.put(key, scratch(random));
                    continue;
                }
                Object value = child.containsKey("properties")
                        ? object(child, random, at)
                        : entryModel(child) != null ? modelMap(child, random, at) : leaf(child, random, at);
                if (value != null) {
                    out.put(key, value);
                }
            }
        }
        return out;
    }

    /** The model of each entry when the node is a map of a nested model (jobs.apps), else null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> entryModel(Map<String, Object> node) {
        if ("object".equals(node.get("type"))
                && node.get("patternProperties") instanceof Map<?, ?> byKey
                && byKey.size() == 1
                && byKey.values().iterator().next() instanceof Map<?, ?> entry
                && entry.containsKey("properties")) {
            return (Map<String, Object>) entry;
        }
        return null;
    }

    private static final List<String> ENTRY_NAMES = List.of("nightly", "etl-2", "a", "x0", "report-daily");

    /**
     * A map of a nested model: up to two named entries, each drawn like an object; an entry that breaks the entry
     * model's own rules (its schema's if/then: one source, a main class for Scala) is drawn again, up to 40 times,
     * so that draws of the whole values file are not discarded for it.
     */
    private Map<String, Object> modelMap(Map<String, Object> node, Random random, String path) {
        Map<String, Object> entrySchema = entryModel(node);
        Map<String, Object> out = new LinkedHashMap<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = ENTRY_NAMES.get(random.nextInt(ENTRY_NAMES.size()));
            for (int attempt = 0; attempt < 40; attempt++) {
                Object entry = object(entrySchema, random, path + "." + name);
                Map<String, Object> alone = Map.of(name, entry);
                for (String part : reversed(path.split("\\."))) {
                    alone = Map.of(part, alone);
                }
                if (validator.accepts(Values.merge(defaults, alone))) {
                    out.put(name, entry);
                    break;
                }
            }
        }
        return out;
    }

    private static List<String> reversed(String[] parts) {
        List<String> out = new ArrayList<>(List.of(parts));
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * Well-formed placement objects for the executor lists the fuzzer would otherwise leave at their defaults
     * (issue 16): topology spread constraints over zones or hosts, and a toleration.
     */
    private static Object placement(String path, Random random) {
        if (path.endsWith(".topologySpreadConstraints") && random.nextBoolean()) {
            return List.of(Map.of(
                    "maxSkew",
                    1 + random.nextInt(3),
                    "topologyKey",
                    random.nextBoolean() ? "topology.kubernetes.io/zone" : "kubernetes.io/hostname",
                    "whenUnsatisfiable",
                    random.nextBoolean() ? "ScheduleAnyway" : "DoNotSchedule",
                    "labelSelector",
                    Map.of("matchLabels", Map.of("app.kubernetes.io/component", "executor"))));
        }
        if (path.endsWith("executor.tolerations") && random.nextBoolean()) {
            return List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "spark", "effect", "NoSchedule"));
        }
        return null;
    }

    /**
     * An executor's scratch space drawn whole (issue 16): each kind, with a size where the kind needs one (a tmpfs or
     * claim without a size is outside the rules, so drawn key by key it would almost never survive).
     */
    private static Map<String, Object> scratch(Random random) {
        String type = List.of("emptyDir", "tmpfs", "pvc").get(random.nextInt(3));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        String size = List.of("512Mi", "1Gi", "2Gi", "20Gi").get(random.nextInt(4));
        if (!"emptyDir".equals(type) || random.nextBoolean()) {
            out.put("sizeLimit", "tmpfs".equals(type) && size.equals("20Gi") ? "1Gi" : size);
        }
        if ("pvc".equals(type) && random.nextBoolean()) {
            out.put("storageClass", "fast-ssd");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object leaf(Map<String, Object> node, Random random, String path) {
        Object placement = placement(path, random);
        if (placement != null) {
            return placement;
        }
        if (node.get("enum") instanceof List<?> allowed) {
            return allowed.get(random.nextInt(allowed.size()));
        }
        Object type = node.get("type");
        if ("boolean".equals(type)) {
            return random.nextBoolean();
        }
        if ("integer".equals(type) || "number".equals(type)) {
            long min = node.get("minimum") instanceof Number n ? n.longValue() : 0;
            long max = node.get("maximum") instanceof Number n ? n.longValue() : min + 100_000;
            return switch (random.nextInt(4)) {
                case 0 -> (int) min;
                case 1 -> (int) max;
                default -> (int) (min + (long) (random.nextDouble() * (max - min + 1)));
            };
        }
        if (type instanceof List<?> types && types.contains("number") && types.contains("string")) {
            return random.nextInt(4) == 0
                    ? (Object) (random.nextInt(16) + 1)
                    : string(node, random, () -> quantity(random));
        }
        if ("string".equals(type)) {
            return string(node, random, () -> HOSTILE.get(random.nextInt(HOSTILE.size())));
        }
        if ("object".equals(type) && node.get("additionalProperties") instanceof Map<?, ?> valueSchema) {
            return map(node, Map.of(), (Map<String, Object>) valueSchema, random);
        }
        if ("object".equals(type) && node.get("patternProperties") instanceof Map<?, ?> byKey && byKey.size() == 1) {
            Map.Entry<?, ?> only = byKey.entrySet().iterator().next();
            return map(node, Map.of("pattern", only.getKey()), (Map<String, Object>) only.getValue(), random);
        }
        if ("array".equals(type)
                && node.get("items") instanceof Map<?, ?> items
                && "string".equals(items.get("type"))
                && node.get("default") instanceof List<?> list) {
            List<Object> subset = new ArrayList<>(list);
            subset.removeIf(x -> random.nextBoolean());
            return subset;
        }
        return null; // lists of Kubernetes objects and free-form Kubernetes objects: left at their defaults
    }

    /**
     * A map with keys its key pattern and {@code propertyNames} accept (YAML-hostile ones among them, such as {@code yes} or
     * {@code 012}) and values of its value schema: numbers and booleans where it allows them, strings for its
     * pattern, else YAML-hostile strings.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> map(
            Map<String, Object> node, Map<String, Object> keyPattern, Map<String, Object> valueSchema, Random random) {
        Map<String, Object> names =
                node.get("propertyNames") instanceof Map<?, ?> k ? (Map<String, Object>) k : Map.of();
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = null;
            for (int attempt = 0; attempt < 20 && key == null; attempt++) {
                String candidate =
                        switch (random.nextInt(4)) {
                            case 0 -> "example.com/key-" + random.nextInt(100);
                            case 1 -> "team_" + random.nextInt(100) + ".x";
                            case 2 ->
                                List.of(
                                                "app.kubernetes.io/name",
                                                "app.kubernetes.io/part-of",
                                                "app.kubernetes.io/team",
                                                "checksum/config",
                                                "helm.sh/chart")
                                        .get(random.nextInt(5));
                            default -> HOSTILE.get(random.nextInt(HOSTILE.size()));
                        };
                key = accepts(keyPattern, candidate) && accepts(names, candidate) ? candidate : null;
            }
            if (key == null) {
                continue;
            }
            Object types = valueSchema.get("type");
            boolean scalars = types instanceof List<?> list && list.contains("number");
            map.put(
                    key,
                    switch (scalars ? random.nextInt(4) : 3) {
                        case 0 -> random.nextInt(10_000);
                        case 1 -> random.nextBoolean();
                        default -> string(valueSchema, random, () -> HOSTILE.get(random.nextInt(HOSTILE.size())));
                    });
        }
        return map;
    }

    /** Whether a string keeps to a string schema's pattern, {@code allOf} patterns and {@code not: enum}. */
    @SuppressWarnings("unchecked")
    private static boolean accepts(Map<String, Object> schema, String text) {
        if (schema.get("pattern") instanceof String regex
                && !Pattern.compile(regex).matcher(text).find()) {
            return false;
        }
        if (schema.get("allOf") instanceof List<?> all
                && !all.stream().allMatch(s -> accepts((Map<String, Object>) s, text))) {
            return false;
        }
        return !(schema.get("not") instanceof Map<?, ?> not
                && not.get("enum") instanceof List<?> forbidden
                && forbidden.contains(text));
    }

    /** A string the node's pattern accepts: drawn from candidates for the patterns the charts use. */
    private String string(Map<String, Object> node, Random random, java.util.function.Supplier<String> free) {
        if (!(node.get("pattern") instanceof String regex)) {
            return free.get();
        }
        Pattern pattern = Pattern.compile(regex);
        Object forbidden = node.get("not") instanceof Map<?, ?> not ? not.get("const") : null;
        for (int attempt = 0; attempt < 30; attempt++) {
            String candidate =
                    switch (random.nextInt(13)) {
                        case 8 ->
                            List.of("team-a", "spark", "spark.example.com", "a", "x-1.y-2", "10.0.0.7")
                                    .get(random.nextInt(6));
                        case 9 ->
                            List.of(
                                            "apache/spark",
                                            "registry.example.com:5000/spark/spark-py",
                                            "quay.io/minio/mc",
                                            "spark_py",
                                            "a.b-c/d__e")
                                    .get(random.nextInt(5));
                        case 10 ->
                            (random.nextInt(100) + 1)
                                    + List.of("ms", "s", "m", "min", "h", "d").get(random.nextInt(6));
                        case 11 ->
                            List.of(
                                            "http://minio.storage:9000",
                                            "https://s3.eu-west-1.amazonaws.com",
                                            "https://ceph.example.com/s3",
                                            "eu-west-1",
                                            "profiles/spark.json")
                                    .get(random.nextInt(5));
                        case 0 -> (random.nextInt(64) + 1) + MEMORY_UNITS.get(random.nextInt(MEMORY_UNITS.size()));
                        case 1 -> quantity(random);
                        case 2 ->
                            "s3a://bucket-" + random.nextInt(100) + "/" + HOSTILE.get(random.nextInt(HOSTILE.size()));
                        case 3 -> "spark://master-" + random.nextInt(10) + ".spark:7077";
                        case 4 -> tag(random);
                        case 5 -> "sha256:" + hex(random, 64);
                        case 6 -> HOSTILE.get(random.nextInt(HOSTILE.size())) + random.nextInt(1000) + "abcdefgh";
                        case 7 -> HOSTILE.get(random.nextInt(HOSTILE.size()));
                        default -> random.nextBoolean() ? "" : String.valueOf(random.nextInt(64) + 1);
                    };
            if (pattern.matcher(candidate).find() && !candidate.equals(forbidden)) {
                return candidate;
            }
        }
        return node.get("default") instanceof String d ? d : null;
    }

    private static String quantity(Random random) {
        String[] units = {"", "m", "k", "Ki", "Mi", "Gi", "M", "G"};
        return (random.nextInt(4096) + 1)
                + (random.nextBoolean() ? "." + random.nextInt(10) : "")
                + units[random.nextInt(units.length)];
    }

    private static String tag(Random random) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
        StringBuilder out = new StringBuilder().append(chars.charAt(random.nextInt(63)));
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(random.nextInt(chars.length())));
        }
        return out.toString();
    }

    private static String hex(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------------
    // Breaking the schema

    /** Breaks one thing in a draw; returns the dotted path of what it broke. */
    @SuppressWarnings("unchecked")
    private String breakSchema(Map<String, Object> values, Random random) {
        List<String[]> leaves = new ArrayList<>();
        leaves(schema, "", leaves);
        for (int attempt = 0; ; attempt++) {
            String[] picked = leaves.get(random.nextInt(leaves.size()));
            String path = picked[0];
            Map<String, Object> node = node(path);
            int kind = random.nextInt(4);
            Object bad = null;
            if (kind == 0) {
                int dot = path.lastIndexOf('.');
                String parent = dot < 0 ? "" : path.substring(0, dot);
                String key = path.substring(dot + 1) + "Typo";
                put(values, parent.isEmpty() ? key : parent + "." + key, "x");
                return parent.isEmpty() ? key : parent + "." + key;
            } else if (kind == 1 && (node.get("maximum") instanceof Number || node.get("minimum") instanceof Number)) {
                bad = node.get("maximum") instanceof Number max
                        ? max.longValue() + 1
                        : ((Number) node.get("minimum")).longValue() - 1;
            } else if (kind == 2 && node.get("enum") instanceof List<?> allowed && !allowed.contains("k9s")) {
                bad = "k9s";
            } else if (kind == 3 && node.get("patternProperties") instanceof Map<?, ?>) {
                // a map whose keys the schema checks: a key that is no qualified name, or a number as a value
                bad = random.nextBoolean() ? Map.of("not a/valid/key", "fine") : Map.of("example.com/number", 42);
            } else if (kind == 3) {
                Object type = node.get("type");
                bad = "boolean".equals(type) || "integer".equals(type)
                        ? "not-a-" + type
                        : "string".equals(type)
                                ? (Object) List.of("a", "list")
                                : type instanceof List<?>
                                        ? Map.of("a", 1)
                                        : "object".equals(type) ? "a string" : "array".equals(type) ? "a string" : null;
            }
            if (bad != null) {
                put(values, path, bad);
                return path;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void leaves(Map<String, Object> node, String path, List<String[]> out) {
        ((Map<String, Object>) node.get("properties")).forEach((key, value) -> {
            Map<String, Object> child = (Map<String, Object>) value;
            String at = path.isEmpty() ? key : path + "." + key;
            if (key.equals("global") && !path.isEmpty()) {
                return;
            }
            if (child.containsKey("properties")) {
                leaves(child, at, out);
            } else {
                out.add(new String[] {at});
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> node(String path) {
        Map<String, Object> at = schema;
        for (String part : path.split("\\.")) {
            at = (Map<String, Object>) ((Map<String, Object>) at.get("properties")).get(part);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> values, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = values;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.get(parts[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(parts[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
    }

    /** Whether Helm's schema error names the key: dotted, as a JSON pointer, or as parent path plus key. */
    static boolean mentions(String message, String path) {
        String pointer = "/" + path.replace('.', '/');
        int dot = path.lastIndexOf('.');
        String key = path.substring(dot + 1);
        String parentPointer = dot < 0 ? "" : "/" + path.substring(0, dot).replace('.', '/');
        return message.contains(path)
                || message.contains(pointer)
                || (message.contains("'" + parentPointer + "'") || parentPointer.isEmpty()) && message.contains(key);
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers

    /**
     * The values file as JSON (which is YAML): every string stays a string for Helm's YAML 1.1 reader, which
     * would turn a plain {@code on}, {@code 0x1F} or {@code 012} into a boolean or a number. What a user's own
     * YAML means is the user's business; what the chart does with a string is the fuzzer's.
     */
    private static String yaml(Map<String, Object> values) {
        return new com.google.gson.GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping()
                .create()
                .toJson(values);
    }

    private static Path write(Path work, long seed, String yaml) {
        try {
            return Files.writeString(work.resolve("values-" + seed + ".yaml"), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String HOOK_ALIAS = OfflineTemplates.HOOK_ALIAS;

    /**
     * A copy of the chart whose templates spell the hook annotation differently, so that helm-java's template
     * (which leaves hooks out) renders hooks and test pods too, and whose lookups give the empty map Helm gives
     * without a cluster (helm-java would ask one); the verifier does the same.
     */
    static Path exposeHooks(Path chart, Path target) {
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else if (chart.relativize(file).toString().contains("templates")) {
                    Files.writeString(
                            to, OfflineTemplates.hooksExposed(OfflineTemplates.withoutLookups(Files.readString(file))));
                } else {
                    Files.copy(file, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object get(Map<String, Object> values, String path) {
        Object at = values;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return at;
    }

    private static String str(Map<String, Object> values, String path) {
        Object value = get(values, path);
        return value == null ? "" : String.valueOf(value);
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
