package io.sparkk8s.blocks;

import io.sparkk8s.api.Condition;
import io.sparkk8s.api.Rule;

/** The composition rules of the batch-scheduling fragments of {@code CommonValues}, for any block running Spark. */
final class BatchRules {

    private BatchRules() {}

    /**
     * Scratch space in memory or on a claim needs a size: a tmpfs without one may take all of the pod's memory
     * (its pages count against the container's memory limit, so the executor is OOM-killed instead of getting a
     * "no space left" error), and a claim has no size otherwise.
     *
     * @param key the block's values key, e.g. {@code connect}
     * @param scratch the scratch-space group, e.g. {@code connect.executor.scratch}
     */
    static Rule scratchNeedsSize(String key, String scratch) {
        return scratchNeedsSize(key, scratch, Condition.enabled(key));
    }

    /**
     * The same rule inside one entry of a map of applications ({@code jobs.apps.<name>}), whose paths are relative
     * to the entry and which applies while the entry exists.
     *
     * @param id the rule id's stem, e.g. {@code job}
     * @param scratch the scratch-space group relative to the entry, e.g. {@code executor.scratch}
     */
    static Rule scratchNeedsSizeInEntry(String id, String scratch) {
        return scratchNeedsSize(id, scratch, Condition.all());
    }

    private static Rule scratchNeedsSize(String key, String scratch, Condition when) {
        return new Rule(
                key + "-scratch-needs-size",
                Condition.all(
                        when,
                        Condition.any(
                                Condition.eq(scratch + ".type", "tmpfs"), Condition.eq(scratch + ".type", "pvc"))),
                Condition.present(scratch + ".sizeLimit"),
                "{" + scratch + ".type} tmpfs or pvc needs a size: set {" + scratch + ".sizeLimit}, e.g. 2Gi "
                        + "(a tmpfs counts against the memory limit of the pod; the chart adds the size to it)");
    }
}
