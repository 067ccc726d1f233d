package io.sparkk8s.api;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The project's one JSON writer, small and deterministic: insertion-ordered maps, LF line ends, no library. The
 * engine writes {@code values.schema.json} with it, the verifier its JSON report; it lives in the API package
 * because both use it (like {@link SparkSettings}).
 */
public final class Json {

    private Json() {}

    /** Writes maps, lists, strings, numbers, booleans and null as pretty JSON (two-space indent) ending with a newline. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(1 << 14);
        write(value, out, "");
        return out.append('\n').toString();
    }

    /** Writes the same values as compact JSON on one line: no spaces, no trailing newline. */
    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, null);
        return out.toString();
    }

    /** {@code indent} null means compact. */
    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append(indent == null ? "{" : "{\n");
            String inner = indent == null ? null : indent + "  "; // once per map, not per entry
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                if (indent == null) {
                    string(String.valueOf(e.getKey()), out);
                    out.append(':');
                    write(e.getValue(), out, null);
                    out.append(it.hasNext() ? "," : "");
                    continue;
                }
                out.append(inner);
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, inner);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(indent == null ? "" : indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            if (scalars || indent == null) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    write(list.get(i), out, indent);
                    if (i < list.size() - 1) {
                        out.append(indent == null ? "," : ", ");
                    }
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                write(list.get(i), out, inner);
                out.append(i < list.size() - 1 ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        if (plain(s)) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** True when a string needs no escaping: most keys and descriptions, appended in one go. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }
}
