package io.sparkk8s.api;

/** The Kubernetes versions every generated chart supports and every verification runs against. */
public final class KubernetesVersions {

    /** The lowest supported Kubernetes version. */
    public static final String LOWEST = "1.29.0";
    /** The highest supported (and tested) Kubernetes version. */
    public static final String HIGHEST = "1.34.0";

    private KubernetesVersions() {}

    /** The {@code kubeVersion} constraint written into every Chart.yaml. */
    public static String constraint() {
        return ">=" + LOWEST + "-0";
    }
}
