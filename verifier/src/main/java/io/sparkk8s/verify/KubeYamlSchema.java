package io.sparkk8s.verify;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The YAML 1.2 core schema plus the YAML 1.1 booleans that Helm and the Kubernetes API machinery
 * (sigs.k8s.io/yaml, go-yaml v2) apply: unquoted {@code y, yes, on, n, no, off} in any of their spellings are
 * booleans there, so {@code value: yes} is a boolean, not the string a template author meant.
 */
final class KubeYamlSchema implements Schema {

    private static final Tag YAML11_BOOL = new Tag("tag:sparkk8s.io,2026:yaml11-bool");
    private static final Pattern YAML11_WORDS = Pattern.compile("y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF");
    private static final Set<String> TRUE_WORDS = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");

    private final CoreSchema core = new CoreSchema();

    @Override
    public ScalarResolver getScalarResolver() {
        ScalarResolver coreResolver = core.getScalarResolver();
        return (value, implicit) ->
                Boolean.TRUE.equals(implicit) && YAML11_WORDS.matcher(value).matches()
                        ? YAML11_BOOL
                        : coreResolver.resolve(value, implicit);
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        Map<Tag, ConstructNode> constructors = new HashMap<>(core.getSchemaTagConstructors());
        constructors.put(YAML11_BOOL, node -> TRUE_WORDS.contains(((ScalarNode) node).getValue()));
        return constructors;
    }
}
