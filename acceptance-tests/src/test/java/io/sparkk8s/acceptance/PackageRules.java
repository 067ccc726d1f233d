package io.sparkk8s.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The package rules of the README's architecture section, checked on the main sources: which packages each
 * module's code may reference (imports and fully qualified names; comments and string literals do not count),
 * that the project's own packages form no cycle, and that the API artifact declares no dependency outside test
 * scope. Plain Java over the source text, so the rules need no library and see every module, examples included.
 */
final class PackageRules {

    /**
     * One module's rule.
     *
     * @param module the module folder, relative to the repository root
     * @param allowed the package prefixes its main code may reference; everything else is a violation
     * @param why the README's words for the rule, repeated in each violation
     */
    record Rule(String module, List<String> allowed, String why) {}

    /** The rules, module by module, as the README states them. */
    static final List<Rule> RULES = List.of(
            new Rule(
                    "api",
                    List.of("java."),
                    "api depends on nothing: the JDK only, no package of ours, no "
                            + "third-party library (a block author's class path carries no Pebble, SnakeYAML or networknt)"),
            new Rule(
                    "generator-core",
                    List.of(
                            "java.",
                            "io.sparkk8s.api",
                            "io.sparkk8s.core",
                            "io.pebbletemplates.",
                            "org.snakeyaml.",
                            "com.networknt.",
                            "tools.jackson.",
                            "com.github.mustachejava"),
                    "core depends on api and its own libraries, never on blocks, the verifier or a front end"),
            new Rule(
                    "blocks",
                    List.of("java.", "io.sparkk8s.api", "io.sparkk8s.blocks"),
                    "blocks use the api package only, not core internals or any library"),
            new Rule(
                    "verifier",
                    List.of(
                            "java.",
                            "io.sparkk8s.api",
                            "io.sparkk8s.verify",
                            "org.snakeyaml.",
                            "com.google.gson",
                            "com.marcnuri.helm",
                            "io.kubernetes.client",
                            "com.networknt.",
                            "tools.jackson."),
                    "verify depends on api only (and its own libraries: Helm, the Kubernetes models, a JSON Schema "
                            + "validator for the vendored CRDs), never on core, blocks or a front end"),
            new Rule(
                    "cli",
                    List.of(
                            "java.",
                            "io.sparkk8s.api",
                            "io.sparkk8s.core",
                            "io.sparkk8s.verify",
                            "io.sparkk8s.cli",
                            "picocli"),
                    "front ends are thin: the CLI maps options onto api/core/verify calls; no template, YAML or "
                            + "schema library, no block class (blocks are found with ServiceLoader)"),
            new Rule(
                    "maven-plugin",
                    List.of(
                            "java.",
                            "io.sparkk8s.api",
                            "io.sparkk8s.core",
                            "io.sparkk8s.verify",
                            "io.sparkk8s.maven",
                            "org.apache.maven.",
                            "com.marcnuri.helm"),
                    "front ends are thin: the Maven goals map parameters onto api/core/verify calls (and package "
                            + "and push charts through Helm's own code, helm-java); no template, YAML or schema "
                            + "library, no block class"),
            new Rule(
                    "examples/custom-block",
                    List.of("java.", "io.sparkk8s.api", "io.sparkk8s.examples"),
                    "a third-party block compiles against the api artifact alone"));

    /** The modules whose main code is a front end of the core: what they name is the core's public surface. */
    static final List<String> FRONT_ENDS = List.of("cli", "maven-plugin", "verifier");

    /**
     * Core types that stay public although no front end names them, with the reason (README, architecture section).
     * Every other public top-level type of {@code io.sparkk8s.core} must be named by a front end's main code.
     */
    static final Map<String, String> PUBLIC_WITHOUT_FRONT_END = Map.of(
            "Values",
            "Values.merge is the one values merge (Helm's coalescing), which the tests merge with too "
                    + "(issue 18 item 7: one values-merge semantics, tests included)");

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|record|enum|@interface)"
                    + "\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern CORE_TYPE = Pattern.compile("(?<![\\w.])io\\.sparkk8s\\.core\\.([A-Z]\\w*)");

    /** A qualified name ending in a type: lower-case package segments, then an upper-case type name. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.])((?:java|javax|jdk|sun|io|org|com|net|info|tools|picocli)(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");

    private static final Pattern WILDCARD =
            Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)\\.\\*\\s*;", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private PackageRules() {}

    /** Every violation under {@code root}, one line each: file, referenced package, rule. */
    static List<String> violations(Path root) {
        List<String> out = new ArrayList<>();
        Map<String, Set<String>> ownGraph = new TreeMap<>();
        for (Rule rule : RULES) {
            Path sources = root.resolve(rule.module()).resolve("src/main/java");
            for (Path file : javaFiles(sources)) {
                String code = withoutCommentsAndStrings(read(file));
                Matcher pkg = PACKAGE.matcher(code);
                String own = pkg.find() ? pkg.group(1) : "";
                for (String used : referencedPackages(code)) {
                    if (used.startsWith("io.sparkk8s.") && !used.equals(own)) {
                        ownGraph.computeIfAbsent(topLevel(own), k -> new TreeSet<>())
                                .add(topLevel(used));
                    }
                    if (rule.allowed().stream().noneMatch(prefix -> matches(used, prefix))) {
                        out.add(root.relativize(file) + ": references " + used + " — " + rule.why());
                    }
                }
            }
        }
        cycle(ownGraph).ifPresent(c -> out.add("package cycle: " + String.join(" -> ", c)));
        out.addAll(publicCoreTypesNoFrontEndNames(root));
        out.addAll(apiDependencies(root.resolve("api/pom.xml")));
        return out;
    }

    /**
     * The public top-level types of {@code io.sparkk8s.core} (generator-core's main sources) that no front end's main
     * code names (by import, qualified name, or simple name under a wildcard import of the package) and that
     * {@link #PUBLIC_WITHOUT_FRONT_END} does not list: they should be package-private.
     */
    static List<String> publicCoreTypesNoFrontEndNames(Path root) {
        Set<String> named = frontEndCoreNames(root);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Path> type : publicCoreTypes(root).entrySet()) {
            if (!named.contains(type.getKey()) && !PUBLIC_WITHOUT_FRONT_END.containsKey(type.getKey())) {
                out.add(root.relativize(type.getValue()) + ": public type io.sparkk8s.core." + type.getKey()
                        + " is named by no front end (" + String.join(", ", FRONT_ENDS) + ") — core types no front "
                        + "end needs are package-private; a test reads the same facts through the public API or "
                        + "the generated chart, or lives in generator-core's own tests");
            }
        }
        return out;
    }

    /** The public top-level types of generator-core's main sources, by simple name. */
    static Map<String, Path> publicCoreTypes(Path root) {
        Map<String, Path> out = new TreeMap<>();
        for (Path file : javaFiles(root.resolve("generator-core/src/main/java/io/sparkk8s/core"))) {
            Matcher m = PUBLIC_TYPE.matcher(withoutCommentsAndStrings(read(file)));
            while (m.find()) {
                out.put(m.group(1), file);
            }
        }
        return out;
    }

    /** The simple names of the core types the front ends' main sources name. */
    static Set<String> frontEndCoreNames(Path root) {
        Set<String> names = new TreeSet<>();
        Set<String> coreTypes = publicCoreTypes(root).keySet();
        for (String module : FRONT_ENDS) {
            for (Path file : javaFiles(root.resolve(module).resolve("src/main/java"))) {
                String code = withoutCommentsAndStrings(read(file));
                Matcher m = CORE_TYPE.matcher(code);
                while (m.find()) {
                    names.add(m.group(1));
                }
                if (Pattern.compile("^\\s*import\\s+io\\.sparkk8s\\.core\\.\\*\\s*;", Pattern.MULTILINE)
                        .matcher(code)
                        .find()) {
                    for (String type : coreTypes) {
                        if (Pattern.compile("(?<![\\w.])" + type + "\\b")
                                .matcher(code)
                                .find()) {
                            names.add(type);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static boolean matches(String pkg, String prefix) {
        return prefix.endsWith(".")
                ? pkg.startsWith(prefix) || pkg.equals(prefix.substring(0, prefix.length() - 1))
                : pkg.equals(prefix) || pkg.startsWith(prefix + ".");
    }

    /** {@code io.sparkk8s.core} for {@code io.sparkk8s.core.x}: the unit the architecture rules speak of. */
    private static String topLevel(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : pkg;
    }

    /** The packages a source text references (imports, static imports and qualified names in code). */
    static Set<String> referencedPackages(String code) {
        Set<String> packages = new TreeSet<>();
        String body = PACKAGE.matcher(code).replaceFirst("");
        Matcher m = QUALIFIED.matcher(body);
        while (m.find()) {
            packages.add(m.group(1));
        }
        Matcher wildcard = WILDCARD.matcher(body);
        while (wildcard.find()) {
            packages.add(wildcard.group(1));
        }
        return packages;
    }

    /** The text with comments, string and char literals and text blocks blanked out (line structure kept). */
    static String withoutCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
                out.append(' ');
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                i = end < 0 ? text.length() : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The first cycle among the project's packages, as a path that ends where it starts. */
    static java.util.Optional<List<String>> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            java.util.Optional<List<String>> found = visit(start, graph, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<List<String>> visit(
            String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return java.util.Optional.empty();
        }
        path.add(node);
        if (seen != null && seen == 1) {
            return java.util.Optional.of(new ArrayList<>(path.subList(path.indexOf(node), path.size())));
        }
        state.put(node, 1);
        for (String next : graph.getOrDefault(node, Set.of())) {
            java.util.Optional<List<String>> found = visit(next, graph, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        state.put(node, 2);
        path.remove(path.size() - 1);
        return java.util.Optional.empty();
    }

    /** The API artifact's dependencies outside test scope: there must be none. */
    static List<String> apiDependencies(Path pom) {
        List<String> out = new ArrayList<>();
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            NodeList dependencies = project.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                if (dependency.getParentNode().getParentNode() != project) {
                    continue; // dependencyManagement or a plugin's dependencies
                }
                NodeList scope = dependency.getElementsByTagName("scope");
                if (scope.getLength() == 0
                        || !scope.item(0).getTextContent().trim().equals("test")) {
                    out.add(pom.getParent().getFileName() + "/pom.xml: depends on "
                            + dependency
                                    .getElementsByTagName("artifactId")
                                    .item(0)
                                    .getTextContent()
                                    .trim()
                            + " outside test scope — the api artifact has no dependencies");
                }
            }
        } catch (Exception e) {
            out.add(pom + ": cannot be read (" + e + ")");
        }
        return out;
    }

    private static List<Path> javaFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
