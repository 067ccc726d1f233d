package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.TemplateException;
import io.sparkk8s.api.Value;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cross-check stage: every read is declared, every declared block value is read. */
class CrossCheckTest {

    private static final ChartModel MODEL = new ChartModel.Builder()
            .section("global", "g", List.of(Value.string("unusedChartValue", "", "Read only when needed.")), "chart")
            .section(
                    "demo",
                    "d",
                    List.of(
                            Value.bool("enabled", true, "On."),
                            Value.stringMap("env", java.util.Map.of(), "Env."),
                            Value.string("greeting", "hi", "Greeting.")),
                    "demo")
            .build();

    private static CrossCheck.Source toggle(String text) {
        return new CrossCheck.Source("spark-4.1/templates/demo.yaml", text, Function.identity());
    }

    @Test
    void readsOfEveryBlockValueAndBelowAnOpenMapPass() {
        assertThatCode(
                        () -> CrossCheck.check(
                                "spark-4.1",
                                MODEL,
                                List.of(
                                        toggle(
                                                "{{ if .Values.demo.enabled }}{{ .Values.demo.greeting }}{{ .Values.demo.env.FOO }}{{ end }}"))))
                .doesNotThrowAnyException();
    }

    @Test
    void anUndeclaredReadNamesTheFileAndThePath() {
        assertThatThrownBy(
                        () -> CrossCheck.check(
                                "spark-4.1",
                                MODEL,
                                List.of(
                                        toggle(
                                                "{{ .Values.demo.enabled }}{{ .Values.demo.greeting }}{{ .Values.demo.env }}{{ .Values.demo.greting }}"))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("spark-4.1/templates/demo.yaml reads .Values.demo.greting");
    }

    @Test
    void anUnreadBlockValueNamesItsBlock() {
        assertThatThrownBy(() -> CrossCheck.check(
                        "spark-4.1", MODEL, List.of(toggle("{{ .Values.demo.enabled }}{{ .Values.demo.env }}"))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("value demo.greeting is declared by demo but no template of spark-4.1 reads it");
    }

    @Test
    void subchartReadsAreMappedToAbsolutePaths() {
        CrossCheck.Source subchart = new CrossCheck.Source(
                "charts/demo/templates/x.yaml",
                "{{ .Values.enabled }}{{ .Values.greeting }}{{ .Values.env }}",
                path -> "demo." + path);
        assertThatCode(() -> CrossCheck.check("spark-3.5", MODEL, List.of(subchart)))
                .doesNotThrowAnyException();
    }
}
