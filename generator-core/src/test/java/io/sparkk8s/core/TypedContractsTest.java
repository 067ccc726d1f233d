package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.UnknownBlockException;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import io.sparkk8s.api.ValuesModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contracts carried by types: problem origins, the S3 store capability, value formats, image lists. */
class TypedContractsTest {

    @TempDir
    Path catalog;

    @BeforeEach
    void emptyCatalog() throws IOException {
        Files.createDirectories(catalog.resolve("presets"));
        Files.writeString(
                catalog.resolve("presets/friendly.yaml"),
                "name: friendly\ndescription: A preset used "
                        + "by the tests.\nlines: [\"4.1\"]\nvalues:\n  demo:\n    greeting: hi\n");
    }

    private GenerationRequest.Builder request() {
        return GenerationRequest.forCatalog(catalog).lines(Set.of(SparkLine.SPARK_4_1));
    }

    private static Generator generator(Block... blocks) {
        return Generator.of(List.of(blocks), GenerationListener.SILENT);
    }

    /** A block serving an S3 store on its own Service and port, and reading one image. */
    record StoreBlock(Set<String> provides, Optional<Endpoint> s3Endpoint) implements Block {
        static final Endpoint API = Endpoint.api("objectStore", "object-store", 7480, "http", "S3 API");
        static final SparkProfile.Image IMAGE = new SparkProfile.Image("example/store", "1.2.3");

        static StoreBlock serving() {
            return new StoreBlock(Set.of(S3), Optional.of(API));
        }

        @Override
        public String id() {
            return "store";
        }

        @Override
        public String valuesKey() {
            return "store";
        }

        @Override
        public String description() {
            return "An S3 store for the engine tests.";
        }

        @Override
        public ValuesModel values(SparkProfile profile) {
            return ValuesModel.builder()
                    .add(Value.bool("enabled", false, "Deploy the store."))
                    .add(Value.string("greeting", "hello", "What the ConfigMap says."))
                    .image("image")
                    .addAll(CommonValues.image("image", "the store", IMAGE))
                    .build();
        }

        @Override
        public String templateFolder() {
            return "io/sparkk8s/testblocks/";
        }

        @Override
        public List<String> templates() {
            return List.of("configmap.yaml", "image.yaml");
        }

        @Override
        public List<Endpoint> endpoints() {
            return List.of(API);
        }
    }

    @Nested
    class ProblemOrigins {
        @Test
        void anUnknownOverridePathIsAnOverrideProblem() {
            assertThatThrownBy(() -> generator(TestBlock.simple())
                            .generate(request()
                                    .overrides(Map.of("demo.greetin", "hi"))
                                    .build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(Problem::origin)
                            .containsExactly(Problem.Origin.OVERRIDE));
        }

        @Test
        void anOverrideThatIsNoYamlOrBreaksTheSchemaIsAnOverrideProblem() {
            assertThatThrownBy(() -> generator(TestBlock.simple())
                            .generate(request()
                                    .overrides(Map.of("demo.greeting", "[unclosed"))
                                    .build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(Problem::origin)
                            .containsOnly(Problem.Origin.OVERRIDE));
            assertThatThrownBy(() -> generator(TestBlock.simple())
                            .generate(request()
                                    .overrides(Map.of("demo.greeting", "bonjour"))
                                    .build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(Problem::origin)
                            .containsOnly(Problem.Origin.OVERRIDE));
        }

        @Test
        void anUnknownPresetNameIsAPresetSelectionProblem() {
            assertThatThrownBy(() -> generator(TestBlock.simple())
                            .generate(request().presets(List.of("frendly")).build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.problems())
                                .extracting(Problem::origin)
                                .containsExactly(Problem.Origin.PRESET_SELECTION);
                        assertThat(e.problems().get(0).path()).isEqualTo("frendly");
                    });
        }

        @Test
        void aFolderWithoutPresetsIsACatalogProblemAndABadPresetFileIsAFileProblem() throws IOException {
            Path empty = Files.createTempDirectory(catalog, "no-presets");
            assertThatThrownBy(() -> generator(TestBlock.simple())
                            .generate(GenerationRequest.forCatalog(empty).build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(Problem::origin)
                            .containsExactly(Problem.Origin.CATALOG));
            Files.writeString(catalog.resolve("presets/broken.yaml"), "name: broken\n");
            assertThatThrownBy(() ->
                            generator(TestBlock.simple()).generate(request().build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(Problem::origin)
                            .containsOnly(Problem.Origin.FILE));
        }
    }

    @Nested
    class S3Store {
        @Test
        void theS3EndpointDefaultsToTheServiceAndPortOfTheBlockThatProvidesS3() {
            GeneratedChart chart = generator(TestBlock.simple(), StoreBlock.serving())
                    .generate(request().presets(List.of()).build())
                    .chart("spark-4.1");
            assertThat(chart.file("templates/_helpers.tpl"))
                    .contains(
                            "{{- .Values.global.s3.endpoint | default "
                                    + "(printf \"http://%s:7480\" (include \"sparkk8s.fullname\" (dict \"context\" . \"component\" \"object-store\"))) -}}")
                    .doesNotContain("\"minio\"")
                    .doesNotContain(":9000");
        }

        @Test
        void withoutAnS3BlockTheEndpointIsGlobalS3EndpointAlone() {
            GeneratedChart chart =
                    generator(TestBlock.simple()).generate(request().build()).chart("spark-4.1");
            assertThat(chart.file("templates/_helpers.tpl"))
                    .contains("{{- define \"sparkk8s.s3Endpoint\" -}}\n{{- .Values.global.s3.endpoint -}}\n{{- end -}}")
                    .doesNotContain("\"minio\"")
                    .doesNotContain(":9000");
        }

        @Test
        void aBlockThatProvidesS3WithoutItsEndpointOrTheReverseIsRefused() {
            assertThatThrownBy(() -> BlockRegistry.of(List.of(new StoreBlock(Set.of(Block.S3), Optional.empty()))))
                    .isInstanceOfSatisfying(UnknownBlockException.class, e -> assertThat(e.reason())
                            .isEqualTo(UnknownBlockException.Reason.INVALID_BLOCK))
                    .hasMessageContaining("provides s3 but names no endpoint");
            assertThatThrownBy(() -> BlockRegistry.of(List.of(new StoreBlock(Set.of(), Optional.of(StoreBlock.API)))))
                    .hasMessageContaining("does not provide s3");
            Endpoint foreign = Endpoint.api("other", "other", 9000, "http", "Not the block's.");
            assertThatThrownBy(() -> BlockRegistry.of(List.of(new StoreBlock(Set.of(Block.S3), Optional.of(foreign)))))
                    .hasMessageContaining("'other', which is not one of its endpoints()");
        }
    }

    @Nested
    class FormatsAndImages {
        @Test
        void theSchemaLimitsFollowTheFormatNotThePatternText() {
            ChartModel model = new ChartModel.Builder()
                    .section(
                            "demo",
                            "Demo",
                            List.of(
                                    Value.string("tag", "1.0", "A tag.").format(ValueFormat.IMAGE_TAG),
                                    Value.string("freeTag", "1.0", "Same pattern, no format.")
                                            .pattern(CommonValues.TAG_PATTERN),
                                    Value.string("name", "", "A name.").format(ValueFormat.DNS_NAME)),
                            "demo")
                    .build();
            @SuppressWarnings("unchecked")
            Map<String, Object> demo = (Map<String, Object>) ((Map<String, Object>)
                            ValuesSchema.build(model, "t", List.of()).get("properties"))
                    .get("demo");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) demo.get("properties");
            assertThat(props.get("tag"))
                    .containsEntry("not", Map.of("const", "latest"))
                    .containsEntry("pattern", CommonValues.TAG_CHARACTERS_PATTERN)
                    .containsEntry("maxLength", CommonValues.TAG_MAX_LENGTH);
            assertThat(props.get("freeTag"))
                    .containsEntry("pattern", CommonValues.TAG_PATTERN)
                    .doesNotContainKey("not");
            assertThat(props.get("name")).containsEntry("maxLength", 253);
        }

        @Test
        void theChartsImageAnnotationListsTheImagesTheModelsList() {
            GeneratedChart chart = generator(TestBlock.simple(), StoreBlock.serving())
                    .generate(request().build())
                    .chart("spark-4.1");
            assertThat(chart.file("Chart.yaml"))
                    .contains("image: example/store:1.2.3")
                    .contains("name: store");
        }
    }
}
