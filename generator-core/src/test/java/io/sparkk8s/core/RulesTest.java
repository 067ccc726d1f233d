package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The composition-rule stage: how conditions hold on values, what a violation reports, the Helm form. */
class RulesTest {

    private static final Map<String, Object> VALUES = Map.of(
            "connect", Map.of("enabled", true, "backendMode", "standalone", "replicas", 2L, "url", ""),
            "standalone", Map.of("enabled", false),
            "list", Map.of("items", List.of("a", "b")),
            "jobs",
                    Map.of(
                            "apps",
                            Map.of("nightly", Map.of("schedule", "@daily"), "adhoc", Map.of("runner", "connect"))));

    @Test
    void eachConditionKindHoldsAsDocumented() {
        assertThat(Rules.holds(Condition.enabled("connect"), VALUES)).isTrue();
        assertThat(Rules.holds(Condition.enabled("standalone"), VALUES)).isFalse();
        assertThat(Rules.holds(Condition.eq("connect.replicas", 2.0), VALUES))
                .as("numbers compare by value")
                .isTrue();
        assertThat(Rules.holds(Condition.eq("connect.missing", "x"), VALUES)).isFalse();
        assertThat(Rules.holds(Condition.present("connect.backendMode"), VALUES))
                .isTrue();
        assertThat(Rules.holds(Condition.present("connect.url"), VALUES))
                .as("empty is absent")
                .isFalse();
        assertThat(Rules.holds(Condition.contains("list.items", "b"), VALUES)).isTrue();
        assertThat(Rules.holds(Condition.not(Condition.contains("list.items", "c")), VALUES))
                .isTrue();
        assertThat(Rules.holds(Condition.all(Condition.enabled("connect"), Condition.enabled("standalone")), VALUES))
                .isFalse();
        assertThat(Rules.holds(Condition.any(Condition.enabled("connect"), Condition.enabled("standalone")), VALUES))
                .isTrue();
        assertThat(Rules.holds(Condition.anyEntry("jobs.apps", "runner", "connect"), VALUES))
                .as("one entry of two has it")
                .isTrue();
        assertThat(Rules.holds(Condition.anyEntry("jobs.apps", "runner", "submit"), VALUES))
                .as("an entry without the key does not match, whatever the entry model's default")
                .isFalse();
        assertThat(Rules.holds(Condition.anyEntry("connect.missing", "runner", "connect"), VALUES))
                .isFalse();
        assertThat(Rules.holds(Condition.nonEmpty("list.items"), VALUES)).isTrue();
        assertThat(Rules.holds(Condition.nonEmpty("list.missing"), VALUES))
                .as("an absent list has no entry")
                .isFalse();
    }

    /** A list condition: the schema, Java and Helm read an empty, an absent and a filled list alike. */
    @Test
    void aNonEmptyConditionHasTheSameVerdictInTheSchemaAndItsHelmFormTestsEmptiness() {
        Condition c = Condition.nonEmpty("list.items");
        Map<String, Object> schema = new java.util.LinkedHashMap<>(ValuesSchema.condition(c, java.util.Set.of("list")));
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        SchemaValidator validator = SchemaValidator.of(schema);
        List<Map<String, Object>> cases = List.of(
                VALUES,
                Map.of("list", Map.of("items", List.of())),
                Map.of("list", Map.of()),
                Map.of("list", Map.of("items", List.of("only"))));
        for (Map<String, Object> values : cases) {
            assertThat(validator.validate(values, "values.yaml", "").isEmpty())
                    .as("schema verdict on %s", values)
                    .isEqualTo(Rules.holds(c, values));
        }
        assertThat(Rules.helm(c, path -> ".Values." + path)).isEqualTo("(not (empty .Values.list.items))");
        assertThat(Rules.helm(Condition.not(c), path -> ".Values." + path)).isEqualTo("(empty .Values.list.items)");
        assertThat(Rules.helm(c, path -> null)).isEqualTo("false");
    }

    /** The schema form of an entry condition says what {@link Rules#holds} says, on matching and other maps. */
    @Test
    void anEntryConditionHasTheSameVerdictInTheSchema() {
        Condition c = Condition.anyEntry("jobs.apps", "runner", "connect");
        Map<String, Object> schema = new java.util.LinkedHashMap<>(ValuesSchema.condition(c, java.util.Set.of("jobs")));
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        SchemaValidator validator = SchemaValidator.of(schema);
        List<Map<String, Object>> cases = List.of(
                VALUES,
                Map.of("jobs", Map.of("apps", Map.of("a", Map.of("runner", "submit")))),
                Map.of("jobs", Map.of("apps", Map.of())),
                Map.of("jobs", Map.of("apps", Map.of("a", Map.of(), "b", Map.of("runner", "connect")))));
        for (Map<String, Object> values : cases) {
            assertThat(validator.validate(values, "values.yaml", "").isEmpty())
                    .as("schema verdict on %s", values)
                    .isEqualTo(Rules.holds(c, values));
        }
        assertThat(Rules.helm(c, path -> ".Values." + path))
                .isEqualTo("(eq (include \"sparkk8s.anyEntry\" (dict \"map\" .Values.jobs.apps \"key\" \"runner\" "
                        + "\"value\" \"connect\")) \"true\")");
        assertThat(Rules.helm(c, path -> null)).isEqualTo("false");
    }

    @Test
    void aViolatedRuleIsAProblemAtTheFirstPathOfItsThenAndAHeldOneIsNot() {
        Rule needsMaster = new Rule(
                "standalone-backend",
                Condition.eq("connect.backendMode", "standalone"),
                Condition.enabled("standalone"),
                "backendMode standalone needs the standalone block");
        Rule satisfied =
                new Rule("k8s", Condition.eq("connect.backendMode", "k8s"), Condition.enabled("standalone"), "unused");
        List<Problem> problems = Rules.check(List.of(needsMaster, satisfied), VALUES, "values.yaml");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("values.yaml");
            assertThat(p.path()).isEqualTo("standalone.enabled");
            assertThat(p.message()).contains("standalone");
        });
    }

    @Test
    void theHelmFormReadsTheSamePathsAndTreatsUnknownOnesAsAbsent() {
        Condition c =
                Condition.all(Condition.enabled("jupyter"), Condition.not(Condition.present("jupyter.connectUrl")));
        String helm = Rules.helm(c, path -> ".Values." + path);
        assertThat(helm).contains(".Values.jupyter.enabled").contains(".Values.jupyter.connectUrl");
        String elsewhere = Rules.helm(Condition.enabled("connect"), path -> null);
        assertThat(elsewhere).doesNotContain("connect").contains("false");
    }
}
