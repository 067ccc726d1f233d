package io.sparkk8s.api;

import java.util.Objects;

/**
 * A composition rule: when {@code when} holds, {@code then} must hold too.
 *
 * @param id a stable id, e.g. {@code connect-standalone-needs-master}
 * @param when the premise
 * @param then the requirement
 * @param message what is wrong and how to fix it, shown to users as is
 */
public record Rule(String id, Condition when, Condition then, String message) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(message, "message");
    }
}
