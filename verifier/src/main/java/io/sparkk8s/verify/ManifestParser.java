package io.sparkk8s.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Splits rendered multi-document YAML into objects, keeping the {@code # Source:} template of each.
 * YAML as Kubernetes reads it ({@link KubeYamlSchema}); duplicate keys are an error, as they are for the
 * Kubernetes API server.
 */
final class ManifestParser {

    private static final Pattern DOCUMENT_START = Pattern.compile("^---(?:[ \\t].*)?$");
    private static final Pattern SOURCE = Pattern.compile("^# Source: (.+)$");

    private ManifestParser() {}

    static Object parseYaml(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new KubeYamlSchema())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .setLabel("manifest")
                .build();
        return Tree.normalize(new Load(settings).loadFromString(text));
    }

    static List<K8sObject> parse(String rendered, FindingCollector findings) {
        List<K8sObject> objects = new ArrayList<>();
        int number = 0;
        for (String document : split(rendered)) {
            number++;
            String template = sourceOf(document);
            String where = "document " + number + (template.isEmpty() ? "" : " (" + template + ")");
            Object parsed;
            try {
                parsed = parseYaml(document);
            } catch (YamlEngineException e) {
                findings.add(
                        Checks.K8S_SCHEMA,
                        "",
                        "",
                        template,
                        where + " is not valid YAML: " + oneLine(e.getMessage())
                                + "; fix the template so it renders valid YAML");
                continue;
            }
            if (parsed == null) {
                continue;
            }
            if (!(parsed instanceof Map<?, ?>)) {
                findings.add(
                        Checks.K8S_SCHEMA,
                        "",
                        "",
                        template,
                        where + " is not a Kubernetes object (a YAML mapping) but " + describe(parsed));
                continue;
            }
            K8sObject object = K8sObject.of(template, Tree.map(parsed));
            if ("List".equals(object.kind()) && object.body().get("items") instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?>) {
                        objects.add(K8sObject.of(template, Tree.map(item)));
                    }
                }
            } else {
                objects.add(object);
            }
        }
        return objects;
    }

    private static List<String> split(String rendered) {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : rendered.split("\r?\n", -1)) {
            if (DOCUMENT_START.matcher(line).matches()) {
                documents.add(current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        documents.add(current.toString());
        documents.removeIf(d -> d.isBlank());
        return documents;
    }

    private static String sourceOf(String document) {
        for (String line : document.split("\n")) {
            Matcher m = SOURCE.matcher(line);
            if (m.matches()) {
                return m.group(1).trim();
            }
        }
        return "";
    }

    static String describe(Object node) {
        if (node instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (node instanceof List<?>) {
            return "a list";
        }
        if (node instanceof Map<?, ?>) {
            return "a mapping";
        }
        return node instanceof Boolean ? "the boolean " + node : "the value " + node;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
