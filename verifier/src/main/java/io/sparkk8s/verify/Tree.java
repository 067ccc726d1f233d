package io.sparkk8s.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lenient accessors over a parsed YAML tree: a wrong shape reads as absent (the schema check reports it). */
final class Tree {

    private Tree() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String str(Object node) {
        return node instanceof String s ? s : null;
    }

    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object node, String... keys) {
        return map(at(node, keys));
    }

    static List<Object> listAt(Object node, String... keys) {
        return list(at(node, keys));
    }

    static String strAt(Object node, String... keys) {
        return str(at(node, keys));
    }

    static boolean isTrue(Object node) {
        return Boolean.TRUE.equals(node);
    }

    /** The labels-like map at keys, keeping only string values. */
    static Map<String, String> stringMapAt(Object node, String... keys) {
        Map<String, String> result = new LinkedHashMap<>();
        mapAt(node, keys).forEach((k, v) -> {
            if (v instanceof String s) {
                result.put(k, s);
            }
        });
        return result;
    }

    /** Recursively turns every map key into a String, as Kubernetes' YAML-to-JSON conversion does. */
    static Object normalize(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(normalize(v)));
            return copy;
        }
        return node;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    static String entry(String path, String key) {
        return path + "[" + key + "]";
    }
}
