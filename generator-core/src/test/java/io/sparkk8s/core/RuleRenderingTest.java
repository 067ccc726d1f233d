package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;
import io.sparkk8s.api.RuleMessage;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Composition rules as Helm expressions (simplified) and as messages said per layout. */
class RuleRenderingTest {

    private static final Function<String, String> ALL_KNOWN = p -> ".Values." + p;
    private static final Rule MASTER = new Rule(
            "connect-standalone-needs-master",
            Condition.all(
                    Condition.enabled("connect"),
                    Condition.eq("connect.backendMode", "standalone"),
                    Condition.not(Condition.present("connect.standalone.masterUrl"))),
            Condition.enabled("standalone"),
            "{connect.backendMode} standalone needs a master: set {standalone.enabled}=true or "
                    + "{connect.standalone.masterUrl}=spark://<host>:7077");

    @Nested
    class HelmExpressions {

        @Test
        void aBrokenRuleIsOneFlatAndWithoutDoubleNegations() {
            assertThat(Rules.broken(MASTER, ALL_KNOWN))
                    .isEqualTo("(and (eq (toString .Values.connect.enabled) \"true\")"
                            + " (eq (toString .Values.connect.backendMode) \"standalone\") (empty .Values.connect.standalone"
                            + ".masterUrl) (not (eq (toString .Values.standalone.enabled) \"true\")))");
        }

        @Test
        void anUnknownKeyFoldsAway() {
            // installed alone, the connect subchart has no standalone key: "not false" is gone, the rest stays
            Function<String, String> connectAlone =
                    p -> p.startsWith("connect.") ? ".Values." + p.substring("connect.".length()) : null;
            String broken = Rules.broken(MASTER, connectAlone, "(include \"sparkk8s.isRoot\" .)");
            assertThat(broken)
                    .isEqualTo(
                            "(and (include \"sparkk8s.isRoot\" .) (eq (toString .Values.enabled) \"true\")"
                                    + " (eq (toString .Values.backendMode) \"standalone\") (empty .Values.standalone.masterUrl))");
            assertThat(broken).doesNotContain("false").doesNotContain("(not (not");
        }

        @Test
        void aRuleThatCannotBreakHereIsFalse() {
            Function<String, String> standaloneAlone =
                    p -> p.startsWith("standalone.") ? ".Values." + p.substring("standalone.".length()) : null;
            assertThat(Rules.broken(MASTER, standaloneAlone)).isEqualTo(Rules.FALSE);
        }

        @Test
        void notAllPresentReadsAsOneEmpty() {
            Condition both = Condition.all(Condition.present("a.x"), Condition.present("a.y"));
            assertThat(Rules.helm(Condition.not(both), ALL_KNOWN))
                    .isEqualTo("(or (empty .Values.a.x) (empty .Values.a.y))");
            assertThat(Rules.helm(Condition.not(Condition.not(Condition.present("a.x"))), ALL_KNOWN))
                    .isEqualTo("(not (empty .Values.a.x))");
        }
    }

    @Nested
    class Messages {

        @Test
        void theToggleChartAndTheUmbrellaSayKeysAsTheyAre() {
            assertThat(ValuesSchema.reason(MASTER))
                    .isEqualTo("connect.backendMode standalone needs a master: set "
                            + "standalone.enabled=true or connect.standalone.masterUrl=spark://<host>:7077 "
                            + "[rule connect-standalone-needs-master]");
        }

        @Test
        void aSubchartAloneSaysItsOwnKeysWithoutPrefixAndOthersAsTheUmbrellas() {
            assertThat(MASTER.message().render(Rules.installedAloneKey("connect", "spark-3.5")))
                    .isEqualTo("backendMode standalone needs a master: set the spark-3.5 umbrella's standalone.enabled"
                            + "=true or standalone.masterUrl=spark://<host>:7077");
        }

        @Test
        void aKeyIsReplacedAsAKeyNotAsText() {
            // String.replace("connect.", "") also cut "spark-connect." in text; a key part is never text
            RuleMessage m = RuleMessage.of("use the spark-connect.jar with {connect.image.tag}");
            assertThat(m.render(Rules.installedAloneKey("connect", "spark-3.5")))
                    .isEqualTo("use the spark-connect.jar with image.tag");
            assertThat(m.keys()).containsExactly("connect.image.tag");
        }

        @Test
        void aBraceWithoutAKeyIsRefused() {
            assertThatThrownBy(() -> RuleMessage.of("set {not a key}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a key");
            assertThatThrownBy(() -> RuleMessage.of("set {connect.x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unbalanced");
        }
    }
}
