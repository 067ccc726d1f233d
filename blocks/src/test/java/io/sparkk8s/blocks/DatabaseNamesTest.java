package io.sparkk8s.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The database names say their characters in the pattern and their length (PostgreSQL's 63-byte identifiers)
 * with {@link Value#maxLength(int)} instead of {@code {0,62}}, which Go's RE2 unrolls when Helm compiles the
 * schema; the pair accepts exactly what the counted pattern did.
 */
class DatabaseNamesTest {

    private static final List<String> ALPHABET = List.of("a", "Z", "0", "_", "-", ".", " ", "é");

    private static List<String> samples(int limit) {
        List<String> samples = new ArrayList<>(List.of(""));
        for (String a : ALPHABET) {
            samples.add(a);
            for (String b : ALPHABET) {
                samples.add(a + b);
                for (int length = limit - 2; length <= limit + 2; length++) {
                    samples.add(a + b.repeat(length - 1));
                }
            }
        }
        return samples;
    }

    private static void assertSameAcceptedSet(String counted, Value value) {
        assertThat(value.maxLength()).isEqualTo(63);
        Pattern before = Pattern.compile(counted);
        Pattern after = Pattern.compile(value.pattern());
        for (String sample : samples(value.maxLength())) {
            assertThat(after.matcher(sample).find() && sample.codePointCount(0, sample.length()) <= value.maxLength())
                    .as("'%s' (%d characters) against %s", sample, sample.length(), counted)
                    .isEqualTo(before.matcher(sample).find());
        }
    }

    @Test
    void aConsumersDatabaseNameKeepsItsAcceptedSet() {
        Value name = DatabaseConsumer.hostValues("airflow", "the Airflow metadata").stream()
                .filter(v -> v.path().equals("database.name"))
                .findFirst()
                .orElseThrow();
        assertSameAcceptedSet("^[a-zA-Z_][a-zA-Z0-9_]{0,62}$", name);
    }

    @Test
    void theBundledDatabasesKeepTheirAcceptedSet() {
        Value databases = new PostgresqlBlock()
                .values(io.sparkk8s.core.Generator.of(
                                List.of(new PostgresqlBlock()), io.sparkk8s.api.GenerationListener.SILENT)
                        .profile(SparkLine.SPARK_4_1))
                .find("databases")
                .orElseThrow();
        assertSameAcceptedSet("^[a-z][a-z0-9_]{0,62}$", databases);
    }
}
