package io.sparkk8s.verify;

import java.util.Objects;

/**
 * An object a chart references but does not render, because the user provides it (an existing Secret, a
 * ServiceAccount managed by the platform). The referential-integrity check accepts references to it.
 *
 * @param kind the kind ({@code Secret}, {@code ConfigMap}, {@code PersistentVolumeClaim},
 *     {@code ServiceAccount}, {@code Role}, {@code ClusterRole}, {@code Service})
 * @param name the object name, or {@code *} for every object of that kind
 */
public record ExternalRef(String kind, String name) {

    /** Requires both components, not blank. */
    public ExternalRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("external reference needs a kind and a name: " + kind + "/" + name);
        }
    }

    boolean covers(String refKind, String refName) {
        return kind.equals(refKind) && ("*".equals(name) || name.equals(refName));
    }
}
