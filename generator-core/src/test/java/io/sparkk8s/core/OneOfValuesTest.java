package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests of one key against several values inside an "any" are written as one test (schema {@code enum}, Helm
 * {@code has}), and a double negation cancels in the schema: fewer schema objects and parse nodes for Helm, the
 * same verdict as {@link Rules#holds}.
 */
class OneOfValuesTest {

    private static final Condition PORT_OR_HOST = Condition.any(
            Condition.eq("m.port", 4040L),
            Condition.present("m.host"),
            Condition.any(Condition.eq("m.port", 8080L), Condition.eq("m.port", 4040L)));

    private static final List<Map<String, Object>> CASES = List.of(
            Map.of("m", Map.of("port", 4040L)),
            Map.of("m", Map.of("port", 8080L)),
            Map.of("m", Map.of("port", 9404L)),
            Map.of("m", Map.of("port", "4040")),
            Map.of("m", Map.of("port", 9404L, "host", "h")),
            Map.of("m", Map.of("host", "")),
            Map.of("m", Map.of()));

    private static SchemaValidator validator(Condition condition) {
        Map<String, Object> schema = new LinkedHashMap<>(ValuesSchema.condition(condition, Set.of("m")));
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        return SchemaValidator.of(schema);
    }

    @Test
    void theValuesOfOneKeyAreGatheredInTheOrderTheRuleGivesThem() {
        assertThat(Rules.oneOfValues(((Condition.Any) PORT_OR_HOST).conditions()))
                .containsExactly(new Rules.OneOf("m.port", List.of(4040L, 8080L)), Condition.present("m.host"));
        assertThat(Rules.oneOfValues(List.of(Condition.eq("a", 1L), Condition.eq("b", 1L))))
                .as("one value per key stays an equality test")
                .containsExactly(Condition.eq("a", 1L), Condition.eq("b", 1L));
    }

    @Test
    void theSchemaSaysOneEnumAndTheSameVerdictAsJava() {
        assertThat(ValuesSchema.condition(PORT_OR_HOST, Set.of("m")).toString())
                .contains("enum=[4040, 8080]")
                .doesNotContain("const");
        for (Condition condition : List.of(PORT_OR_HOST, Condition.not(PORT_OR_HOST))) {
            SchemaValidator validator = validator(condition);
            for (Map<String, Object> values : CASES) {
                assertThat(validator.validate(values, "values.yaml", "").isEmpty())
                        .as("schema verdict of %s on %s", condition, values)
                        .isEqualTo(Rules.holds(condition, values));
            }
        }
    }

    @Test
    void aDoubleNegationCancelsInTheSchema() {
        Condition present = Condition.present("m.host");
        assertThat(ValuesSchema.condition(Condition.not(Condition.not(present)), Set.of("m")))
                .isEqualTo(ValuesSchema.condition(present, Set.of("m")));
        assertThat(ValuesSchema.condition(Condition.not(present), Set.of("m"))).containsOnlyKeys("not");
    }

    @Test
    void helmTestsTheKeyOnceWithHas() {
        assertThat(Rules.helm(PORT_OR_HOST, p -> ".Values." + p))
                .isEqualTo(
                        "(or (has (toString .Values.m.port) (list \"4040\" \"8080\")) (not (empty .Values.m.host)))");
        assertThat(Rules.helm(PORT_OR_HOST, p -> p.equals("m.port") ? null : ".Values." + p))
                .as("a key another subchart owns is absent here")
                .isEqualTo("(not (empty .Values.m.host))");
    }
}
