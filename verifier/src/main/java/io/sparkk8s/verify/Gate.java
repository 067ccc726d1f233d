package io.sparkk8s.verify;

import java.util.Objects;

/**
 * One check a verification ran, on what, and how many items it looked at: what a passed report rests on.
 *
 * @param check a check id of {@link Checks}
 * @param description what the check does, e.g. {@code Kubernetes API schema 1.29}
 * @param scope the rendering it ran on ({@code values: defaults, kube 1.29.0, 1.35.0}), or {@code chart}
 * @param count how many items it checked
 * @param unit what the items are ({@code objects}, {@code pod specs}, {@code containers}, ...)
 */
public record Gate(String check, String description, String scope, int count, String unit) {

    /** Checks the fields. */
    public Gate {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * One line of text: {@code k8s-schema  Kubernetes API schema 1.29: 41 objects (values: defaults, kube …)}.
     *
     * @return the line
     */
    public String format() {
        return String.format("%-15s %s: %d %s (%s)", check, description, count, unit, scope);
    }
}
