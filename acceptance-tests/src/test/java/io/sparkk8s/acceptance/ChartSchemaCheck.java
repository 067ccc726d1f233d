package io.sparkk8s.acceptance;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether values keep to a chart's {@code values.schema.json} as written (draft-07, the dialect the file declares
 * and Helm reads it in), checked with the JSON Schema library the engine uses. The tests read the generated file
 * as any tool would, not through the core's (package-private) validator.
 */
final class ChartSchemaCheck {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final Schema schema;

    ChartSchemaCheck(String json) {
        this.schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(MAPPER.readTree(json));
    }

    /**
     * Whether the values (parsed YAML: maps, lists, scalars) have no violation. The failed {@code if} of a
     * composition rule is no violation by itself: its {@code then} is reported when it applies.
     */
    boolean accepts(Object values) {
        return schema.validate(MAPPER.valueToTree(values)).stream().allMatch(e -> "if".equals(e.getKeyword()));
    }
}
