package io.sparkk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "x \"q\"\n\\");
        m.put("a", List.of(1, true));
        m.put("objects", List.of(Map.of("k", "v")));
        m.put("empty", Map.of());
        m.put("none", null);
        return m;
    }

    @Test
    void prettyKeepsInsertionOrderAndIndentsByTwo() {
        assertThat(Json.write(sample()))
                .isEqualTo(
                        "{\n  \"b\": \"x \\\"q\\\"\\n\\\\\",\n  \"a\": [1, true],\n"
                                + "  \"objects\": [\n    {\n      \"k\": \"v\"\n    }\n  ],\n  \"empty\": {},\n  \"none\": null\n}\n");
    }

    @Test
    void compactIsOneLineWithoutSpaces() {
        assertThat(Json.compact(sample()))
                .isEqualTo(
                        "{\"b\":\"x \\\"q\\\"\\n\\\\\",\"a\":[1,true],\"objects\":[{\"k\":\"v\"}],\"empty\":{},\"none\":null}");
        assertThat(Json.compact(List.of())).isEqualTo("[]");
    }

    @Test
    void controlCharactersAreEscapedAndOtherTypesRefused() {
        assertThat(Json.compact("\u0001\t")).isEqualTo("\"\\u0001\\t\"");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
