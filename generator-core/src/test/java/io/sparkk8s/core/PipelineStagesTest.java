package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.Layout;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.SparkLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stages Generator.generate runs in order: the schema built once, validation, the two layout renderers. */
class PipelineStagesTest {

    @TempDir
    Path catalog;

    private Composition toggle;
    private Composition subcharts;

    @BeforeEach
    void compose() throws IOException {
        Files.createDirectories(catalog.resolve("presets"));
        BlockRegistry registry = BlockRegistry.of(List.of(TestBlock.simple()));
        Composer composer = new Composer(registry, SparkProfiles.builtIn());
        GenerationRequest request = GenerationRequest.forCatalog(catalog).build();
        toggle = composer.compose(SparkLine.SPARK_4_1, request, List.of());
        subcharts = composer.compose(SparkLine.SPARK_3_5, request, List.of());
    }

    @Test
    void theSchemaIsBuiltOnceAndItsStructureCopyStaysApart() {
        Composition withRule = new Composition(
                toggle.profile(),
                toggle.layout(),
                toggle.blocks(),
                toggle.endpoints(),
                List.of(new Rule(
                        "demo-hi",
                        Condition.enabled("demo"),
                        Condition.eq("demo.greeting", "hi"),
                        "{demo.greeting} must be hi")),
                toggle.presets(),
                toggle.model());
        ChartSchema schema = ChartSchema.of(withRule);
        assertThat(schema.full()).containsKey("allOf");
        assertThat(schema.structure()).doesNotContainKey("allOf");
        // the umbrella renderer adds to the written schema; the validator's copy must not change with it
        ChartRenderer.of(Layout.SUBCHART, new TemplateEngine(List.of(TestBlock.simple())))
                .chartSchema(subcharts, schema.full());
        assertThat(schema.structure().toString()).doesNotContain("a copy of the umbrella's global values");
        assertThat(schema.full().toString()).contains("a copy of the umbrella's global values");
    }

    @Test
    void theToggleAndTheSubchartRenderersPlaceTheSameBlockTemplate() {
        TemplateEngine engine = new TemplateEngine(List.of(TestBlock.simple()));
        ChartRenderer.Rendered one = ChartRenderer.of(Layout.TOGGLE, engine).render(toggle, ChartSchema.of(toggle));
        ChartRenderer.Rendered umbrella =
                ChartRenderer.of(Layout.SUBCHART, engine).render(subcharts, ChartSchema.of(subcharts));
        assertThat(ChartRenderer.of(Layout.TOGGLE, engine)).isInstanceOf(ToggleRenderer.class);
        assertThat(ChartRenderer.of(Layout.SUBCHART, engine)).isInstanceOf(SubchartRenderer.class);
        String toggled = one.chart().file("templates/demo-configmap.yaml");
        String sub = umbrella.chart().file("charts/demo/templates/configmap.yaml");
        assertThat(toggled).contains("greeting: {{ .Values.demo.greeting | quote }}");
        assertThat(sub).contains("greeting: {{ .Values.greeting | quote }}");
        assertThat(umbrella.chart().files()).containsKeys("charts/demo/Chart.yaml", "charts/demo/values.schema.json");
        assertThat(one.chart().files().keySet()).noneMatch(f -> f.startsWith("charts/"));
        // every template the chart holds goes to the cross-check
        assertThat(umbrella.sources())
                .extracting(CrossCheck.Source::file)
                .contains("spark-3.5/charts/demo/templates/configmap.yaml");
    }

    @Test
    void anOverriddenGlobalDefaultReachesTheUmbrellaAndEverySubchart() {
        Composition overridden = new Composer(BlockRegistry.of(List.of(TestBlock.simple())), SparkProfiles.builtIn())
                .compose(
                        SparkLine.SPARK_3_5,
                        GenerationRequest.forCatalog(catalog)
                                .overrides(java.util.Map.of("global.fullnameOverride", "acme"))
                                .build(),
                        List.of());
        TemplateEngine engine = new TemplateEngine(List.of(TestBlock.simple()));
        ChartRenderer.Rendered umbrella =
                ChartRenderer.of(Layout.SUBCHART, engine).render(overridden, ChartSchema.of(overridden));
        assertThat(umbrella.chart().file("values.yaml")).contains("fullnameOverride: acme");
        assertThat(umbrella.chart().file("charts/demo/values.yaml")).contains("fullnameOverride: acme");
        ChartRenderer.Rendered plain =
                ChartRenderer.of(Layout.SUBCHART, engine).render(subcharts, ChartSchema.of(subcharts));
        assertThat(plain.chart().file("charts/demo/values.yaml")).doesNotContain("acme");
    }
}
