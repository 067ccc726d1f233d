package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Issue 18, cold start: {@link SchemaValidator#tree} builds the JSON tree the validator reads without Jackson's
 * serializers; it must give node for node what {@code ObjectMapper.valueToTree} (and {@code readTree} for the preset
 * schema) gave before, including the number node types, since the problems quote the bad values.
 */
class SchemaTreeTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Path REPO = Path.of("..");

    @Test
    void everyCatalogPresetGivesTheSameTreeAsValueToTree() throws Exception {
        List<Path> presets;
        try (Stream<Path> files = Files.list(REPO.resolve("presets"))) {
            presets = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(presets).hasSizeGreaterThan(5);
        for (Path preset : presets) {
            Object parsed = Yaml.load(Files.readString(preset, StandardCharsets.UTF_8), preset.toString());
            assertThat(SchemaValidator.tree(parsed)).as(preset.toString()).isEqualTo(MAPPER.valueToTree(parsed));
        }
    }

    @Test
    void thePresetSchemaReadAsYamlGivesTheSameTreeAsJacksonsJsonReader() throws Exception {
        String json = Files.readString(REPO.resolve("schemas/preset.schema.json"), StandardCharsets.UTF_8);
        assertThat(SchemaValidator.tree(Yaml.load(json, "preset.schema.json"))).isEqualTo(MAPPER.readTree(json));
    }

    @Test
    void everyScalarKindKeepsItsNodeType() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("int", 3);
        value.put("long", 30_000_000_000L);
        value.put("double", 0.5);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("decimal", new BigDecimal("1.25"));
        value.put("bool", true);
        value.put("none", null);
        value.put("text", "a \"quoted\" line\n");
        value.put("list", new ArrayList<>(Arrays.asList(1, "two", null, Map.of("k", List.of()))));
        value.put("other", java.time.Duration.ofSeconds(5)); // no YAML type: handed to the mapper
        assertThat(SchemaValidator.tree(value)).isEqualTo(MAPPER.valueToTree(value));
    }

    @Test
    void theComparisonSeesTheNodeType() {
        // what makes the tests above able to fail: an int node and a long node of the same number differ
        assertThat(JsonNodeFactory.instance.numberNode(1)).isNotEqualTo(JsonNodeFactory.instance.numberNode(1L));
    }
}
