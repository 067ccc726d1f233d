package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.OutputException;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.TemplateException;
import io.sparkk8s.api.UnknownBlockException;
import io.sparkk8s.api.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

    @TempDir
    Path catalog;

    @BeforeEach
    void catalogWithOnePreset() throws IOException {
        Files.createDirectories(catalog.resolve("presets"));
        preset("friendly", "demo:\n    greeting: hi\n");
    }

    private Path preset(String name, String valuesBody) throws IOException {
        Path file = catalog.resolve("presets/" + name + ".yaml");
        Files.writeString(
                file,
                "name: " + name + "\ndescription: A preset used by the tests.\nlines: [\"4.1\"]\n" + "values:\n  "
                        + valuesBody);
        return file;
    }

    private GenerationRequest request() {
        return GenerationRequest.forCatalog(catalog)
                .lines(Set.of(SparkLine.SPARK_4_1))
                .build();
    }

    private static Generator generator(TestBlock... blocks) {
        return Generator.of(List.of(blocks), GenerationListener.SILENT);
    }

    @Nested
    class Rendering {
        @Test
        void rendersTheBlockTemplateWithTheToggleValuesExpression() {
            GeneratedChart chart =
                    generator(TestBlock.simple()).generate(request()).chart("spark-4.1");
            assertThat(chart.file("templates/demo-configmap.yaml"))
                    .contains("{{- if .Values.demo.enabled }}")
                    .contains("greeting: {{ .Values.demo.greeting | quote }}");
            assertThat(chart.file("values.yaml"))
                    .contains("  # What the ConfigMap says. One of: hello, hi.\n  greeting: hello\n");
            assertThat(chart.file("values.schema.json"))
                    .contains("\"additionalProperties\": false")
                    .contains("\"enum\": [\"hello\", \"hi\"]");
            assertThat(chart.file("presets/friendly.yaml"))
                    .startsWith("# yaml-language-server: $schema=../values.schema.json\n")
                    .contains("demo:\n  greeting: hi\n");
        }

        @Test
        void subchartLayoutRendersTheSameTemplateAgainstTheSubchartValues() {
            GenerationRequest request = request().toBuilder()
                    .layouts(Map.of(SparkLine.SPARK_4_1, io.sparkk8s.api.Layout.SUBCHART))
                    .build();
            GeneratedChart chart =
                    generator(TestBlock.simple()).generate(request).chart("spark-4.1");
            assertThat(chart.file("charts/demo/templates/configmap.yaml"))
                    .contains("{{- if .Values.enabled }}")
                    .contains("{{ .Values.greeting | quote }}");
            assertThat(chart.file("Chart.yaml"))
                    .contains("alias: demo")
                    .contains("condition: demo.enabled")
                    .contains("repository: \"file://charts/demo\"");
        }

        @Test
        void generatingTwiceGivesTheSameBytes() {
            GenerationResult first = generator(TestBlock.simple()).generate(request());
            GenerationResult second = generator(TestBlock.simple()).generate(request());
            assertThat(second.chart("spark-4.1").files())
                    .isEqualTo(first.chart("spark-4.1").files());
        }

        @Test
        void pebbleRunsWithStrictVariables() {
            TestBlock block = new TestBlock("demo", "demo", TestBlock.simple().values(), List.of("strict.yaml"));
            assertThatThrownBy(() -> generator(block).generate(request()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("strict.yaml")
                    .hasMessageContaining("noSuchVariable");
        }
    }

    @Nested
    class CrossCheck {
        @Test
        void aTemplateReadingAnUndeclaredPathFailsNamingTheFileAndPath() {
            TestBlock block = new TestBlock("demo", "demo", TestBlock.simple().values(), List.of("undeclared.yaml"));
            assertThatThrownBy(() -> generator(block).generate(request()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("templates/demo-undeclared.yaml reads .Values.demo.farewell");
        }

        @Test
        void aDeclaredPathNoTemplateReadsFailsNamingTheValue() {
            TestBlock block = new TestBlock(
                    "demo",
                    "demo",
                    List.of(
                            Value.bool("enabled", true, "Deploy the demo."),
                            Value.string("greeting", "hello", "What the ConfigMap says."),
                            Value.string("unused", "x", "Read by nobody.")),
                    List.of("configmap.yaml"));
            assertThatThrownBy(() -> generator(block).generate(request()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("value demo.unused is declared by demo but no template");
        }
    }

    @Nested
    class BadInput {
        @Test
        void unknownBlockIdListsTheKnownIds() {
            GenerationRequest request =
                    request().toBuilder().includeBlocks(Set.of("demoo")).build();
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request))
                    .isInstanceOf(UnknownBlockException.class)
                    .hasMessageContaining("unknown block id 'demoo'")
                    .hasMessageContaining("did you mean 'demo'")
                    .hasMessageContaining("known blocks: demo")
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.type(UnknownBlockException.class))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(UnknownBlockException.Reason.UNKNOWN_ID);
                        assertThat(e.blockId()).isEqualTo("demoo");
                        assertThat(e.knownIds()).containsExactly("demo");
                    });
        }

        @Test
        void duplicateBlockIdIsRejected() {
            assertThatThrownBy(() -> generator(TestBlock.simple(), TestBlock.simple()))
                    .isInstanceOf(UnknownBlockException.class)
                    .hasMessageContaining("duplicate block id 'demo'")
                    .extracting(e -> ((UnknownBlockException) e).reason(), e -> ((UnknownBlockException) e).blockId())
                    .containsExactly(UnknownBlockException.Reason.DUPLICATE, "demo");
        }

        @Test
        void presetWithAnUnknownKeyNamesFileKeyAndSuggestion() throws IOException {
            preset("typo", "demo:\n    greting: hi\n");
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("presets/typo.yaml")
                    .hasMessageContaining("values.demo")
                    .hasMessageContaining("unknown key 'greting'")
                    .hasMessageContaining("did you mean 'greeting'");
        }

        @Test
        void presetWithAWrongTypeNamesThePathAndTheValue() throws IOException {
            preset("wrong", "demo:\n    enabled: \"yes\"\n");
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("`values.demo.enabled` in presets/wrong.yaml")
                    .hasMessageContaining("expected boolean, found 'yes'");
        }

        @Test
        void presetWithABadEnumValueListsTheAllowedValues() throws IOException {
            preset("enum", "demo:\n    greeting: howdy\n");
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("values.demo.greeting")
                    .hasMessageContaining("'howdy' is not one of 'hello', 'hi'");
        }

        @Test
        void presetMissingItsDescriptionIsRejectedByThePresetSchema() throws IOException {
            Files.writeString(catalog.resolve("presets/bare.yaml"), "name: bare\nlines: [\"4.1\"]\nvalues: {}\n");
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("presets/bare.yaml")
                    .hasMessageContaining("missing required key 'description'");
        }

        @Test
        void unreadablePresetFileIsNamed() throws IOException {
            Path file = preset("locked", "demo: {}\n");
            Files.delete(file);
            Files.createDirectory(file);
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("presets/locked.yaml")
                    .hasMessageContaining("is a folder, not a file");
        }

        @Test
        void brokenYamlNamesTheLine() throws IOException {
            Files.writeString(catalog.resolve("presets/broken.yaml"), "name: broken\n  bad: [\n");
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("presets/broken.yaml")
                    .hasMessageContaining("line 2");
        }

        @Test
        void unknownOverridePathIsNamed() {
            GenerationRequest request = request().toBuilder()
                    .overrides(Map.of("demo.greting", "hi"))
                    .build();
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("demo.greting")
                    .hasMessageContaining("did you mean 'demo.greeting'");
        }

        @Test
        void overrideOutsideTheEnumIsReportedAgainstTheOverride() {
            GenerationRequest request = request().toBuilder()
                    .overrides(Map.of("demo.greeting", "howdy"))
                    .build();
            assertThatThrownBy(() -> generator(TestBlock.simple()).generate(request))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("`demo.greeting` in overrides: ")
                    .hasMessageContaining("'howdy'")
                    .hasMessageContaining("hello");
        }
    }

    @Nested
    class Writing {
        @TempDir
        Path out;

        @Test
        void outputPathThatIsAFileIsRejectedAndLeftAlone() throws IOException {
            Path file = out.resolve("charts");
            Files.writeString(file, "keep me");
            GenerationResult result = generator(TestBlock.simple()).generate(request());
            assertThatThrownBy(() -> ChartOutput.directory(file).write(result))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("is a file");
            assertThat(Files.readString(file)).isEqualTo("keep me");
        }

        /** An unusable output is refused before any chart is generated: the broken block never gets rendered. */
        @Test
        void anOutputInsideAChartIsRefusedBeforeGenerating() throws IOException {
            Files.writeString(out.resolve("Chart.yaml"), "name: mine\n");
            TestBlock broken = new TestBlock("demo", "demo", TestBlock.simple().values(), List.of("undeclared.yaml"));
            assertThatThrownBy(() -> generator(broken).generate(request(), ChartOutput.directory(out.resolve("x"))))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining("lies inside the chart " + out);
            assertThat(out.resolve("x")).doesNotExist();
        }

        @Test
        void staleFilesDisappearAndAFailedRunKeepsThePreviousOutput() throws IOException {
            Path chart = out.resolve("spark-4.1");
            generator(TestBlock.simple()).generate(request(), ChartOutput.directory(out));
            Files.writeString(chart.resolve("templates/stale.yaml"), "old");
            generator(TestBlock.simple()).generate(request(), ChartOutput.directory(out));
            assertThat(chart.resolve("templates/stale.yaml")).doesNotExist();
            assertThat(chart.resolve("templates/demo-configmap.yaml")).exists();

            String before = Files.readString(chart.resolve("values.yaml"));
            TestBlock broken = new TestBlock("demo", "demo", TestBlock.simple().values(), List.of("undeclared.yaml"));
            assertThatThrownBy(() -> generator(broken).generate(request(), ChartOutput.directory(out)))
                    .isInstanceOf(TemplateException.class);
            assertThat(Files.readString(chart.resolve("values.yaml"))).isEqualTo(before);
            try (var files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("spark-4.1", ChartOutput.LOCK);
            }
        }
    }
}
