package io.sparkk8s.api;

import java.util.Objects;

/**
 * A capability a block needs from another block of the chart, such as {@code spark-connect}.
 *
 * @param capability the capability, matched against {@link Block#provides()}
 * @param externalValue a value path that points at an external provider instead (relative to the block's
 *     key, or absolute when it starts with {@code global.}); empty when no external alternative exists
 * @param why a sentence saying what the block uses the capability for
 * @param onlyWhen an extra premise (absolute paths) under which the capability is needed, e.g. event logs
 *     enabled; null means whenever the block is enabled
 */
public record Requirement(String capability, String externalValue, String why, Condition onlyWhen) {

    public Requirement {
        Objects.requireNonNull(capability, "capability");
        externalValue = externalValue == null ? "" : externalValue;
        Objects.requireNonNull(why, "why");
    }

    /** A requirement that holds whenever the block is enabled. */
    public Requirement(String capability, String externalValue, String why) {
        this(capability, externalValue, why, null);
    }
}
