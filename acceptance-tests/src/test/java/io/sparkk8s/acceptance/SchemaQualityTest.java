package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SPEC §4 on every committed {@code values.schema.json} (charts and subcharts): draft-07, self-contained,
 * every property described, every leaf with a default that its own constraints accept, every object with
 * properties closed ({@code additionalProperties: false}), maps typed, patterns anchored; and small: a shape
 * with a regular expression is written once (under {@code definitions}) and every key that has it refers to it
 * while keeping its own description; and lean (issue 18): no allOf nested in an allOf, no definition of a rule's key
 * test that only one place uses.
 */
class SchemaQualityTest {

    /**
     * Free-form objects: Kubernetes objects passed through to the pod spec as given (the API-schema gate checks
     * what they render), and the copy of {@code global} Helm puts under each subchart key of an umbrella.
     */
    private static final Set<String> PASS_THROUGH =
            Set.of("affinity", "podSecurityContext", "securityContext", "global");
    /** Keywords newer than draft-07, which Helm 3 and yaml-language-server 1.x would not honour. */
    private static final Set<String> NOT_DRAFT_07 = Set.of(
            "$defs",
            "dependentRequired",
            "dependentSchemas",
            "unevaluatedProperties",
            "unevaluatedItems",
            "prefixItems",
            "$anchor",
            "$dynamicRef");

    @TestFactory
    Stream<DynamicTest> everyGeneratedSchema() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path schema : schemas()) {
            String name = Repo.CHARTS.relativize(schema).toString();
            tests.add(DynamicTest.dynamicTest(name, () -> check(schema)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(Repo.charts().size());
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(Path file) throws IOException {
        Map<String, Object> root =
                (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        List<String> problems = new ArrayList<>();
        if (!"http://json-schema.org/draft-07/schema#".equals(root.get("$schema"))) {
            problems.add("$schema is " + root.get("$schema") + ", not draft-07");
        }
        keywords(root, "", problems);
        shared(root, problems);
        lean(root, "", problems);
        singleUseConditions(root, problems);
        object(LocalRefs.inline(root), "", problems);
        Map<String, Object> properties = (Map<String, Object>) root.get("properties");
        assertThat(properties).as("%s declares global (Helm injects it)", file).containsKey("global");
        if (file.getParent().getParent().getFileName().toString().equals("charts")) {
            assertThat(properties)
                    .as("subchart %s declares the enabled key its parent's condition sets", file)
                    .containsKey("enabled");
        }
        assertThat(problems).as("schema problems in %s", file).isEmpty();
    }

    /** No remote $ref and nothing newer than draft-07, anywhere in the document. */
    @SuppressWarnings("unchecked")
    private static void keywords(Object node, String at, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.equals("$ref") && !String.valueOf(v).startsWith("#")) {
                    problems.add(at + ": remote $ref " + v);
                }
                if (NOT_DRAFT_07.contains(key)) {
                    problems.add(at + ": " + key + " is not draft-07");
                }
                keywords(v, at + "/" + key, problems);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                keywords(list.get(i), at + "/" + i, problems);
            }
        }
    }

    /**
     * Issue 18: no schema object that only wraps others in a further {@code allOf} inside an {@code allOf} (the
     * same verdict with one object less; Helm 4's validator pays per object).
     */
    private static void lean(Object node, String at, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("allOf") instanceof List<?> members) {
                for (int i = 0; i < members.size(); i++) {
                    if (members.get(i) instanceof Map<?, ?> member
                            && member.size() == 1
                            && member.containsKey("allOf")) {
                        problems.add(at + "/allOf/" + i + ": an allOf nested in an allOf; splice its members in");
                    }
                }
            }
            map.forEach((k, v) -> lean(v, at + "/" + k, problems));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                lean(list.get(i), at + "/" + i, problems);
            }
        }
    }

    /**
     * Issue 18: a composition rule's key test ({@code if-…}) sits under {@code definitions} only when two places
     * or more refer to it; one $ref and its definition are two schema objects where one written in place does.
     */
    private static void singleUseConditions(Map<String, Object> root, List<String> problems) {
        Map<String, Integer> uses = new java.util.TreeMap<>();
        countReferences(root, uses);
        uses.forEach((name, count) -> {
            if (name.startsWith("if-") && count == 1) {
                problems.add("definitions/" + name + ": one $ref only; write the test where it is used");
            }
        });
    }

    private static void countReferences(Object node, Map<String, Integer> uses) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref) {
                uses.merge(ref.substring(ref.lastIndexOf('/') + 1), 1, Integer::sum);
            }
            map.values().forEach(v -> countReferences(v, uses));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> countReferences(v, uses));
        }
    }

    /** The keywords that describe one key rather than constrain it. */
    private static final Set<String> ANNOTATIONS = Set.of("description", "default", "examples");

    /**
     * Shared definitions: every {@code $ref} resolves inside the file to a definition that carries no
     * description (an editor would show it instead of the key's own on some readers), only annotations sit
     * beside a {@code $ref}, every definition is used,
     * and no two keys spell out the same shape with a regular expression (each copy costs Helm a compilation).
     */
    @SuppressWarnings("unchecked")
    private static void shared(Map<String, Object> root, List<String> problems) {
        Map<String, Object> definitions =
                root.get("definitions") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        definitions.forEach((name, definition) -> {
            if (definition instanceof Map<?, ?> m && m.containsKey("description")) {
                problems.add("definitions/" + name + ": carries a description; keep it beside each $ref");
            }
        });
        Set<String> used = new java.util.TreeSet<>();
        references(root, used);
        Map<Object, String> shapes = new java.util.HashMap<>();
        leaves((Map<String, Object>) root.get("properties"), "", (path, leaf) -> {
            if (leaf.get("$ref") instanceof String ref) {
                if (!ref.startsWith("#/definitions/") || LocalRefs.resolve(root, ref) == null) {
                    problems.add(path + ": $ref " + ref + " does not resolve to a definition in this file");
                }
                if (!(leaf.get("description") instanceof String)) {
                    problems.add(path + ": a $ref without the key's own description beside it");
                }
                // draft-07 readers drop constraints beside a $ref (yaml-language-server 1.25 strips them, keeping
                // description, default and examples): a constraint there would hold in one reader and not another
                leaf.keySet().stream()
                        .filter(k -> !k.equals("$ref") && !ANNOTATIONS.contains(k))
                        .forEach(k -> problems.add(path + ": " + k + " beside a $ref (draft-07 ignores it)"));
                return;
            }
            Map<String, Object> shape = new java.util.LinkedHashMap<>(leaf);
            shape.keySet().removeAll(ANNOTATIONS);
            if (shape.containsKey("pattern") || shape.containsKey("patternProperties")) {
                String first = shapes.putIfAbsent(shape, path);
                if (first != null) {
                    problems.add(path + ": repeats the shape of " + first + " (pattern "
                            + shape.getOrDefault("pattern", "by key") + "); share it under definitions");
                }
            }
        });
        definitions.keySet().stream()
                .filter(name -> !used.contains(name))
                .forEach(name -> problems.add("definitions/" + name + ": not referred to"));
    }

    /** The names of the definitions that {@code $ref}s anywhere in the document point to. */
    private static void references(Object node, Set<String> used) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref) {
                used.add(ref.substring(ref.lastIndexOf('/') + 1));
            }
            map.values().forEach(v -> references(v, used));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> references(v, used));
        }
    }

    @SuppressWarnings("unchecked")
    private static void leaves(
            Map<String, Object> properties,
            String path,
            java.util.function.BiConsumer<String, Map<String, Object>> visit) {
        properties.forEach((key, value) -> {
            Map<String, Object> child = (Map<String, Object>) value;
            String at = path.isEmpty() ? key : path + "." + key;
            if (child.get("properties") instanceof Map<?, ?> nested) {
                leaves((Map<String, Object>) nested, at, visit);
            } else {
                visit.accept(at, child);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void object(Map<String, Object> node, String path, List<String> problems) {
        if (!Boolean.FALSE.equals(node.get("additionalProperties"))) {
            problems.add((path.isEmpty() ? "the root" : path)
                    + ": an object with properties must set additionalProperties: false");
        }
        ((Map<String, Object>) node.get("properties")).forEach((key, value) -> {
            Map<String, Object> child = (Map<String, Object>) value;
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (!(child.get("description") instanceof String d) || d.isBlank()) {
                problems.add(childPath + ": no description");
            }
            if (child.containsKey("properties")) {
                object(child, childPath, problems);
            } else {
                leaf(key, child, childPath, problems);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void leaf(String key, Map<String, Object> node, String path, List<String> problems) {
        if (!node.containsKey("default")) {
            problems.add(path + ": no default");
        }
        Object type = node.get("type");
        if (type == null) {
            problems.add(path + ": no type");
        }
        boolean typedValues = node.get("additionalProperties") instanceof Map
                || node.get("patternProperties") instanceof Map<?, ?> byKey
                        && !byKey.isEmpty()
                        && Boolean.FALSE.equals(node.get("additionalProperties"));
        if ("object".equals(type) && !typedValues && !PASS_THROUGH.contains(key)) {
            problems.add(path + ": a free-form object; give its values a type (additionalProperties: {type: ...}) "
                    + "or declare its keys");
        }
        if ("array".equals(type) && !(node.get("items") instanceof Map)) {
            problems.add(path + ": an array without items");
        }
        if (node.get("pattern") instanceof String pattern) {
            for (String alternative : alternatives(pattern)) {
                if (!alternative.startsWith("^") || !alternative.endsWith("$")) {
                    problems.add(path + ": pattern alternative '" + alternative + "' of " + pattern
                            + " is not anchored with ^...$, so it matches any text containing it");
                }
            }
        }
        List<Object> samples = new ArrayList<>();
        samples.add(node.get("default"));
        if (node.get("examples") instanceof List<?> examples) {
            samples.addAll(examples);
        }
        for (Object sample : samples) {
            String why = rejects(node, sample);
            if (why != null) {
                problems.add(path + ": its own default or example " + sample + " is rejected: " + why);
            }
        }
    }

    /** Why a leaf schema rejects a value (the constraints a leaf uses), or null. */
    private static String rejects(Map<String, Object> node, Object value) {
        if (node.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            return "not in enum " + allowed;
        }
        if (value instanceof String s
                && node.get("pattern") instanceof String p
                && !Pattern.compile(p).matcher(s).find()) {
            return "does not match " + p;
        }
        if (value instanceof Number n) {
            if (node.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
                return "below minimum " + min;
            }
            if (node.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
                return "above maximum " + max;
            }
        }
        if (node.get("not") instanceof Map<?, ?> not
                && not.containsKey("const")
                && not.get("const").equals(value)) {
            return "excluded by not/const";
        }
        return null;
    }

    /** The top-level alternatives of a regular expression (split at | outside groups and classes). */
    static List<String> alternatives(String pattern) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        out.add(pattern.substring(start));
        return out;
    }

    private static List<Path> schemas() {
        try (Stream<Path> files = Files.walk(Repo.CHARTS)) {
            return files.filter(p -> p.getFileName().toString().equals("values.schema.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
