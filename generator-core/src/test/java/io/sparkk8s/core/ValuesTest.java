package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The one values merge, with Helm's coalescing rules. */
class ValuesTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Nested
    class Merge {
        @Test
        void mapsMergeKeyByKeyAtEveryDepth() {
            Map<String, Object> base = map("connect", map("replicas", 1L, "driver", map("memory", "1g", "cores", 1L)));
            Map<String, Object> over =
                    map("connect", map("driver", map("memory", "4g")), "jupyter", map("enabled", true));
            assertThat(Values.merge(base, over))
                    .isEqualTo(map(
                            "connect", map("replicas", 1L, "driver", map("memory", "4g", "cores", 1L)),
                            "jupyter", map("enabled", true)));
        }

        @Test
        void listsAndScalarsAreReplacedNotJoined() {
            Map<String, Object> base = map("tolerations", List.of(map("key", "a")), "tag", "1.0");
            Map<String, Object> over = map("tolerations", List.of(map("key", "b")), "tag", "2.0");
            assertThat(Values.merge(base, over)).isEqualTo(map("tolerations", List.of(map("key", "b")), "tag", "2.0"));
        }

        @Test
        void aNullRemovesTheKeyAsHelmDoes() {
            Map<String, Object> over = new HashMap<>();
            over.put("podAnnotations", null);
            Map<String, Object> nested = new HashMap<>();
            nested.put("memory", null);
            over.put("driver", nested);
            assertThat(Values.merge(
                            map("podAnnotations", map("a", "b"), "driver", map("memory", "1g", "cores", 1L)), over))
                    .isEqualTo(map("driver", map("cores", 1L)));
        }

        @Test
        void onATypeConflictTheUpperLayerWins() {
            assertThat(Values.merge(map("affinity", map("nodeAffinity", map())), map("affinity", "none")))
                    .isEqualTo(map("affinity", "none"));
            assertThat(Values.merge(map("image", "x"), map("image", map("tag", "1"))))
                    .isEqualTo(map("image", map("tag", "1")));
        }

        @Test
        void neitherInputChangesAndKeyOrderIsTheBasesThenTheNewKeys() {
            Map<String, Object> base = map("b", map("x", 1L), "a", 2L);
            Map<String, Object> over = map("c", 3L, "b", map("y", 2L));
            Map<String, Object> merged = Values.merge(base, over);
            assertThat(merged.keySet()).containsExactly("b", "a", "c");
            assertThat(base).isEqualTo(map("b", map("x", 1L), "a", 2L));
            assertThat(over).isEqualTo(map("c", 3L, "b", map("y", 2L)));
        }

        @Test
        void layeringIsLeftToRight() {
            Map<String, Object> one = map("connect", map("replicas", 1L, "image", map("tag", "a")));
            Map<String, Object> two = map("connect", map("replicas", 2L));
            Map<String, Object> three = map("connect", map("image", map("tag", "c")));
            assertThat(Values.merge(Values.merge(one, two), three))
                    .isEqualTo(map("connect", map("replicas", 2L, "image", map("tag", "c"))));
        }
    }

    @Nested
    class Paths {
        @Test
        void getAndPutWalkDottedPathsCreatingMaps() {
            Map<String, Object> values = new LinkedHashMap<>();
            Values.put(values, "connect.driver.memory", "2g");
            assertThat(Values.get(values, "connect.driver.memory")).isEqualTo("2g");
            assertThat(Values.get(values, "connect.driver.memory.deeper")).isNull();
            assertThat(Values.get(values, "jupyter.enabled")).isNull();
        }
    }
}
