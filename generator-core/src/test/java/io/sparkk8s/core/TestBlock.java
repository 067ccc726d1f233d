package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.List;

/** A small real block for engine tests: one ConfigMap template that reads the values it declares. */
record TestBlock(String id, String valuesKey, List<Value> values, List<String> templates) implements Block {

    static TestBlock simple() {
        return new TestBlock(
                "demo",
                "demo",
                List.of(
                        Value.bool("enabled", true, "Deploy the demo."),
                        Value.string("greeting", "hello", "What the ConfigMap says.")
                                .allowed("hello", "hi")),
                List.of("configmap.yaml"));
    }

    @Override
    public String description() {
        return "A demo block used by the engine tests.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return new ValuesModel(values);
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/testblocks/";
    }
}
