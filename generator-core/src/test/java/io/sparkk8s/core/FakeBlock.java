package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.Requirement;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A block for stage tests: what it provides, requires and serves is given, its model is {@code enabled} only. */
record FakeBlock(
        String id,
        String valuesKey,
        Set<SparkLine> lines,
        Set<String> provides,
        List<Requirement> requires,
        List<Endpoint> endpoints,
        boolean runsSpark)
        implements Block {

    static FakeBlock of(String id) {
        return new FakeBlock(id, id, EnumSet.allOf(SparkLine.class), Set.of(), List.of(), List.of(), false);
    }

    FakeBlock providing(String capability) {
        return new FakeBlock(id, valuesKey, lines, Set.of(capability), requires, endpoints, runsSpark);
    }

    FakeBlock requiring(Requirement requirement) {
        return new FakeBlock(id, valuesKey, lines, provides, List.of(requirement), endpoints, runsSpark);
    }

    FakeBlock serving(Endpoint endpoint) {
        return new FakeBlock(id, valuesKey, lines, provides, requires, List.of(endpoint), runsSpark);
    }

    FakeBlock onlyOn(SparkLine line) {
        return new FakeBlock(id, valuesKey, EnumSet.of(line), provides, requires, endpoints, runsSpark);
    }

    FakeBlock runningSpark() {
        return new FakeBlock(id, valuesKey, lines, provides, requires, endpoints, true);
    }

    @Override
    public String description() {
        return "Fake block " + id + ".";
    }

    @Override
    public ValuesModel values(SparkProfile profile) {
        return new ValuesModel(List.of(Value.bool("enabled", false, "Deploy " + id + ".")));
    }

    @Override
    public String templateFolder() {
        return "io/sparkk8s/testblocks/";
    }

    @Override
    public List<String> templates() {
        return List.of();
    }
}
