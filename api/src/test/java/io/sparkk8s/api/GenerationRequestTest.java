package io.sparkk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GenerationRequestTest {

    private static final Path CATALOG = Path.of("catalog");

    /** Twelve ids in an order no hash-based set keeps. */
    private static final List<String> IDS = List.of(
            "mlflow",
            "airflow",
            "connect",
            "zeta",
            "jupyter",
            "history-server",
            "alpha",
            "minio",
            "standalone",
            "hive-metastore",
            "postgresql",
            "beta");

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Nested
    class Order {
        @Test
        void linesComeInLineOrderWhateverOrderTheyWereGivenIn() {
            Set<SparkLine> reversed = new LinkedHashSet<>(List.of(SparkLine.SPARK_4_1, SparkLine.SPARK_3_5));
            GenerationRequest request =
                    GenerationRequest.forCatalog(CATALOG).lines(reversed).build();
            assertThat(request.lines()).containsExactly(SparkLine.SPARK_3_5, SparkLine.SPARK_4_1);
        }

        @Test
        void blockIdsKeepTheOrderGiven() {
            GenerationRequest request = GenerationRequest.forCatalog(CATALOG)
                    .includeBlocks(new LinkedHashSet<>(IDS))
                    .excludeBlocks(new LinkedHashSet<>(reversed(IDS)))
                    .build();
            assertThat(request.includeBlocks()).containsExactlyElementsOf(IDS);
            assertThat(request.excludeBlocks()).containsExactlyElementsOf(reversed(IDS));
        }

        @Test
        void overridesAreSortedByPathAndLayoutsByLine() {
            Map<String, String> overrides = new LinkedHashMap<>();
            IDS.forEach(id -> overrides.put(id + ".enabled", "true"));
            Map<SparkLine, Layout> layouts = new LinkedHashMap<>();
            layouts.put(SparkLine.SPARK_4_1, Layout.SUBCHART);
            layouts.put(SparkLine.SPARK_3_5, Layout.TOGGLE);
            GenerationRequest request = GenerationRequest.forCatalog(CATALOG)
                    .overrides(overrides)
                    .layouts(layouts)
                    .build();
            assertThat(new ArrayList<>(request.overrides().keySet())).isSorted().hasSize(IDS.size());
            assertThat(request.layouts().keySet()).containsExactly(SparkLine.SPARK_3_5, SparkLine.SPARK_4_1);
        }

        @Test
        void aValueKeepsItsLinesInLineOrder() {
            Value value = new Value(
                    "replicas",
                    ValueType.INTEGER,
                    1L,
                    "Replicas.",
                    List.of(),
                    null,
                    null,
                    null,
                    new LinkedHashSet<>(List.of(SparkLine.SPARK_4_1, SparkLine.SPARK_3_5)),
                    List.of(),
                    "");
            assertThat(value.lines()).containsExactly(SparkLine.SPARK_3_5, SparkLine.SPARK_4_1);
        }
    }

    @Nested
    class Immutability {
        @Test
        void everyCollectionIsAnUnmodifiableCopy() {
            Set<String> include = new LinkedHashSet<>(IDS);
            Map<String, String> overrides = new HashMap<>(Map.of("connect.replicas", "2"));
            List<String> presets = new ArrayList<>(List.of("minimal"));
            GenerationRequest request = GenerationRequest.forCatalog(CATALOG)
                    .includeBlocks(include)
                    .overrides(overrides)
                    .presets(presets)
                    .lines(Set.of(SparkLine.SPARK_4_1))
                    .layouts(Map.of(SparkLine.SPARK_4_1, Layout.TOGGLE))
                    .moreCatalogs(List.of(CATALOG))
                    .build();

            include.add("late");
            overrides.put("late.key", "1");
            presets.add("late");
            assertThat(request.includeBlocks()).doesNotContain("late");
            assertThat(request.overrides()).doesNotContainKey("late.key");
            assertThat(request.presets()).containsExactly("minimal");

            assertThatThrownBy(() -> request.lines().add(SparkLine.SPARK_3_5))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> request.includeBlocks().remove("connect"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> request.excludeBlocks().add("connect"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> request.overrides().put("x", "1"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> request.layouts().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> request.presets().add("x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> request.moreCatalogs().clear()).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void aBuilderFromARequestBuildsAnEqualRequest() {
            GenerationRequest request = GenerationRequest.forCatalog(CATALOG)
                    .includeBlocks(new LinkedHashSet<>(IDS))
                    .overrides(Map.of("a.b", "1"))
                    .build();
            assertThat(request.toBuilder().build()).isEqualTo(request);
            assertThat(request.toBuilder().build().includeBlocks()).containsExactlyElementsOf(IDS);
        }

        @Test
        void nullElementsAreRefusedWithTheirName() {
            Set<String> withNull = new LinkedHashSet<>(List.of("connect"));
            withNull.add(null);
            assertThatThrownBy(() -> GenerationRequest.forCatalog(CATALOG)
                            .excludeBlocks(withNull)
                            .build())
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("excludeBlocks");
            Map<String, String> nullValue = new HashMap<>();
            nullValue.put("connect.replicas", null);
            assertThatThrownBy(() -> GenerationRequest.forCatalog(CATALOG)
                            .overrides(nullValue)
                            .build())
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("connect.replicas");
        }
    }
}
