package io.sparkk8s.acceptance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a generated schema the way an editor does: every local {@code $ref} replaced by the schema it points
 * to, with the referring object's own keys (its description, default, examples) kept over the target's —
 * yaml-language-server's merge. Tests that walk the schema tree by hand use the inlined copy.
 */
final class LocalRefs {

    private LocalRefs() {}

    /** A deep copy of the schema with every local {@code $ref} inlined; a reference that does not resolve throws. */
    static Map<String, Object> inline(Map<String, Object> root) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) inline(root, root, 0);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object inline(Object node, Map<String, Object> root, int depth) {
        if (depth > 64) {
            throw new IllegalStateException("$ref cycle");
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (map.get("$ref") instanceof String ref) {
                Object target = resolve(root, ref);
                if (!(target instanceof Map<?, ?> targetMap)) {
                    throw new IllegalArgumentException("$ref " + ref + " does not resolve to a schema object");
                }
                out.putAll((Map<String, Object>) inline(targetMap, root, depth + 1));
            }
            map.forEach((k, v) -> {
                if (!"$ref".equals(k)) {
                    out.put((String) k, inline(v, root, depth + 1));
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(inline(v, root, depth + 1)));
            return out;
        }
        return node;
    }

    /** The object a local reference ({@code #/definitions/labels}) points to, or null. */
    @SuppressWarnings("unchecked")
    static Object resolve(Map<String, Object> root, String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        Object at = root;
        for (String part : ref.substring(2).split("/")) {
            String key = part.replace("~1", "/").replace("~0", "~");
            at = at instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return at;
    }
}
