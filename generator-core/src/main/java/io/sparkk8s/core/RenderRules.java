package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules JSON Schema cannot say, which the chart's templates enforce with {@code fail}: checked here on
 * the merged values the same way, so {@code validate}, generation and the chart give one verdict. Each rule
 * is a typed record built from the chart's composition ({@link #of(Composition)}).
 */
final class RenderRules {

    private RenderRules() {}

    /** One rule the templates enforce. */
    sealed interface RenderRule
            permits ExecutorMemoryLimit,
                    ExecutorCpuLimit,
                    IngressHost,
                    RequestWithinLimit,
                    VolcanoFeatureStep,
                    InEachEntry {
        /** The problems of the merged values, reported against {@code source}. */
        List<Problem> check(Map<String, Object> values, String source);
    }

    /**
     * The executor pod's memory limit (the group's {@code memoryLimit}) must hold the heap
     * ({@code spark.executor.memory}) plus the overhead ({@code spark.executor.memoryOverhead}); without an
     * overhead the limit must be above the heap, the difference becoming the overhead.
     *
     * @param group the values group, e.g. {@code connect.executor}
     * @param enabled the block's {@code enabled} path
     */
    record ExecutorMemoryLimit(String group, String enabled) implements RenderRule {
        @Override
        public List<Problem> check(Map<String, Object> values, String source) {
            String limit = text(Values.get(values, group + ".memoryLimit"));
            if (limit.isEmpty() || !Boolean.TRUE.equals(Values.get(values, enabled))) {
                return List.of();
            }
            String memory = text(Values.get(values, group + ".memory"));
            String overhead = text(Values.get(values, group + ".memoryOverhead"));
            long limitMi = mebibytes(limit);
            long memoryMi = mebibytes(memory);
            // a tmpfs scratch space counts against the pod's memory limit (_scheduling.tpl executorMemoryOverhead)
            String tmpfs = "tmpfs".equals(text(Values.get(values, group + ".scratch.type")))
                    ? text(Values.get(values, group + ".scratch.sizeLimit"))
                    : "";
            if (!tmpfs.isEmpty()) {
                long tmpfsMi = mebibytes(tmpfs);
                long needed = memoryMi + (overhead.isEmpty() ? 0 : mebibytes(overhead)) + tmpfsMi;
                boolean fits = overhead.isEmpty() ? limitMi > needed : limitMi >= needed;
                return fits
                        ? List.of()
                        : List.of(new Problem(
                                source,
                                group + ".memoryLimit",
                                "'" + limit + "' (" + limitMi + " MiB) is "
                                        + (overhead.isEmpty() ? "not above " : "below ")
                                        + group + ".memory '" + memory + "'"
                                        + (overhead.isEmpty()
                                                ? ""
                                                : " + " + group + ".memoryOverhead '" + overhead + "'")
                                        + " + " + group + ".scratch.sizeLimit '" + tmpfs + "' (" + needed
                                        + " MiB): a tmpfs scratch space counts against the executor pod's memory limit; "
                                        + "raise the limit or lower memory/overhead/scratch.sizeLimit "
                                        + "[chart rule executor-memory-limit]"));
            }
            if (overhead.isEmpty()) {
                return limitMi > memoryMi
                        ? List.of()
                        : List.of(new Problem(
                                source,
                                group + ".memoryLimit",
                                "'" + limit
                                        + "' (" + limitMi + " MiB) must be above " + group + ".memory '" + memory
                                        + "' (" + memoryMi
                                        + " MiB): the difference becomes the executor's memory overhead; raise the limit or lower "
                                        + "the memory [chart rule executor-memory-limit]"));
            }
            long overheadMi = mebibytes(overhead);
            return limitMi >= memoryMi + overheadMi
                    ? List.of()
                    : List.of(new Problem(
                            source,
                            group + ".memoryLimit",
                            "'" + limit + "' (" + limitMi + " MiB) is below " + group + ".memory '" + memory + "' + "
                                    + group + ".memoryOverhead '" + overhead + "' (" + (memoryMi + overheadMi)
                                    + " MiB), the memory "
                                    + "Spark asks for each executor pod; raise the limit or lower memory/overhead "
                                    + "[chart rule executor-memory-limit]"));
        }
    }

    /**
     * The executor pod's CPU request — the value mapped to {@code spark.kubernetes.executor.request.cores}, or
     * else {@code spark.executor.cores}, which Spark requests then — is at most its CPU limit
     * ({@code spark.kubernetes.executor.limit.cores}); Kubernetes rejects every executor pod otherwise, long after
     * the server started.
     *
     * @param request the path of the CPU request (empty means the cores)
     * @param cores the path of the executor cores
     * @param limit the path of the CPU limit (empty means none)
     * @param enabled the block's {@code enabled} path
     */
    record ExecutorCpuLimit(String request, String cores, String limit, String enabled) implements RenderRule {
        @Override
        public List<Problem> check(Map<String, Object> values, String source) {
            String limitText = text(Values.get(values, limit));
            if (limitText.isEmpty() || !Boolean.TRUE.equals(Values.get(values, enabled))) {
                return List.of();
            }
            String requestText = text(Values.get(values, request));
            String path = requestText.isEmpty() ? cores : request;
            String requested = requestText.isEmpty() ? text(Values.get(values, cores)) : requestText;
            BigDecimal r = quantity(requested);
            BigDecimal l = quantity(limitText);
            if (r == null || l == null || r.compareTo(l) <= 0) {
                return List.of();
            }
            return List.of(new Problem(
                    source,
                    path,
                    "'" + requested + "' is above " + limit + " '" + limitText
                            + "': Spark asks for each executor pod a CPU request above its limit, which Kubernetes rejects; "
                            + "lower " + path + " or raise " + limit + " [chart rule executor-cpu-limit]"));
        }
    }

    /**
     * With {@code ingress.enabled}, at least one {@code ingress.hosts.<endpoint>} of an enabled block is set.
     *
     * @param uis the UI endpoints: their host key and their block's {@code enabled} path
     */
    record IngressHost(List<Ui> uis) implements RenderRule {
        /** A UI endpoint the Ingress can route to. */
        record Ui(String id, String enabled) {}

        IngressHost {
            uis = List.copyOf(uis);
        }

        @Override
        public List<Problem> check(Map<String, Object> values, String source) {
            if (uis.isEmpty() || !Boolean.TRUE.equals(Values.get(values, "ingress.enabled"))) {
                return List.of();
            }
            boolean routed = uis.stream()
                    .anyMatch(ui -> Boolean.TRUE.equals(Values.get(values, ui.enabled()))
                            && !text(Values.get(values, "ingress.hosts." + ui.id()))
                                    .isEmpty());
            if (routed) {
                return List.of();
            }
            List<String> enabledUis = uis.stream()
                    .filter(ui -> Boolean.TRUE.equals(Values.get(values, ui.enabled())))
                    .map(ui -> "ingress.hosts." + ui.id())
                    .toList();
            return List.of(new Problem(
                    source,
                    "ingress.enabled",
                    "true, but no ingress.hosts.<endpoint> of an "
                            + "enabled block is set, so the Ingress would route nowhere; "
                            + (enabledUis.isEmpty()
                                    ? "enable a block with a UI ("
                                            + String.join(
                                                    ", ",
                                                    uis.stream().map(Ui::id).toList()) + ")"
                                    : "set one of " + String.join(", ", enabledUis))
                            + ", or set ingress.enabled: false "
                            + "[chart rule ingress-host]"));
        }
    }

    /**
     * Each CPU and memory request of an enabled block's {@code resources} is at most its limit (Kubernetes
     * rejects the pod otherwise).
     *
     * @param resources the {@code resources} groups, e.g. {@code connect.resources}
     * @param enabled the block's {@code enabled} path
     */
    record RequestWithinLimit(List<String> resources, String enabled) implements RenderRule {
        RequestWithinLimit {
            resources = List.copyOf(resources);
        }

        @Override
        public List<Problem> check(Map<String, Object> values, String source) {
            if (!Boolean.TRUE.equals(Values.get(values, enabled))) {
                return List.of();
            }
            List<Problem> problems = new ArrayList<>();
            for (String group : resources) {
                for (String resource : List.of("cpu", "memory")) {
                    String request = text(Values.get(values, group + ".requests." + resource));
                    String limit = text(Values.get(values, group + ".limits." + resource));
                    BigDecimal requested = quantity(request);
                    BigDecimal limited = quantity(limit);
                    if (requested != null && limited != null && !limit.isEmpty() && requested.compareTo(limited) > 0) {
                        problems.add(
                                new Problem(
                                        source,
                                        group + ".requests." + resource,
                                        "'" + request + "' is above "
                                                + group + ".limits." + resource + " '" + limit
                                                + "'; Kubernetes rejects a request "
                                                + "above its limit: lower the request or raise the limit [chart rule request-within-limit]"));
                    }
                }
            }
            return problems;
        }
    }

    /**
     * The executor rules of each entry of a map of a nested model ({@code jobs.apps.<name>}), on the entry with the
     * entry model's defaults filled in, as the block's templates fill them in before they check the same.
     *
     * @param map the map's path, e.g. {@code jobs.apps}
     * @param entry the entry model
     * @param enabled the block's {@code enabled} path
     */
    record InEachEntry(String map, io.sparkk8s.api.ValuesModel entry, String enabled) implements RenderRule {
        @Override
        public List<Problem> check(Map<String, Object> values, String source) {
            if (!(Values.get(values, map) instanceof Map<?, ?> entries)) {
                return List.of();
            }
            Map<String, Object> defaults = new java.util.LinkedHashMap<>();
            entry.values().forEach(v -> Values.put(defaults, v.path(), v.defaultValue()));
            List<Problem> problems = new ArrayList<>();
            for (Map.Entry<?, ?> named : new java.util.TreeMap<>(entries).entrySet()) {
                String prefix = map + "." + named.getKey();
                @SuppressWarnings("unchecked")
                Map<String, Object> given =
                        named.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Map<String, Object> filled = Values.merge(defaults, given);
                Map<String, Object> scoped = new java.util.LinkedHashMap<>();
                Values.put(scoped, prefix, filled);
                Values.put(scoped, enabled, Values.get(values, enabled));
                List<ChartModel.Entry> own = entry.values().stream()
                        .map(v -> new ChartModel.Entry(prefix + "." + v.path(), v, "entry"))
                        .toList();
                for (RenderRule rule : executorRules(own, enabled)) {
                    problems.addAll(rule.check(scoped, source));
                }
            }
            return problems;
        }
    }

    /**
     * Spark's own Volcano feature step ({@code org.apache.spark.deploy.k8s.features.VolcanoFeatureStep}, named in
     * {@code spark.kubernetes.{driver,executor}.pod.featureSteps}, configured by
     * {@code spark.kubernetes.scheduler.volcano.*}) is compiled only with Spark's {@code -Pvolcano} profile: the stock
     * 3.5 and 4.1 jars lack it (docs/facts.md), so Spark would stop at start. The chart's own Volcano support
     * ({@code scheduling.scheduler: volcano}) is the way there; {@code _scheduling.tpl} fails the same way.
     *
     * @param sparkConf the path of the application's Spark settings map, e.g. {@code connect.sparkConf}
     * @param scheduler the path of its scheduler, e.g. {@code connect.scheduling.scheduler}
     * @param enabled the block's {@code enabled} path
     * @param line the chart's line
     */
    record VolcanoFeatureStep(String sparkConf, String scheduler, String enabled, String line) implements RenderRule {
        /** The lines whose stock jars lack the step (SparkSettings has no spark.kubernetes.scheduler.volcano.*). */
        static final List<String> LINES_WITHOUT = List.of("3.5", "4.1");

        @Override
        public List<Problem> check(Map<String, Object> values, String source) {
            if (!LINES_WITHOUT.contains(line)
                    || !Boolean.TRUE.equals(Values.get(values, enabled))
                    || !(Values.get(values, sparkConf) instanceof Map<?, ?> settings)) {
                return List.of();
            }
            List<Problem> problems = new ArrayList<>();
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(settings).entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.startsWith("spark.kubernetes.scheduler.volcano.")
                        || (key.endsWith(".pod.featureSteps")
                                && String.valueOf(e.getValue()).contains("VolcanoFeatureStep"))) {
                    problems.add(new Problem(
                            source,
                            sparkConf + "." + key,
                            "Spark's VolcanoFeatureStep is not in the stock Spark " + line + " jars (it is built only "
                                    + "with -Pvolcano), so Spark would stop at start; set " + scheduler
                                    + "=volcano instead: the chart renders the PodGroup and the pods join it "
                                    + "[chart rule volcano-feature-step]"));
                }
            }
            return problems;
        }
    }

    /** The executor rules of a block's (or an entry's) values. */
    private static List<RenderRule> executorRules(List<ChartModel.Entry> own, String enabled) {
        List<RenderRule> rules = new ArrayList<>();
        for (ChartModel.Entry entry : own) {
            rules.addAll(executorRules(own, entry, enabled));
        }
        return rules;
    }

    /**
     * The executor rules one value of {@code own} (a block's or an entry's values) brings: the CPU limit against the
     * request and the cores, the memory limit against heap and overhead.
     */
    private static List<RenderRule> executorRules(List<ChartModel.Entry> own, ChartModel.Entry entry, String enabled) {
        List<RenderRule> rules = new ArrayList<>();
        String path = entry.path();
        if ("spark.kubernetes.executor.limit.cores".equals(entry.value().sparkConf())) {
            rules.add(new ExecutorCpuLimit(
                    pathOf(own, "spark.kubernetes.executor.request.cores"),
                    pathOf(own, "spark.executor.cores"),
                    path,
                    enabled));
        }
        if ("spark.executor.memory".equals(entry.value().sparkConf())) {
            String group = path.substring(0, path.lastIndexOf('.'));
            if (own.stream().anyMatch(e -> e.path().equals(group + ".memoryLimit"))) {
                rules.add(new ExecutorMemoryLimit(group, enabled));
            }
        }
        return rules;
    }

    /** The rules of a chart, from its blocks, endpoints and values model. */
    static List<RenderRule> of(Composition composition) {
        List<RenderRule> rules = new ArrayList<>();
        List<IngressHost.Ui> uis = new ArrayList<>();
        for (Composition.Part part : composition.blocks()) {
            Block block = part.block();
            String key = block.valuesKey();
            String enabled = key + ".enabled";
            for (Endpoint e : block.endpoints()) {
                if (e.ui()) {
                    uis.add(new IngressHost.Ui(e.id(), enabled));
                }
            }
            String prefix = key + ".";
            List<ChartModel.Entry> own = composition.model().entries().stream()
                    .filter(e -> e.path().startsWith(prefix))
                    .toList();
            List<String> resources = new ArrayList<>();
            for (ChartModel.Entry entry : own) {
                String path = entry.path();
                if (path.endsWith(".requests.memory")
                        && composition
                                .model()
                                .find(path.substring(0, path.length() - ".requests.memory".length()) + ".limits.memory")
                                .isPresent()) {
                    resources.add(path.substring(0, path.length() - ".requests.memory".length()));
                }
                if (entry.value().entry() != null) {
                    rules.add(new InEachEntry(path, entry.value().entry(), enabled));
                }
                // own holds every value under the block's key, so its memoryLimit lookup is the model's
                rules.addAll(executorRules(own, entry, enabled));
            }
            if (!resources.isEmpty()) {
                rules.add(new RequestWithinLimit(resources, enabled));
            }
            // blocks whose executors are pods include _scheduling.tpl's schedulingSparkConf, which checks the same
            if (composition.model().find(key + ".executor.scratch.type").isPresent()
                    && composition.model().find(key + ".sparkConf").isPresent()) {
                rules.add(new VolcanoFeatureStep(
                        key + ".sparkConf",
                        key + ".scheduling.scheduler",
                        enabled,
                        composition.profile().line().id()));
            }
        }
        if (composition.model().find("ingress.enabled").isPresent() && !uis.isEmpty()) {
            rules.add(new IngressHost(uis));
        }
        return rules;
    }

    private static String pathOf(List<ChartModel.Entry> entries, String sparkConf) {
        return entries.stream()
                .filter(e -> sparkConf.equals(e.value().sparkConf()))
                .map(ChartModel.Entry::path)
                .findFirst()
                .orElse("");
    }

    /** Every problem of the merged values under the chart's render rules. */
    static List<Problem> check(List<RenderRule> rules, Map<String, Object> values, String source) {
        List<Problem> problems = new ArrayList<>();
        for (RenderRule rule : rules) {
            problems.addAll(rule.check(values, source));
        }
        return problems;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }

    private static final Pattern MEMORY = Pattern.compile("^([0-9]+)([a-z]*)$");

    /**
     * A Spark memory string (512m, 2g) or a Kubernetes quantity (2Gi, 512Mi) in MiB, the way the chart's
     * {@code sparkk8s.mebibytes} helper reads it: binary units, a plain number is bytes.
     */
    static long mebibytes(String text) {
        String q = text.toLowerCase(Locale.ROOT);
        q = q.endsWith("b") ? q.substring(0, q.length() - 1) : q;
        q = q.endsWith("i") ? q.substring(0, q.length() - 1) : q;
        Matcher m = MEMORY.matcher(q);
        if (!m.matches()) {
            return 0;
        }
        long number = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "t" -> number * 1048576;
            case "g" -> number * 1024;
            case "m" -> number;
            case "k" -> number / 1024;
            case "" -> number / 1048576;
            default -> 0;
        };
    }

    private static final Pattern QUANTITY =
            Pattern.compile("^([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)" + "(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$");

    /** A Kubernetes quantity in base units, or null when it is not one. */
    static BigDecimal quantity(String text) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = Objects.requireNonNullElse(m.group(2), "");
        return switch (suffix) {
            case "" -> number;
            case "m" -> number.movePointLeft(3);
            case "k" -> number.movePointRight(3);
            case "M" -> number.movePointRight(6);
            case "G" -> number.movePointRight(9);
            case "T" -> number.movePointRight(12);
            case "P" -> number.movePointRight(15);
            case "E" -> number.movePointRight(18);
            default -> number.multiply(BigDecimal.valueOf(2).pow(10 * ("KMGTPE".indexOf(suffix.charAt(0)) + 1)));
        };
    }
}
