package io.sparkk8s.api;

import java.util.Objects;

/**
 * A composition rule: when {@code when} holds, {@code then} must hold too.
 *
 * @param id a stable id, e.g. {@code connect-standalone-needs-master}
 * @param when the premise
 * @param then the requirement
 * @param message what is wrong and how to fix it, with the keys it names as keys, so every layout says them as
 *     its values file spells them
 */
public record Rule(String id, Condition when, Condition then, RuleMessage message) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A rule whose message names keys in braces, e.g. {@code "{connect.backendMode} standalone needs a master"}
     * (see {@link RuleMessage#of}).
     */
    public Rule(String id, Condition when, Condition then, String message) {
        this(id, when, then, RuleMessage.of(message));
    }
}
