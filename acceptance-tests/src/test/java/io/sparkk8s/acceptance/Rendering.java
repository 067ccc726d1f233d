package io.sparkk8s.acceptance;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.sparkk8s.verify.OfflineTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * {@code helm template} inside the JVM (helm-java, always with a Kubernetes version) and the bits the tests need
 * around it: values files written by a YAML emitter (never by string substitution), deep merges of overlays and
 * the rendered objects by kind and name.
 */
final class Rendering {

    private Rendering() {}

    /** One rendered object: its kind, name, parsed content and YAML text. */
    record Manifest(String kind, String name, Map<String, Object> content, String text) {}

    /**
     * Renders a chart with one values file.
     *
     * @throws IllegalStateException with Helm's error text when Helm fails (schema, template or YAML errors)
     */
    static String template(Path chart, Path values, String release, String namespace, String kubeVersion) {
        TemplateCommand command = new Helm(offline(chart))
                .template()
                .withName(release)
                .withNamespace(namespace)
                .withKubeVersion(kubeVersion);
        if (values != null) {
            command = command.withValuesFile(values);
        }
        return command.call();
    }

    private static final Map<Path, Path> OFFLINE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A copy of the chart (made once per JVM) whose {@code lookup} calls give the empty map {@code helm template}
     * gives: helm-java would ask the cluster of the current kube context instead ({@link OfflineTemplates}).
     */
    static Path offline(Path chart) {
        return OFFLINE.computeIfAbsent(chart.toAbsolutePath().normalize(), source -> {
            try {
                Path target = Files.createTempDirectory("sparkk8s-offline-")
                        .resolve(source.getFileName().toString());
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path to = target.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else if (source.relativize(file).toString().contains("templates")) {
                            Files.writeString(
                                    to,
                                    OfflineTemplates.withoutLookups(Files.readString(file, StandardCharsets.UTF_8)),
                                    StandardCharsets.UTF_8);
                        } else {
                            Files.copy(file, to);
                        }
                    }
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The documents of multi-document YAML, empty documents skipped. */
    @SuppressWarnings("unchecked")
    static List<Manifest> manifests(String yaml) {
        List<Manifest> out = new ArrayList<>();
        for (String text : yaml.split("(?m)^---\\s*$")) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(text);
            if (doc instanceof Map<?, ?> map && map.get("kind") != null) {
                Map<String, Object> metadata = (Map<String, Object>) map.get("metadata");
                out.add(new Manifest(
                        String.valueOf(map.get("kind")),
                        String.valueOf(metadata.get("name")),
                        (Map<String, Object>) map,
                        text));
            }
        }
        return out;
    }

    /** The one object of a kind and name, if rendered. */
    static Optional<Manifest> find(List<Manifest> manifests, String kind, String name) {
        return manifests.stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals(name))
                .findFirst();
    }

    /** Writes a values file with a YAML emitter (block style, UTF-8). */
    static Path writeValues(Path file, Map<String, Object> values) {
        DumpSettings settings =
                DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        try {
            Files.writeString(file, new Dump(settings).dumpToString(values), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
