package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.Problem;
import io.sparkk8s.api.TemplateException;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A map of a nested model ({@code jobs.apps.<name>.*}) through every consumer of the chart model. */
@SuppressWarnings("unchecked")
class ModelMapTest {

    private static final ValuesModel APP = ValuesModel.builder()
            .add(Value.string("schedule", "", "Cron schedule.").pattern("^$|^@daily$|^[0-9* ]+$"))
            .add(Value.string("concurrencyPolicy", "Forbid", "Concurrency.").allowed("Allow", "Forbid", "Replace"))
            .add(Value.string("driver.memory", "1g", "Driver heap.").sparkConf("spark.driver.memory"))
            .add(Value.sparkSettings("sparkConf", "Spark settings."))
            .build();

    private static final ChartModel MODEL = new ChartModel.Builder()
            .section(
                    "jobs",
                    "Jobs",
                    List.of(
                            Value.bool("enabled", false, "On."),
                            Value.modelMap("apps", APP, "One application.")
                                    .examples(Map.of("nightly", Map.of("schedule", "@daily")))),
                    "jobs")
            .build();

    private static Map<String, Object> at(Map<String, Object> node, String... keys) {
        for (String key : keys) {
            node = (Map<String, Object>) ((Map<String, Object>) node.get("properties")).get(key);
        }
        return node;
    }

    @Test
    void theSchemaChecksNamesAndEachEntryAgainstOneDefinition() {
        Map<String, Object> schema = ValuesSchema.build(MODEL, "t", List.of());
        Map<String, Object> apps = at(schema, "jobs", "apps");
        assertThat(apps)
                .containsEntry("type", "object")
                .containsEntry("additionalProperties", false)
                .containsEntry(
                        "patternProperties",
                        Map.of(
                                Value.ENTRY_NAME_PATTERN,
                                Map.of("$ref", "#/definitions/jobsAppsEntry", "description", "One application.")))
                .containsEntry("propertyNames", Map.of("maxLength", Value.ENTRY_NAME_MAX))
                .containsEntry("default", Map.of());
        Map<String, Object> entry =
                (Map<String, Object>) ((Map<String, Object>) schema.get("definitions")).get("jobsAppsEntry");
        assertThat(entry).containsEntry("additionalProperties", false);
        assertThat(at(entry, "concurrencyPolicy"))
                .containsEntry("default", "Forbid")
                .containsEntry("enum", List.of("Allow", "Forbid", "Replace"));
        assertThat(at(entry, "driver", "memory").get("description"))
                .isEqualTo("Driver heap. Spark setting: spark.driver.memory.");

        SchemaValidator validator = SchemaValidator.of(schema);
        assertThat(validator.validate(
                        Map.of("jobs", Map.of("apps", Map.of("nightly", Map.of("schedule", "@daily")))), "v.yaml", ""))
                .isEmpty();
        List<Problem> bad = validator.validate(
                Map.of("jobs", Map.of("apps", Map.of("nightly", Map.of("concurrencyPolicy", "Sometimes")))),
                "v.yaml",
                "");
        assertThat(bad).extracting(Problem::path).contains("jobs.apps.nightly.concurrencyPolicy");
        assertThat(validator.validate(
                        Map.of("jobs", Map.of("apps", Map.of("nightly", Map.of("shedule", "@daily")))), "v.yaml", ""))
                .isNotEmpty();
        assertThat(validator.validate(Map.of("jobs", Map.of("apps", Map.of("Nightly_Job", Map.of()))), "v.yaml", ""))
                .isNotEmpty();
        assertThat(validator.validate(
                        Map.of("jobs", Map.of("apps", Map.of("a".repeat(Value.ENTRY_NAME_MAX + 1), Map.of()))),
                        "v.yaml",
                        ""))
                .isNotEmpty();
    }

    @Test
    void valuesYamlHoldsAnEmptyMapAndACommentedExample() {
        String yaml = ValuesYaml.write(MODEL, "h");
        assertThat(yaml)
                .contains("  apps: {}\n  # For example:\n  # apps:\n  #   nightly:\n  #     schedule: '@daily'\n")
                .doesNotContain(Value.ENTRY_PLACEHOLDER);
        assertThat(Values.defaults(MODEL)).isEqualTo(Map.of("jobs", Map.of("enabled", false, "apps", Map.of())));
    }

    @Test
    void documentsListTheKeysOfOneEntryUnderThePlaceholder() {
        assertThat(MODEL.withEntryModels())
                .extracting(ChartModel.Entry::path)
                .containsExactly(
                        "jobs.enabled",
                        "jobs.apps",
                        "jobs.apps.<name>.schedule",
                        "jobs.apps.<name>.concurrencyPolicy",
                        "jobs.apps.<name>.driver.memory",
                        "jobs.apps.<name>.sparkConf");
        assertThat(MODEL.entries()).hasSize(2);
        assertThat(MODEL.findDocumented("jobs.apps.<name>.schedule")).isPresent();
    }

    private static CrossCheck.Source source(String text) {
        return new CrossCheck.Source("spark-4.1/templates/jobs.yaml", text, Function.identity());
    }

    private static final String READS_ALL = "{{ if .Values.jobs.enabled }}{{ range $name, $app := .Values.jobs.apps }}"
            + "{{ $app.schedule }}{{ $app.concurrencyPolicy }}{{ $app.driver }}{{ $app.sparkConf }}{{ end }}{{ end }}";

    @Test
    void theCrossCheckReadsEntryReadsAgainstTheEntryModel() {
        assertThatCode(() -> CrossCheck.check("spark-4.1", MODEL, List.of(source(READS_ALL))))
                .doesNotThrowAnyException();
        // a read below an open map of the entry is covered by the map
        assertThatCode(() ->
                        CrossCheck.check("spark-4.1", MODEL, List.of(source(READS_ALL + "{{ $app.sparkConf.spark }}"))))
                .doesNotThrowAnyException();
    }

    @Test
    void anUndeclaredEntryReadIsCaught() {
        assertThatThrownBy(
                        () -> CrossCheck.check("spark-4.1", MODEL, List.of(source(READS_ALL + "{{ $app.shedule }}"))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("spark-4.1/templates/jobs.yaml reads $app.shedule");
    }

    @Test
    void anUnreadEntryValueIsCaught() {
        assertThatThrownBy(() -> CrossCheck.check(
                        "spark-4.1", MODEL, List.of(source(READS_ALL.replace("{{ $app.concurrencyPolicy }}", "")))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("value jobs.apps.<name>.concurrencyPolicy is declared by jobs but no template");
    }
}
