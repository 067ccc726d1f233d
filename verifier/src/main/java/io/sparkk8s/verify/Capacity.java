package io.sparkk8s.verify;

import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What a rendered release asks of a namespace (issue 16): the CPU and memory requests and limits of every workload
 * times its replicas, plus the worst case of the executor pods Spark's drivers create on Kubernetes (every server's
 * executors at their maximum), checked against a ResourceQuota. Hooks and Helm test pods run only for a while and
 * are listed apart, not counted.
 *
 * <pre>{@code
 * Capacity.Report report = Capacity.of(verifier.render(chart, valuesFiles));
 * List<String> over = report.exceeding(Capacity.quota(Files.readString(quotaFile)));
 * }</pre>
 */
public final class Capacity {

    private Capacity() {}

    /**
     * CPU in millicores and memory in bytes; {@code limitCpu} / {@code limitMemory} are null where a container has no
     * limit (then the sum has none either: unbounded).
     */
    public record Resources(long requestCpu, long requestMemory, Long limitCpu, Long limitMemory) {
        static final Resources NONE = new Resources(0, 0, 0L, 0L);

        Resources plus(Resources o) {
            return new Resources(
                    requestCpu + o.requestCpu,
                    requestMemory + o.requestMemory,
                    limitCpu == null || o.limitCpu == null ? null : limitCpu + o.limitCpu,
                    limitMemory == null || o.limitMemory == null ? null : limitMemory + o.limitMemory);
        }

        Resources times(long n) {
            return new Resources(
                    requestCpu * n,
                    requestMemory * n,
                    limitCpu == null ? null : limitCpu * n,
                    limitMemory == null ? null : limitMemory * n);
        }

        /** The larger of each field: an init container runs alone, before the others. */
        Resources max(Resources o) {
            return new Resources(
                    Math.max(requestCpu, o.requestCpu),
                    Math.max(requestMemory, o.requestMemory),
                    limitCpu == null || o.limitCpu == null ? null : Math.max(limitCpu, o.limitCpu),
                    limitMemory == null || o.limitMemory == null ? null : Math.max(limitMemory, o.limitMemory));
        }
    }

    /**
     * One kind of pod of the release.
     *
     * @param kind the workload kind (Deployment, StatefulSet, Job, Pod, or {@code SparkExecutors})
     * @param name the workload's name (for executors: the ConfigMap holding their settings)
     * @param pods how many such pods run at most at once
     * @param perPod the resources of one pod (init containers counted as Kubernetes does)
     * @param counted false for hooks and Helm test pods, which run only for a while
     */
    public record Workload(String kind, String name, long pods, Resources perPod, boolean counted) {
        public Workload {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(perPod, "perPod");
        }

        /** The resources of all its pods. */
        public Resources total() {
            return perPod.times(pods);
        }
    }

    /**
     * The release's workloads and their sum with executors at their maximum.
     *
     * @param workloads every workload, counted or not
     * @param total the sum of the counted ones
     * @param pods the number of pods of the counted ones
     */
    public record Report(List<Workload> workloads, Resources total, long pods) {
        public Report {
            workloads = List.copyOf(workloads);
        }

        /**
         * The report as a table: one line per workload (kind, name, pods, requests and limits of all its pods), hooks
         * and test pods marked, then the total; "none"/"unbounded" where a container has no limit.
         */
        public String format() {
            StringBuilder out = new StringBuilder();
            String row = "%-15s %-40s %5s %9s %9s %9s %9s%s%n";
            out.append(String.format(row, "KIND", "NAME", "PODS", "REQ CPU", "REQ MEM", "LIM CPU", "LIM MEM", ""));
            for (Workload w : workloads) {
                Resources r = w.total();
                out.append(String.format(
                        row,
                        w.kind(),
                        w.name(),
                        w.pods(),
                        cpu(r.requestCpu()),
                        memory(r.requestMemory()),
                        r.limitCpu() == null ? "none" : cpu(r.limitCpu()),
                        r.limitMemory() == null ? "none" : memory(r.limitMemory()),
                        w.counted() ? "" : "  (hook/test, not counted)"));
            }
            out.append(String.format(
                    row,
                    "TOTAL",
                    "(executors at their maximum)",
                    pods,
                    cpu(total.requestCpu()),
                    memory(total.requestMemory()),
                    total.limitCpu() == null ? "unbounded" : cpu(total.limitCpu()),
                    total.limitMemory() == null ? "unbounded" : memory(total.limitMemory()),
                    ""));
            return out.toString();
        }

        /**
         * What exceeds a quota, one line each ({@code requests.cpu: 4100m needed, quota 4}); empty when it fits.
         *
         * @param hard the quota's {@code spec.hard} ({@link #quota})
         */
        public List<String> exceeding(Map<String, String> hard) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e : hard.entrySet()) {
                String key = e.getKey();
                Long needed =
                        switch (key) {
                            case "requests.cpu", "cpu" -> total.requestCpu();
                            case "requests.memory", "memory" -> total.requestMemory();
                            case "limits.cpu" -> total.limitCpu();
                            case "limits.memory" -> total.limitMemory();
                            case "pods" -> pods;
                            default -> Long.MIN_VALUE;
                        };
                if (needed != null && needed == Long.MIN_VALUE) {
                    continue; // a quota on something else (services, storage): not this report's business
                }
                boolean cpu = key.endsWith("cpu");
                long allowed = "pods".equals(key)
                        ? Long.parseLong(e.getValue())
                        : cpu ? millis(e.getValue()) : bytes(e.getValue());
                if (needed == null) {
                    out.add(key + ": unbounded (a container without a " + (cpu ? "CPU" : "memory") + " limit), quota "
                            + e.getValue());
                } else if (needed > allowed) {
                    out.add(key + ": "
                            + ("pods".equals(key) ? String.valueOf(needed) : cpu ? cpu(needed) : memory(needed))
                            + " needed, quota " + e.getValue());
                }
            }
            return out;
        }
    }

    /**
     * The {@code spec.hard} of a ResourceQuota manifest (the first ResourceQuota of the YAML).
     *
     * @param yaml one or more YAML documents
     * @throws IllegalArgumentException when there is no ResourceQuota with {@code spec.hard}
     */
    public static Map<String, String> quota(String yaml) {
        for (Object doc : documents(yaml)) {
            if ("ResourceQuota".equals(text(doc, "kind"))) {
                Map<String, String> hard = new LinkedHashMap<>();
                Tree.mapAt(doc, "spec", "hard").forEach((k, v) -> hard.put(k, String.valueOf(v)));
                if (!hard.isEmpty()) {
                    return hard;
                }
            }
        }
        throw new IllegalArgumentException("no ResourceQuota with spec.hard in the file");
    }

    /**
     * The capacity of rendered manifests ({@code helm template} output).
     *
     * @param rendered multi-document YAML
     */
    public static Report of(String rendered) {
        List<Object> docs = documents(rendered);
        List<Workload> workloads = new ArrayList<>();
        Map<String, Long> serversByConfigMap = new LinkedHashMap<>();
        for (Object doc : docs) {
            String kind = text(doc, "kind");
            String name = text(doc, "metadata", "name");
            boolean hook = !text(doc, "metadata", "annotations", "helm.sh/hook").isEmpty();
            Object podSpec;
            long pods;
            switch (kind) {
                case "Deployment", "StatefulSet", "ReplicaSet" -> {
                    podSpec = Tree.at(doc, "spec", "template", "spec");
                    Object replicas = Tree.at(doc, "spec", "replicas");
                    pods = replicas == null ? 1 : Long.parseLong(String.valueOf(replicas));
                }
                case "Job" -> {
                    podSpec = Tree.at(doc, "spec", "template", "spec");
                    Object parallelism = Tree.at(doc, "spec", "parallelism");
                    pods = parallelism == null ? 1 : Long.parseLong(String.valueOf(parallelism));
                }
                case "CronJob" -> {
                    podSpec = Tree.at(doc, "spec", "jobTemplate", "spec", "template", "spec");
                    Object parallelism = Tree.at(doc, "spec", "jobTemplate", "spec", "parallelism");
                    pods = parallelism == null ? 1 : Long.parseLong(String.valueOf(parallelism));
                }
                case "Pod" -> {
                    podSpec = Tree.at(doc, "spec");
                    pods = 1;
                }
                default -> {
                    continue;
                }
            }
            workloads.add(new Workload(kind, name, pods, pod(podSpec), !hook));
            if (!hook) {
                java.util.Set<String> mounted = new java.util.TreeSet<>(); // a ConfigMap in two volumes is one
                for (Object volume : Tree.listAt(podSpec, "volumes")) {
                    String configMap = text(volume, "configMap", "name");
                    if (!configMap.isEmpty() && mounted.add(configMap)) {
                        serversByConfigMap.merge(configMap, pods, Long::sum);
                    }
                }
            }
        }
        for (Object doc : docs) {
            if (!"ConfigMap".equals(text(doc, "kind"))) {
                continue;
            }
            String conf = text(doc, "data", "spark-defaults.conf");
            String name = text(doc, "metadata", "name");
            Properties settings = new Properties();
            try {
                settings.load(new java.io.StringReader(conf));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!settings.getProperty("spark.master", "").startsWith("k8s://")
                    || !serversByConfigMap.containsKey(name)) {
                continue;
            }
            long perDriver = "true".equals(settings.getProperty("spark.dynamicAllocation.enabled"))
                    ? Long.parseLong(settings.getProperty("spark.dynamicAllocation.maxExecutors", "2147483647")
                            .strip())
                    : Long.parseLong(settings.getProperty("spark.executor.instances", "2")
                            .strip());
            workloads.add(new Workload(
                    "SparkExecutors", name, perDriver * serversByConfigMap.get(name), executor(settings), true));
        }
        Resources total = Resources.NONE;
        long pods = 0;
        for (Workload w : workloads) {
            if (w.counted()) {
                total = total.plus(w.total());
                pods += w.pods();
            }
        }
        return new Report(workloads, total, pods);
    }

    /**
     * One executor pod as Spark's BasicExecutorFeatureStep sizes it: CPU request
     * {@code spark.kubernetes.executor.request.cores} or else {@code spark.executor.cores}, CPU limit
     * {@code spark.kubernetes.executor.limit.cores} (none without it), memory request = limit = heap + overhead, the
     * overhead {@code spark.executor.memoryOverhead} or else max(minMemoryOverhead, 10% of the heap).
     */
    static Resources executor(Properties s) {
        long heap = sparkMebibytes(s.getProperty("spark.executor.memory", "1g"));
        String overheadText = s.getProperty("spark.executor.memoryOverhead", "");
        long overhead = overheadText.isBlank()
                ? Math.max(sparkMebibytes(s.getProperty("spark.executor.minMemoryOverhead", "384m")), (long)
                        (Double.parseDouble(s.getProperty("spark.executor.memoryOverheadFactor", "0.1")) * heap))
                : sparkMebibytes(overheadText);
        long memory = (heap + overhead) * 1024 * 1024;
        String request =
                s.getProperty("spark.kubernetes.executor.request.cores", s.getProperty("spark.executor.cores", "1"));
        String limit = s.getProperty("spark.kubernetes.executor.limit.cores", "");
        return new Resources(millis(request), memory, limit.isBlank() ? null : millis(limit), memory);
    }

    private static Resources pod(Object podSpec) {
        Resources containers = Resources.NONE;
        for (Object c : Tree.listAt(podSpec, "containers")) {
            containers = containers.plus(container(c));
        }
        Resources init = Resources.NONE;
        for (Object c : Tree.listAt(podSpec, "initContainers")) {
            init = init.max(container(c));
        }
        return containers.max(init);
    }

    private static Resources container(Object c) {
        String requestCpu = text(c, "resources", "requests", "cpu");
        String requestMemory = text(c, "resources", "requests", "memory");
        String limitCpu = text(c, "resources", "limits", "cpu");
        String limitMemory = text(c, "resources", "limits", "memory");
        // Kubernetes: a request left out defaults to the limit
        return new Resources(
                millis(requestCpu.isEmpty() ? limitCpu : requestCpu),
                bytes(requestMemory.isEmpty() ? limitMemory : requestMemory),
                limitCpu.isEmpty() ? null : millis(limitCpu),
                limitMemory.isEmpty() ? null : bytes(limitMemory));
    }

    static long millis(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            return 0;
        }
        return Quantity.fromString(quantity.strip())
                .getNumber()
                .multiply(BigDecimal.valueOf(1000))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    static long bytes(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            return 0;
        }
        return Quantity.fromString(quantity.strip())
                .getNumber()
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** A Spark memory string (512m, 2g, 2gb, a bare number = MiB as Spark reads executor memory) in MiB. */
    static long sparkMebibytes(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        t = t.endsWith("b") ? t.substring(0, t.length() - 1) : t;
        char unit = t.charAt(t.length() - 1);
        if (Character.isDigit(unit)) {
            return Long.parseLong(t);
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (unit) {
            case 'k' -> n / 1024;
            case 'm' -> n;
            case 'g' -> n * 1024;
            case 't' -> n * 1024 * 1024;
            default -> throw new IllegalArgumentException("not a Spark memory size: " + text);
        };
    }

    /** Millicores as a quantity: {@code 2}, {@code 1500m}. */
    public static String cpu(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : millis + "m";
    }

    /** Bytes as a binary quantity: {@code 4Gi}, {@code 1536Mi}. */
    public static String memory(long bytes) {
        long mi = 1024L * 1024;
        if (bytes % (mi * 1024) == 0) {
            return bytes / (mi * 1024) + "Gi";
        }
        if (bytes % mi == 0) {
            return bytes / mi + "Mi";
        }
        return bytes + "";
    }

    /** The scalar at keys as text ("" when absent): quantities and names may be YAML numbers. */
    private static String text(Object node, String... keys) {
        Object value = Tree.at(node, keys);
        return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? "" : String.valueOf(value);
    }

    private static List<Object> documents(String yaml) {
        List<Object> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---[ \\t]*$")) {
            if (doc.isBlank()) {
                continue;
            }
            Object parsed = ManifestParser.parseYaml(doc);
            if (parsed instanceof Map<?, ?>) {
                out.add(parsed);
            }
        }
        return out;
    }
}
