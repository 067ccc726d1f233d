package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, warm generation: the engine keeps texts and verdicts of pure functions (schemas, values.yaml, template
 * renderings, the schema's verdict on a preset, preset files, READMEs) across generations in one JVM. A kept entry
 * may only return what a fresh computation returns: after a generation has filled the caches, a changed preset
 * file and a changed default must give exactly the charts a fresh JVM generates from the same inputs, and the
 * unchanged inputs again exactly the first charts.
 */
class WarmGenerationCacheTest {

    @Test
    void aWarmGenerationAfterAChangeEqualsAFreshJvmsGeneration(@TempDir Path temp) throws Exception {
        Path catalog = temp.resolve("catalog");
        copyTree(Path.of("..", "presets"), catalog.resolve("presets"));
        Generator generator = Generator.discover(GenerationListener.SILENT);
        GenerationRequest plain = GenerationRequest.forCatalog(catalog).build();
        Map<String, String> first = files(generator.generate(plain));
        // warm: the same inputs twice fill and then hit every cache
        assertThat(files(generator.generate(plain))).isEqualTo(first);

        // change a preset's value (its file, its schema verdict, the READMEs) and a default (every model-keyed text)
        Path preset = catalog.resolve("presets/connect-k8s.yaml");
        String original = Files.readString(preset);
        assertThat(original).contains("      memory: 2g\n");
        Files.writeString(
                preset, original.replace("    driver:\n      memory: 2g\n", "    driver:\n      memory: 3g\n"));
        GenerationRequest changed = GenerationRequest.forCatalog(catalog)
                .overrides(Map.of("connect.replicas", "3"))
                .build();
        Map<String, String> warm = files(generator.generate(changed));
        Map<String, String> fresh = freshJvm(catalog, temp.resolve("fresh"), "--set", "connect.replicas=3");

        // the writer adds a marker file per chart folder; every generated file is compared
        assertThat(fresh.keySet()).containsAll(warm.keySet());
        assertThat(fresh.keySet().stream().filter(f -> !warm.containsKey(f)))
                .allMatch(f -> f.endsWith("/.spark-k8s-generated"));
        for (String file : warm.keySet()) {
            assertThat(warm.get(file)).as(file).isEqualTo(fresh.get(file));
        }
        // the change did reach the charts (else the comparison above proves nothing about the caches)
        assertThat(warm.get("spark-3.5/presets/connect-k8s.yaml")).contains("memory: 3g");
        assertThat(first.get("spark-3.5/presets/connect-k8s.yaml")).doesNotContain("memory: 3g");
        assertThat(warm.get("spark-3.5/charts/connect/values.yaml"))
                .isNotEqualTo(first.get("spark-3.5/charts/connect/values.yaml"));
        assertThat(warm.get("spark-4.1/values.schema.json")).isNotEqualTo(first.get("spark-4.1/values.schema.json"));

        // and back: the first inputs give the first charts again
        Files.writeString(preset, original);
        assertThat(files(generator.generate(plain))).isEqualTo(first);
    }

    /** A preset that turns bad after a warm generation is refused: the kept verdict was for its old text. */
    @Test
    void aPresetThatTurnsBadAfterAWarmGenerationIsRefused(@TempDir Path temp) throws IOException {
        Path catalog = temp.resolve("catalog");
        copyTree(Path.of("..", "presets"), catalog.resolve("presets"));
        Generator generator = Generator.discover(GenerationListener.SILENT);
        GenerationRequest request = GenerationRequest.forCatalog(catalog).build();
        generator.generate(request);
        generator.generate(request);
        Path preset = catalog.resolve("presets/connect-k8s.yaml");
        String original = Files.readString(preset);
        assertThat(original).contains("backendMode: k8s\n");
        Files.writeString(preset, original.replace("backendMode: k8s\n", "backendMode: k9s\n"));
        assertThatThrownBy(() -> generator.generate(request))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .anyMatch(p -> p.path().equals("values.connect.backendMode")
                                && p.message().contains("k9s")));
        Files.writeString(preset, original);
        assertThat(generator.generate(request).charts()).hasSize(2);
    }

    /** Every file of every chart, under {@code <chart>/<path>}. */
    private static Map<String, String> files(GenerationResult result) {
        Map<String, String> out = new TreeMap<>();
        for (GeneratedChart chart : result.charts()) {
            chart.files().forEach((path, text) -> out.put(chart.name() + "/" + path, text));
        }
        return out;
    }

    /** The charts the CLI writes in a new JVM, read back: no cache of this JVM can reach them. */
    private static Map<String, String> freshJvm(Path catalog, Path output, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SparkK8s.class.getName(),
                "generate",
                "--catalog",
                catalog.toString(),
                "--output",
                output.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.resolveSibling("fresh.log").toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(output.resolveSibling("fresh.log")))
                .isZero();
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = output.relativize(file).toString().replace('\\', '/');
                if (!relative.endsWith(".spark-k8s.lock")) {
                    out.put(relative, Files.readString(file));
                }
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
