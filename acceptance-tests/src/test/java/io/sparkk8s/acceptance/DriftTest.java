package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.core.ChartOutput;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generated-charts/ is the golden tree: a fresh generation must equal it byte for byte. */
class DriftTest {

    /** What a fresh {@code generate --output} writes (charts and their markers), against the committed tree. */
    @Test
    void regeneratingTheCatalogChangesNoByteOfGeneratedCharts(@TempDir Path fresh) throws IOException {
        GenerationResult result = Generator.discover(GenerationListener.SILENT)
                .generate(GenerationRequest.forCatalog(Repo.ROOT).build());
        ChartOutput.directory(fresh).write(result);
        Map<String, String> expected = tree(fresh);
        assertThat(expected)
                .as("every chart carries its marker")
                .containsKeys(result.charts().stream()
                        .map(c -> c.name() + "/" + ChartOutput.MARKER)
                        .toArray(String[]::new));
        Map<String, String> committed = tree(Repo.CHARTS);
        assertThat(committed.keySet())
                .as("files in generated-charts/ (run ./spark-k8s generate --output generated-charts)")
                .containsExactlyElementsOf(expected.keySet());
        expected.forEach((path, text) -> assertThat(committed.get(path))
                .as("generated-charts/%s differs from a fresh generation; never edit it by hand, regenerate", path)
                .isEqualTo(text));
    }

    @Test
    void generationIsDeterministic() {
        Generator generator = Generator.discover(GenerationListener.SILENT);
        GenerationResult first =
                generator.generate(GenerationRequest.forCatalog(Repo.ROOT).build());
        GenerationResult second = Generator.discover(GenerationListener.SILENT)
                .generate(GenerationRequest.forCatalog(Repo.ROOT).build());
        assertThat(second).isEqualTo(first);
    }

    /** The files below a folder, without the lock file of the output (git-ignored, not part of the charts). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(ChartOutput.LOCK))
                    .toList()) {
                files.put(
                        root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
