package io.sparkk8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void theClosestNameWithinTheToleranceIsSuggestedCaseInsensitively() {
        assertThat(Suggestions.closest("conect.replicas", List.of("connect.replicas", "jupyter.enabled")))
                .hasValue("connect.replicas");
        assertThat(Suggestions.closest("IMAGE", List.of("image", "images"))).hasValue("image");
        assertThat(Suggestions.closest("zzz", List.of("connect", "jupyter"))).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
    }

    @Test
    void aTieGoesToTheCandidateTheCallerPrefers() {
        List<String> both = List.of("abd", "abc");
        assertThat(Suggestions.closest("abx", both)).hasValue("abc");
        assertThat(Suggestions.closest("abx", both, 2, Comparator.reverseOrder()))
                .hasValue("abd");
    }

    @Test
    void theToleranceIsAThirdOfTheWordAndAtLeastTwo() {
        assertThat(Suggestions.tolerance("ab")).isEqualTo(2);
        assertThat(Suggestions.tolerance("connect.replicas")).isEqualTo(5);
        assertThat(Suggestions.closest("abcdef", List.of("uvwdef"), 2, Comparator.naturalOrder()))
                .isEmpty();
        assertThat(Suggestions.closest("abcdef", List.of("uvcdef"), 2, Comparator.naturalOrder()))
                .hasValue("uvcdef");
    }

    @Test
    void theBoundedDistanceIsExactUpToTheBoundAndGivesUpBeyondIt() {
        assertThat(Suggestions.distance("kitten", "sitting", 10)).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting", 3)).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting", 2)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Suggestions.distance("a", "abcdef", 2)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Suggestions.distance("", "", 0)).isZero();
    }

    @Test
    void theSparkSettingsCatalogAsksHereWithItsOwnToleranceAndRegisteredKeysFirst() {
        SparkSettings settings = SparkSettings.of(SparkLine.SPARK_4_1);
        assertThat(settings.closest("spark.sql.warehouse.dri")).hasValue("spark.sql.warehouse.dir");
        assertThat(settings.closest("spark.hadop.fs.s3a.endpoint")).hasValue("spark.hadoop.fs.s3a.endpoint");
    }
}
