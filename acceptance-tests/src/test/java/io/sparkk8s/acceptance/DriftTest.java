package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** generated-charts/ is the golden tree: a fresh generation must equal it byte for byte. */
class DriftTest {

    @Test
    void regeneratingTheCatalogChangesNoByteOfGeneratedCharts() throws IOException {
        GenerationResult result = Generator.discover(GenerationListener.SILENT)
                .generate(GenerationRequest.forCatalog(Repo.ROOT).build());
        Map<String, String> expected = new TreeMap<>();
        for (GeneratedChart chart : result.charts()) {
            chart.files().forEach((path, text) -> expected.put(chart.name() + "/" + path, text));
        }
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Repo.CHARTS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                committed.put(Repo.CHARTS.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
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
        GenerationResult first = generator.generate(GenerationRequest.forCatalog(Repo.ROOT).build());
        GenerationResult second = Generator.discover(GenerationListener.SILENT)
                .generate(GenerationRequest.forCatalog(Repo.ROOT).build());
        assertThat(second).isEqualTo(first);
    }
}
