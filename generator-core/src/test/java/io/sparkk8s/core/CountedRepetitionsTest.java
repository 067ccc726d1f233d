package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The free patterns that said a length with a counted repetition ({@code {0,62}}) now say their characters with
 * {@code *} or {@code +} and the length with {@link Value#maxLength(int)}: Go's RE2, with which Helm compiles every
 * schema pattern on every command, unrolls a counted repetition into one copy per count. These tests hold each
 * pair against the counted pattern it replaced, over every short string of a small alphabet and strings around the
 * limit, so the accepted set stays the same.
 */
class CountedRepetitionsTest {

    /** One character of each class the patterns tell apart, and some they all refuse. */
    static final List<String> ALPHABET = List.of("a", "Z", "0", "_", "-", ".", "/", " ", "é");

    /**
     * Every string of up to three characters of {@link #ALPHABET}, and every first/middle/last combination at
     * the lengths around {@code limit}.
     */
    static List<String> samples(int limit) {
        List<String> samples = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= 3; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (String c : ALPHABET) {
                    next.add(prefix + c);
                }
            }
            samples.addAll(next);
            previous = next;
        }
        for (int length = limit - 2; length <= limit + 2; length++) {
            for (String first : ALPHABET) {
                for (String middle : ALPHABET) {
                    for (String last : ALPHABET) {
                        samples.add(first + middle.repeat(length - 2) + last);
                    }
                }
            }
        }
        return samples;
    }

    /**
     * Asserts that the value's pattern plus its maxLength accept exactly what the counted pattern does, and that
     * the samples hold accepted strings at the limit and refused ones above it (else the check would prove
     * nothing).
     */
    static void assertSameAcceptedSet(String counted, String characters, int maxLength) {
        Pattern before = Pattern.compile(counted);
        Pattern after = Pattern.compile(characters);
        List<String> samples = samples(maxLength);
        for (String sample : samples) {
            boolean now = after.matcher(sample).find() && sample.codePointCount(0, sample.length()) <= maxLength;
            assertThat(now)
                    .as("'%s' (%d characters) against %s", sample, sample.length(), counted)
                    .isEqualTo(before.matcher(sample).find());
        }
        assertThat(samples)
                .as("accepted samples at the limit of %s", counted)
                .anyMatch(s -> s.length() == maxLength && before.matcher(s).find());
        assertThat(samples)
                .as("samples one above the limit that the characters alone accept")
                .anyMatch(s -> s.length() == maxLength + 1 && after.matcher(s).find());
    }

    @Test
    void fullnameOverrideAndTheSparkTagKeepTheirAcceptedSets() {
        for (SparkLine line : SparkLine.values()) {
            List<Value> global = ChartValues.global(SparkProfiles.builtIn().of(line));
            Value fullname = ChartValuesTest.find(global, "fullnameOverride");
            assertSameAcceptedSet("^$|^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", fullname.pattern(), fullname.maxLength());
            Value tag = ChartValuesTest.find(global, "spark.image.tag");
            assertSameAcceptedSet("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", tag.pattern(), tag.maxLength());
            assertThat(Pattern.compile(tag.pattern()).matcher("latest").find())
                    .as("the release's Spark tag is a free pattern: latest stays accepted")
                    .isTrue();
        }
    }

    @Test
    void theLogShippingBucketKeepsItsAcceptedSet() {
        Value bucket = ChartValuesTest.find(
                LogShippingValues.global(SparkProfiles.builtIn().of(SparkLine.SPARK_4_1)), "logShipping.s3.bucket");
        assertSameAcceptedSet("^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", bucket.pattern(), bucket.maxLength());
        assertThat(Pattern.compile(bucket.pattern()).matcher("ab").find())
                .as("a bucket name has at least three characters")
                .isFalse();
    }

    @Test
    void labelValuesKeepTheirAcceptedSet() {
        assertSameAcceptedSet(
                "^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$",
                ValuesSchema.LABEL_VALUE_PATTERN,
                ValuesSchema.LABEL_VALUE_MAX_LENGTH);
    }

    @Test
    void theSchemaWritesTheLimitBesideThePattern() {
        Value name = Value.string("name", "hive", "Database.")
                .pattern("^[a-z][a-z0-9_]*$")
                .maxLength(63);
        assertThat(ValuesSchema.leaf(name))
                .containsEntry("pattern", "^[a-z][a-z0-9_]*$")
                .containsEntry("maxLength", 63);
        Value names = Value.stringList("names", List.of("hive"), "Databases.")
                .pattern("^[a-z][a-z0-9_]*$")
                .maxLength(63);
        assertThat(ValuesSchema.leaf(names).get("items"))
                .isEqualTo(Map.of("type", "string", "pattern", "^[a-z][a-z0-9_]*$", "maxLength", 63));
        assertThat(ValuesSchema.leaf(Value.string("free", "", "Free.").maxLength(10)))
                .containsEntry("maxLength", 10)
                .doesNotContainKey("pattern");
    }

    /** Planted defects: a limit one too long, or a middle that may be empty, and the check says so. */
    @Test
    void aPairThatAcceptsMoreIsCaught() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> assertSameAcceptedSet("^[a-z][a-z0-9_]{0,62}$", "^[a-z][a-z0-9_]*$", 64))
                .isInstanceOf(AssertionError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSameAcceptedSet(
                        "^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "^$|^[a-z0-9][a-z0-9.-]*[a-z0-9]$", 63))
                .as("'ab' would newly pass with * in the middle")
                .isInstanceOf(AssertionError.class);
    }
}
