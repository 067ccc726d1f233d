package io.sparkk8s.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The pom snippet of the README ("Platform repo") names the plugin as it is built: its coordinates, its goals and
 * the parameters it configures are read from the plugin descriptor that maven-plugin-plugin wrote into
 * {@code target/classes} in this build, and the {@code <registryServerId>} matches the server of the README's
 * settings.xml snippet.
 */
class ReadmePluginSnippetTest {

    static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();
    static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");
    private static final Pattern XML_BLOCK = Pattern.compile("(?ms)^```xml\\n(.*?)^```");

    @Test
    void theReadmeSnippetNamesThisPluginItsGoalsAndItsParameters() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String snippet = xmlBlocks(readme).stream()
                .filter(block -> block.contains("<artifactId>spark-k8s-maven-plugin<"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ```xml block with the plugin in README.md"));

        assertThat(problems(snippet, descriptor())).isEmpty();
    }

    @Test
    void theServerIdOfTheSnippetIsTheOneOfTheSettingsSnippet() throws Exception {
        List<String> blocks = xmlBlocks(Files.readString(README, StandardCharsets.UTF_8));
        String plugin = blocks.stream()
                .filter(block -> block.contains("<registryServerId>"))
                .findFirst()
                .orElseThrow();
        String settings = blocks.stream()
                .filter(block -> block.contains("<servers>"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no settings.xml snippet with <servers> in README.md"));

        String serverId = text(parse(plugin).getDocumentElement(), "configuration/registryServerId");
        assertThat(serverId).isNotBlank();
        assertThat(text(parse(settings).getDocumentElement(), "server/id")).isEqualTo(serverId);
    }

    @Test
    void aWrongCoordinateGoalOrParameterIsReported() throws Exception {
        String planted = """
                <plugin>
                  <groupId>io.sparkk8s</groupId>
                  <artifactId>spark-k8s-plugin</artifactId>
                  <version>9.9.9</version>
                  <configuration><line>4.1</line><pushTo>oci://x/y</pushTo></configuration>
                  <executions><execution><goals><goal>generate</goal><goal>publish</goal></goals></execution></executions>
                </plugin>
                """;

        assertThat(problems(planted, descriptor()))
                .containsExactly(
                        "artifactId is 'spark-k8s-plugin', the plugin's is 'spark-k8s-maven-plugin'",
                        "version is '9.9.9', the plugin's is '" + descriptor().version() + "'",
                        "goal 'publish' does not exist; goals: capacity, generate, help, package, verify",
                        "parameter <line> is not a parameter of the goals generate",
                        "parameter <pushTo> is not a parameter of the goals generate");
    }

    /** What the plugin descriptor says: coordinates and, per goal, its configurable parameters. */
    record Descriptor(String groupId, String artifactId, String version, Map<String, Set<String>> goals) {}

    static Descriptor descriptor() throws Exception {
        assertThat(DESCRIPTOR)
                .as("the descriptor maven-plugin-plugin writes (process-classes)")
                .isRegularFile();
        Element plugin =
                parse(Files.readString(DESCRIPTOR, StandardCharsets.UTF_8)).getDocumentElement();
        Map<String, Set<String>> goals = new LinkedHashMap<>();
        for (Element mojo : children(child(plugin, "mojos"), "mojo")) {
            Set<String> parameters = new LinkedHashSet<>();
            Element list = child(mojo, "parameters");
            if (list != null) {
                for (Element parameter : children(list, "parameter")) {
                    if (!"false".equals(text(parameter, "editable"))) {
                        parameters.add(text(parameter, "name"));
                    }
                }
            }
            goals.put(text(mojo, "goal"), parameters);
        }
        return new Descriptor(text(plugin, "groupId"), text(plugin, "artifactId"), text(plugin, "version"), goals);
    }

    /** Every difference between a {@code <plugin>} snippet and the descriptor, as a sentence. */
    static List<String> problems(String snippet, Descriptor descriptor) throws Exception {
        Element plugin = parse(snippet).getDocumentElement();
        List<String> problems = new ArrayList<>();
        for (String coordinate : List.of("groupId", "artifactId", "version")) {
            String expected =
                    switch (coordinate) {
                        case "groupId" -> descriptor.groupId();
                        case "artifactId" -> descriptor.artifactId();
                        default -> descriptor.version();
                    };
            String actual = text(plugin, coordinate);
            if (!expected.equals(actual)) {
                problems.add(coordinate + " is '" + actual + "', the plugin's is '" + expected + "'");
            }
        }
        List<String> goals = new ArrayList<>();
        NodeList goalNodes = plugin.getElementsByTagName("goal");
        for (int i = 0; i < goalNodes.getLength(); i++) {
            goals.add(goalNodes.item(i).getTextContent().strip());
        }
        if (goals.isEmpty()) {
            problems.add("no <goal>");
        }
        Set<String> parameters = new LinkedHashSet<>();
        List<String> known = new ArrayList<>();
        for (String goal : goals) {
            if (descriptor.goals().containsKey(goal)) {
                known.add(goal);
                parameters.addAll(descriptor.goals().get(goal));
            } else {
                problems.add("goal '" + goal + "' does not exist; goals: "
                        + String.join(
                                ", ", new java.util.TreeSet<>(descriptor.goals().keySet())));
            }
        }
        Element configuration = child(plugin, "configuration");
        if (configuration != null) {
            for (Element parameter : children(configuration, null)) {
                if (!parameters.contains(parameter.getTagName())) {
                    problems.add("parameter <" + parameter.getTagName() + "> is not a parameter of the goals "
                            + String.join(", ", known));
                }
            }
        }
        return problems;
    }

    static List<String> xmlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = XML_BLOCK.matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && (name == null || element.getTagName().equals(name))) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** The text of a child path such as {@code server/id}; null when absent. */
    private static String text(Element parent, String path) {
        Element current = parent;
        for (String step : path.split("/")) {
            current = current == null ? null : child(current, step);
        }
        return current == null ? null : current.getTextContent().strip();
    }
}
