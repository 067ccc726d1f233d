package io.sparkk8s.acceptance;

import io.sparkk8s.acceptance.tools.HelmCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects of one {@code helm template} run (real Helm 4 CLI, hooks and test pods included), with the
 * look-ups the wiring tests need: an object by kind and name, a container, its env, a Spark conf file.
 */
final class Rendered {

    static final String RELEASE = "rel";
    static final String NAMESPACE = "data";

    private final List<Map<String, Object>> objects;

    private Rendered(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /** Renders a chart with values files and {@code --set} pairs; fails with Helm's error when it does not render. */
    static Rendered of(Path chart, List<Path> valuesFiles, Map<String, String> sets) {
        HelmCli.HelmResult result = template(chart, valuesFiles, sets);
        if (!result.succeeded()) {
            throw new AssertionError("helm template failed: " + result.describe());
        }
        return parse(result.stdout());
    }

    /** The raw Helm run, for tests that expect a failure. */
    static HelmCli.HelmResult template(Path chart, List<Path> valuesFiles, Map<String, String> sets) {
        return HelmCli.helm4()
                .template(chart, RELEASE, NAMESPACE, io.sparkk8s.api.KubernetesVersions.HIGHEST, valuesFiles, sets);
    }

    static Rendered parse(String manifests) {
        return new Rendered(Rendering.manifests(manifests).stream()
                .map(Rendering.Manifest::content)
                .toList());
    }

    List<Map<String, Object>> objects() {
        return objects;
    }

    /** Kind/name of every object, e.g. {@code Deployment/rel-minio}. */
    List<String> names() {
        return objects.stream().map(o -> o.get("kind") + "/" + name(o)).sorted().toList();
    }

    boolean has(String kind, String name) {
        return objects.stream().anyMatch(o -> kind.equals(o.get("kind")) && name.equals(name(o)));
    }

    Map<String, Object> object(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(name(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + names()));
    }

    /** The pod spec of a workload (Deployment, StatefulSet, Job) or a Pod. */
    @SuppressWarnings("unchecked")
    Map<String, Object> podSpec(String kind, String name) {
        Map<String, Object> o = object(kind, name);
        Map<String, Object> spec = (Map<String, Object>) o.get("spec");
        if (kind.equals("CronJob")) {
            spec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
        }
        return kind.equals("Pod")
                ? spec
                : (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    }

    /** A container (or init container) of a workload by name. */
    @SuppressWarnings("unchecked")
    Map<String, Object> container(String kind, String name, String container) {
        Map<String, Object> spec = podSpec(kind, name);
        List<Map<String, Object>> all = new ArrayList<>();
        for (String key : List.of("initContainers", "containers")) {
            Object list = spec.get(key);
            if (list != null) {
                all.addAll((List<Map<String, Object>>) list);
            }
        }
        return all.stream()
                .filter(c -> container.equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + container + " in " + kind + "/" + name));
    }

    /** The env entries of a container by name (each entry as rendered). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Object env = container.get("env");
        if (env != null) {
            for (Map<String, Object> entry : (List<Map<String, Object>>) env) {
                out.put((String) entry.get("name"), entry);
            }
        }
        return out;
    }

    /**
     * What a container's process sees as its environment, where the rendered objects say it: the entries of the
     * ConfigMaps it names in {@code envFrom} (absent optional ones contribute nothing), then its {@code env},
     * which wins. Values of {@code valueFrom} entries are their reference, as text.
     */
    @SuppressWarnings("unchecked")
    Map<String, String> effectiveEnv(Map<String, Object> container) {
        Map<String, String> out = new LinkedHashMap<>();
        Object envFrom = container.get("envFrom");
        if (envFrom != null) {
            for (Map<String, Object> source : (List<Map<String, Object>>) envFrom) {
                Map<String, Object> ref = (Map<String, Object>) source.get("configMapRef");
                if (ref != null && has("ConfigMap", String.valueOf(ref.get("name")))) {
                    Map<String, Object> data = (Map<String, Object>)
                            object("ConfigMap", String.valueOf(ref.get("name"))).get("data");
                    if (data != null) {
                        data.forEach((k, v) -> out.put(k, String.valueOf(v)));
                    }
                }
            }
        }
        env(container)
                .forEach((name, entry) -> out.put(
                        name,
                        String.valueOf(entry.containsKey("value") ? entry.get("value") : entry.get("valueFrom"))));
        return out;
    }

    /** A data entry of a ConfigMap. */
    @SuppressWarnings("unchecked")
    String configData(String name, String key) {
        Map<String, Object> data =
                (Map<String, Object>) object("ConfigMap", name).get("data");
        return Objects.requireNonNull((String) data.get(key), () -> "no key " + key + " in ConfigMap " + name);
    }

    /** A Spark properties file ({@code key=value} lines) of a ConfigMap, as a map; later lines win, as in Spark. */
    Map<String, String> sparkConf(String configMap, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : configData(configMap, key).split("\n")) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq < 0) {
                continue;
            }
            out.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        return out;
    }

    /** The Spark settings the Connect server starts with: the release's wiring, then its own file (which wins). */
    Map<String, String> connectConf() {
        Map<String, String> out = new LinkedHashMap<>();
        if (has("ConfigMap", RELEASE + "-spark-wiring")) {
            out.putAll(sparkConf(RELEASE + "-spark-wiring", "wiring.conf"));
        }
        String wiringPackages = out.get(PACKAGES);
        out.putAll(sparkConf(RELEASE + "-connect", "spark-defaults.conf"));
        // as sparkk8s.assembleSparkConf does at start: the spark.jars.packages lists are joined, not replaced
        if (wiringPackages != null && out.containsKey(PACKAGES)) {
            java.util.Set<String> joined = new java.util.LinkedHashSet<>(List.of(wiringPackages.split(",")));
            joined.addAll(List.of(out.get(PACKAGES).split(",")));
            out.put(PACKAGES, String.join(",", joined));
        }
        return out;
    }

    private static final String PACKAGES = "spark.jars.packages";

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> object) {
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        return metadata == null ? "" : String.valueOf(metadata.get("name"));
    }
}
