package io.sparkk8s.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.ImageValues;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import io.sparkk8s.api.ValuesModel;
import io.sparkk8s.core.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in blocks as a block author's contract sees them, each on its own and all composed together. */
class BuiltInBlocksTest {

    private static final List<Block> BLOCKS = ServiceLoader.load(Block.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    private static final Generator GENERATOR = Generator.of(BLOCKS, GenerationListener.SILENT);

    private static SparkProfile profile(SparkLine line) {
        return GENERATOR.profile(line);
    }

    @Test
    void theServiceFileRegistersEveryBuiltInBlockOnce() {
        assertThat(BLOCKS)
                .extracting(Block::id)
                .containsExactlyInAnyOrder(
                        "airflow",
                        "connect",
                        "history-server",
                        "hive-metastore",
                        "jobs",
                        "jupyter",
                        "minio",
                        "mlflow",
                        "postgresql",
                        "standalone");
        assertThat(BLOCKS.stream().map(Block::valuesKey).collect(Collectors.toSet()))
                .hasSize(BLOCKS.size());
    }

    @Nested
    class EachBlock {
        @Test
        void itsModelStartsWithEnabledAndListsAnImageForEveryImageTag() {
            for (Block block : BLOCKS) {
                for (SparkLine line : block.lines()) {
                    ValuesModel model = block.values(profile(line)).on(line);
                    assertThat(model.values().get(0).path()).as(block.id()).isEqualTo("enabled");
                    Set<String> tags = model.values().stream()
                            .filter(v ->
                                    v.format() == ValueFormat.IMAGE_TAG || v.format() == ValueFormat.SPARK_IMAGE_TAG)
                            .map(Value::path)
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertThat(model.images())
                            .as(block.id() + " on " + line)
                            .isNotEmpty()
                            .extracting(ImageValues::tagPath)
                            .containsExactlyInAnyOrderElementsOf(tags);
                    // a Spark workload's empty tag follows global.spark.image (pinned by the chart); others pin their
                    // own
                    model.images().stream()
                            .filter(image ->
                                    model.find(image.tagPath()).orElseThrow().format() == ValueFormat.IMAGE_TAG)
                            .forEach(image -> assertThat((String) model.find(image.tagPath())
                                            .orElseThrow()
                                            .defaultValue())
                                    .as(block.id() + " pins " + image.prefix())
                                    .isNotBlank()
                                    .isNotEqualTo("latest"));
                }
            }
        }

        @Test
        void everyTemplateItNamesIsOnTheClassPath() {
            for (Block block : BLOCKS) {
                for (String template : block.templates()) {
                    assertThat(block.getClass().getClassLoader().getResource(block.templateFolder() + template))
                            .as(block.id() + ": " + block.templateFolder() + template)
                            .isNotNull();
                }
            }
        }

        @Test
        void theS3StoreIsServedByExactlyOneBlockAtOneOfItsEndpoints() {
            List<Block> stores =
                    BLOCKS.stream().filter(b -> b.provides().contains(Block.S3)).toList();
            assertThat(stores).extracting(Block::id).containsExactly("minio");
            Endpoint endpoint = stores.get(0).s3Endpoint().orElseThrow();
            assertThat(stores.get(0).endpoints()).contains(endpoint);
            assertThat(BLOCKS.stream().filter(b -> !b.provides().contains(Block.S3)))
                    .allSatisfy(b -> assertThat(b.s3Endpoint()).as(b.id()).isEmpty());
        }

        @Test
        void everyRequirementHasABuiltInProviderOrAnExternalValueTheBlockDeclares() {
            Set<String> provided =
                    BLOCKS.stream().flatMap(b -> b.provides().stream()).collect(Collectors.toSet());
            for (Block block : BLOCKS) {
                for (Requirement requirement : block.requires()) {
                    boolean external = !requirement.externalValue().isEmpty();
                    assertThat(provided.contains(requirement.capability()) || external)
                            .as(block.id() + " requires " + requirement.capability())
                            .isTrue();
                    if (external && !requirement.externalValue().startsWith("global.")) {
                        SparkLine line = block.lines().iterator().next();
                        assertThat(block.values(profile(line)).find(requirement.externalValue()))
                                .as(block.id() + " declares " + requirement.externalValue())
                                .isPresent();
                    }
                }
            }
        }
    }

    @Test
    void allBlocksComposeIntoBothChartsWithTemplatesAndModelsInAgreement(@TempDir Path catalog) throws Exception {
        Files.createDirectories(catalog.resolve("presets"));
        GenerationResult result =
                GENERATOR.generate(GenerationRequest.forCatalog(catalog).build());
        assertThat(result.charts()).extracting(c -> c.name()).containsExactly("spark-3.5", "spark-4.1");
        assertThat(result.chart("spark-4.1").file("Chart.yaml"))
                .contains("image: apache/hive:4.0.0")
                .contains("name: hive-metastore-jdbcDriverImage");
    }
}
