package io.sparkk8s.verify;

import java.util.Objects;

/**
 * One problem the verifier found.
 *
 * @param check the check id, one of {@link Checks}
 * @param kind the kind of the object at fault ({@code Deployment}); empty for chart-level findings
 * @param name the object's {@code metadata.name}; empty when unknown
 * @param path where in the object, JSON-path-like
 *     ({@code spec.template.spec.containers[0].securityContext.runAsNonRoot}); for Helm findings the chart
 *     file; empty when the whole object is at fault
 * @param message what is wrong and how to fix it
 * @param source what produced it: values file and Kubernetes versions
 *     ({@code values: presets/x.yaml, kube 1.29.0, 1.34.0}), or {@code helm lint --strict}
 */
public record Finding(String check, String kind, String name, String path, String message, String source) {

    /** Requires every component; use the empty string for "not applicable". */
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }

    /**
     * One line for humans: {@code [check] Kind/name at path: message (source)}.
     *
     * @return the line
     */
    public String format() {
        StringBuilder line = new StringBuilder().append('[').append(check).append("] ");
        if (!kind.isEmpty() || !name.isEmpty()) {
            line.append(kind.isEmpty() ? "?" : kind).append('/').append(name.isEmpty() ? "?" : name);
        } else {
            line.append("chart");
        }
        if (!path.isEmpty()) {
            line.append(" at ").append(path);
        }
        line.append(": ").append(message);
        if (!source.isEmpty()) {
            line.append(" (").append(source).append(')');
        }
        return line.toString();
    }
}
