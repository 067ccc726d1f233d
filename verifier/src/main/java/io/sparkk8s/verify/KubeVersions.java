package io.sparkk8s.verify;

import java.util.List;

/**
 * The Kubernetes versions the generated charts support: the single place that defines the range. Charts use
 * {@link #kubeVersionConstraint()} as their {@code Chart.yaml kubeVersion}; the verifier renders at
 * {@link #LOWEST} and {@link #HIGHEST}.
 */
public final class KubeVersions {

    /** The lowest supported Kubernetes version. */
    public static final String LOWEST = io.sparkk8s.api.KubernetesVersions.LOWEST;

    /** The highest supported Kubernetes version. */
    public static final String HIGHEST = io.sparkk8s.api.KubernetesVersions.HIGHEST;

    private KubeVersions() {}

    /**
     * The {@code kubeVersion} constraint for {@code Chart.yaml}. The {@code -0} suffix lets pre-release and
     * vendor builds such as {@code v1.29.3-eks-1234} satisfy it.
     *
     * @return {@code ">=1.29.0-0"}
     */
    public static String kubeVersionConstraint() {
        return io.sparkk8s.api.KubernetesVersions.constraint();
    }

    /**
     * The versions the verifier renders at by default.
     *
     * @return {@link #LOWEST} and {@link #HIGHEST}
     */
    public static List<String> defaults() {
        return List.of(LOWEST, HIGHEST);
    }
}
