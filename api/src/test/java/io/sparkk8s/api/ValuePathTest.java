package io.sparkk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The character scan that checks a value's path gives the verdict of the regular expression it replaced. */
class ValuePathTest {

    private static final Pattern PATH = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*");

    @Test
    void agreesWithTheRegularExpressionOnChosenPaths() {
        for (String path : new String[] {
            "a",
            "driver.memory",
            "a1.b2.c3",
            "",
            ".",
            "a.",
            ".a",
            "a..b",
            "1a",
            "a.1b",
            "a-b",
            "a_b",
            "a b",
            "é",
            "aZ9.Zz"
        }) {
            assertThat(Value.isPath(path)).as(path).isEqualTo(PATH.matcher(path).matches());
        }
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomTexts() {
        Random random = new Random(18);
        String alphabet = "aZ09._-/ é";
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String path = text.toString();
            boolean expected = PATH.matcher(path).matches();
            assertThat(Value.isPath(path)).as(path).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("the random texts include valid paths").isGreaterThan(1_000);
    }

    @Test
    void aValueWithABadPathIsRefused() {
        assertThatThrownBy(() -> Value.string("driver..memory", "1g", "The driver memory."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driver..memory");
    }
}
