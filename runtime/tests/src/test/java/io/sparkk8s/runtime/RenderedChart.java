package io.sparkk8s.runtime;

import io.sparkk8s.api.KubernetesVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One {@code helm template} run of a committed generated chart (the Helm 4 CLI, the highest supported
 * Kubernetes version) and the look-ups the runtime tier needs: ConfigMap files, decoded Secret keys, pod specs.
 */
final class RenderedChart {

    static final String RELEASE = "r";
    static final String NAMESPACE = "data";

    private final String line;
    private final String yaml;
    private final List<Map<String, Object>> objects;

    private RenderedChart(String line, String yaml, List<Map<String, Object>> objects) {
        this.line = line;
        this.yaml = yaml;
        this.objects = objects;
    }

    /** The committed chart of a line. */
    static Path chart(String line) {
        return Path.of("..", "..", "generated-charts", "spark-" + line)
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Renders the line's chart with one of its presets (or none) and {@code --set} pairs, with the real Helm 4 CLI
     * that the acceptance tests fetched into {@code .tools/} (helm-java leaves hooks out; a pod sees them).
     */
    static RenderedChart render(String line, String preset, Map<String, String> sets) {
        Path chart = chart(line);
        Path helm =
                Path.of("..", "..", ".tools", "helm4", "helm").toAbsolutePath().normalize();
        if (!Files.isExecutable(helm)) {
            throw new IllegalStateException("the Helm 4 CLI is missing at " + helm + ": run the acceptance tests "
                    + "first (mvn -B verify from the repository root fetches it into .tools/)");
        }
        List<String> command = new ArrayList<>(List.of(
                helm.toString(),
                "template",
                RELEASE,
                chart.toString(),
                "--namespace",
                NAMESPACE,
                "--kube-version",
                KubernetesVersions.HIGHEST));
        if (preset != null) {
            command.addAll(List.of(
                    "-f", chart.resolve("presets").resolve(preset + ".yaml").toString()));
        }
        for (Map.Entry<String, String> set : sets.entrySet()) {
            command.addAll(List.of("--set", set.getKey() + "=" + set.getValue()));
        }
        String yaml = run(command);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (doc instanceof Map<?, ?> map && map.get("kind") != null) {
                objects.add(cast(map));
            }
        }
        return new RenderedChart(line, yaml, objects);
    }

    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plants a defect: changes one rendered object in place (a test proving that a check catches what it claims).
     * Programs started afterwards see the change; {@link #yaml()} keeps the text Helm rendered.
     */
    RenderedChart plant(String kind, String name, java.util.function.Consumer<Map<String, Object>> change) {
        change.accept(object(kind, name));
        return this;
    }

    String line() {
        return line;
    }

    String yaml() {
        return yaml;
    }

    List<Map<String, Object>> objects() {
        return objects;
    }

    boolean has(String kind, String name) {
        return objects.stream().anyMatch(o -> kind.equals(o.get("kind")) && name.equals(name(o)));
    }

    Map<String, Object> object(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(name(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered; objects: "
                        + objects.stream()
                                .map(o -> o.get("kind") + "/" + name(o))
                                .toList()));
    }

    /** The name of the one object of a kind whose name starts with a prefix (Jobs named by a hash of their spec). */
    String nameStartingWith(String kind, String prefix) {
        List<String> names = objects.stream()
                .filter(o -> kind.equals(o.get("kind")))
                .map(RenderedChart::name)
                .filter(n -> n.startsWith(prefix))
                .toList();
        if (names.size() != 1) {
            throw new AssertionError("expected one " + kind + " named " + prefix + "…, found " + names);
        }
        return names.get(0);
    }

    /** The files of a ConfigMap. */
    Map<String, String> configMap(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, Object> map = map(object("ConfigMap", name), "data");
        map.forEach((k, v) -> data.put(k, String.valueOf(v)));
        return data;
    }

    /**
     * The port the Connect server listens on, as its rendered {@code spark-defaults.conf} says: 15002, or 15012 on
     * the loopback when {@code connect.auth} puts the TLS proxy in front of it.
     */
    int connectGrpcPort() {
        return configMap(RELEASE + "-connect")
                .get("spark-defaults.conf")
                .lines()
                .filter(l -> l.startsWith("spark.connect.grpc.binding.port="))
                .map(l -> Integer.parseInt(l.substring(l.indexOf('=') + 1).trim()))
                .reduce((a, b) -> b)
                .orElse(15002);
    }

    /** The decoded keys of a Secret ({@code data} base64, or {@code stringData}). */
    Map<String, String> secret(String name) {
        Map<String, Object> secret = object("Secret", name);
        Map<String, String> out = new LinkedHashMap<>();
        if (secret.get("data") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> out.put(
                    String.valueOf(k),
                    new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
        }
        if (secret.get("stringData") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** The pod spec of a workload (Deployment, StatefulSet, Job) or a Pod. */
    Map<String, Object> podSpec(String kind, String name) {
        Map<String, Object> object = object(kind, name);
        if ("Pod".equals(kind)) {
            return map(object, "spec");
        }
        return map(map(map(object, "spec"), "template"), "spec");
    }

    /** The pod template (metadata and spec) of a workload. */
    Map<String, Object> podTemplate(String kind, String name) {
        return map(map(object(kind, name), "spec"), "template");
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(map(object, "metadata").get("name"));
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) Objects.requireNonNull(map);
    }
}
