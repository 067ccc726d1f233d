package io.sparkk8s.core;

import io.sparkk8s.api.Value;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code values.yaml}: every key with the comment of its declaration, in model order. */
final class ValuesYaml {

    private ValuesYaml() {}

    static String write(ChartModel model, String header) {
        Node root = new Node();
        for (ChartModel.Entry entry : model.entries()) {
            root.put(entry.path().split("\\."), 0, entry);
        }
        StringBuilder out = new StringBuilder();
        for (String line : header.split("\n")) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        for (Map.Entry<String, Node> top : root.children.entrySet()) {
            out.append('\n');
            String heading = model.sections().get(top.getKey());
            if (heading != null) {
                comment(out, "", heading);
            }
            write(out, top.getKey(), top.getValue(), "", heading == null);
        }
        return out.toString();
    }

    private static void write(StringBuilder out, String key, Node node, String indent, boolean withComment) {
        if (node.leaf != null) {
            Value value = node.leaf.value();
            if (withComment) {
                comment(out, indent, value.description() + allowedNote(value));
            }
            Object def = value.defaultValue();
            if (isEmptyOrScalar(def)) {
                out.append(indent)
                        .append(key)
                        .append(": ")
                        .append(Yaml.inline(def))
                        .append('\n');
            } else {
                out.append(indent).append(key).append(":\n");
                for (String line : Yaml.dump(def).split("\n")) {
                    out.append(indent).append("  ").append(line).append('\n');
                }
            }
            if (value.entry() != null && !value.examples().isEmpty()) {
                // a map of named entries is empty by default: show one entry, commented out
                out.append(indent).append("# For example:\n");
                out.append(indent).append("# ").append(key).append(":\n");
                for (String line : Yaml.dump(value.examples().get(0)).split("\n")) {
                    out.append(indent).append("#   ").append(line).append('\n');
                }
            }
            return;
        }
        out.append(indent).append(key).append(":\n");
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            write(out, child.getKey(), child.getValue(), indent + "  ", true);
        }
    }

    private static String allowedNote(Value value) {
        return value.allowed().isEmpty()
                ? ""
                : " One of: "
                        + String.join(
                                ", ",
                                value.allowed().stream()
                                        .map(a -> a.isEmpty() ? "\"\"" : a)
                                        .toList()) + ".";
    }

    private static boolean isEmptyOrScalar(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        return true;
    }

    private static void comment(StringBuilder out, String indent, String text) {
        for (String line : wrap(text, 100 - indent.length())) {
            out.append(indent).append("# ").append(line).append('\n');
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        ChartModel.Entry leaf;

        void put(String[] parts, int index, ChartModel.Entry entry) {
            if (index == parts.length) {
                leaf = entry;
                return;
            }
            children.computeIfAbsent(parts[index], k -> new Node()).put(parts, index + 1, entry);
        }
    }
}
