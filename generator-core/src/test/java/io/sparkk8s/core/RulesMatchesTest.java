package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Condition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A pattern condition reads the same in the engine, as a Helm expression and as JSON Schema. */
class RulesMatchesTest {

    private static final Condition MINOR = Condition.matches("connect.image.tag", "^4\\.1\\.");

    @Test
    void theEngineSearchesTheStringAndAnAbsentValueDoesNotMatch() {
        assertThat(Rules.holds(MINOR, Map.of("connect", Map.of("image", Map.of("tag", "4.1.3-scala2.13")))))
                .isTrue();
        assertThat(Rules.holds(MINOR, Map.of("connect", Map.of("image", Map.of("tag", "3.5.7")))))
                .isFalse();
        assertThat(Rules.holds(MINOR, Map.of("connect", Map.of("image", Map.of("tag", "41.1")))))
                .isFalse();
        assertThat(Rules.holds(MINOR, Map.of("connect", Map.of()))).isFalse();
    }

    @Test
    void helmGetsRegexMatchOnTheStringAndJsonSchemaAPattern() {
        assertThat(Rules.helm(MINOR, p -> ".Values." + p))
                .isEqualTo("(regexMatch \"^4\\\\.1\\\\.\" (toString (.Values.connect.image.tag | default \"\")))");
        assertThat(Rules.helm(MINOR, p -> null)).isEqualTo("false");
        assertThat(ValuesSchema.condition(MINOR, Set.of("connect")).toString())
                .contains("pattern=^4\\.1\\.", "type=string", "required=[tag]");
        assertThat(ValuesSchema.condition(MINOR, Set.of("jupyter"))).isEqualTo(Map.of("not", Map.of()));
    }
}
