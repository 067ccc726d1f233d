package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema stage: each value kind's JSON Schema, closed objects, rules as if/then. */
class ValuesSchemaTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> schema, String... keys) {
        Map<String, Object> node = schema;
        for (String key : keys) {
            node = (Map<String, Object>) ((Map<String, Object>) node.get("properties")).get(key);
        }
        return node;
    }

    private static final ChartModel MODEL = new ChartModel.Builder()
            .section(
                    "connect",
                    "Connect",
                    List.of(
                            Value.bool("enabled", true, "On."),
                            Value.integer("replicas", 1, "Replicas.").range(0, 10),
                            Value.string("backendMode", "k8s", "Backend.").allowed("k8s", "standalone"),
                            Value.quantity("memory", "1Gi", "Memory."),
                            Value.stringList("packages", List.of(), "Jars.").pattern("^[a-z:.]+$"),
                            Value.string("driver.host", "", "Host.").sparkConf("spark.driver.host")),
                    "connect")
            .build();

    @Test
    void eachKindBecomesItsSchemaWithDescriptionAndDefault() {
        Map<String, Object> schema = ValuesSchema.build(MODEL, "t", List.of());
        assertThat(at(schema, "connect", "replicas"))
                .containsEntry("type", "integer")
                .containsEntry("minimum", 0)
                .containsEntry("maximum", 10)
                .containsEntry("default", 1L);
        assertThat(at(schema, "connect", "backendMode")).containsEntry("enum", List.of("k8s", "standalone"));
        assertThat(at(schema, "connect", "enabled")).containsEntry("type", "boolean");
        assertThat(at(schema, "connect", "packages"))
                .containsEntry("type", "array")
                .containsEntry("items", ValuesSchema.ordered("type", "string", "pattern", "^[a-z:.]+$"));
        assertThat(at(schema, "connect", "driver", "host").get("description"))
                .isEqualTo("Host. Spark setting: spark.driver.host.");
    }

    @Test
    void objectsTheModelOwnsAreClosed() {
        Map<String, Object> schema = ValuesSchema.build(MODEL, "t", List.of());
        assertThat(at(schema, "connect")).containsEntry("additionalProperties", false);
        assertThat(at(schema, "connect", "driver")).containsEntry("additionalProperties", false);
    }

    @Test
    void aRuleBecomesAnIfThenWithItsReason() {
        Rule rule = new Rule(
                "r",
                Condition.eq("connect.backendMode", "standalone"),
                Condition.eq("connect.replicas", 1),
                "standalone runs one replica");
        String json = io.sparkk8s.api.Json.write(ValuesSchema.build(MODEL, "t", List.of(rule)));
        assertThat(json).contains("\"if\"").contains("\"then\"").contains("standalone runs one replica");
        assertThat(ValuesSchema.reason(rule)).contains("standalone runs one replica");
    }
}
