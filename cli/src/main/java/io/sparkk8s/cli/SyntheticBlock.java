package io.sparkk8s.cli;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.CommonValues;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A block for the scaling benchmark only: a ConfigMap that reads an image, resources, a label map and a string,
 * the shapes real blocks share. Not registered with ServiceLoader; {@link Bench} builds as many as it needs.
 */
record SyntheticBlock(int number) implements Block {

    @Override
    public String id() {
        return "synthetic-" + number;
    }

    @Override
    public String valuesKey() {
        return "synthetic" + number;
    }

    @Override
    public String description() {
        return "Synthetic block " + number + " of the scaling benchmark.";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        String what = "synthetic block " + number;
        List<Value> values = new ArrayList<>();
        values.add(Value.bool("enabled", true, "Deploy " + what + "."));
        values.add(Value.string("greeting", "hello", "What the ConfigMap of " + what + " says."));
        values.addAll(CommonValues.image("image", what, new SparkProfile.Image("example/synthetic", "1.0." + number)));
        values.addAll(CommonValues.resources("resources", what, "100m", "128Mi"));
        values.add(Value.labels("podLabels", "Extra labels of " + what + "."));
        return ValuesModel.builder().image("image").addAll(values).build();
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/bench/";
    }

    @Override
    public List<String> templates() {
        return List.of("configmap.yaml");
    }
}
