package io.sparkk8s.verify;

import java.util.List;

/** The ids a {@link Finding#check()} takes, one per check of the verifier. */
public final class Checks {

    /** {@code helm lint --strict} reported an error or warning. */
    public static final String HELM_LINT = "helm-lint";
    /** {@code helm template} failed for a values file and Kubernetes version. */
    public static final String HELM_TEMPLATE = "helm-template";
    /** An object does not validate against the Kubernetes API schema (unknown field, wrong type, missing field, unknown kind). */
    public static final String K8S_SCHEMA = "k8s-schema";
    /** A pod spec violates the Pod Security Standards "restricted" profile (includes the baseline controls). */
    public static final String PSS_RESTRICTED = "pss-restricted";
    /** A pod spec violates the Pod Security Standards "baseline" profile (when the verifier enforces baseline only). */
    public static final String PSS_BASELINE = "pss-baseline";
    /** A reference between rendered objects does not resolve. */
    public static final String REF_INTEGRITY = "ref-integrity";
    /** Two env entries of one container share a name. */
    public static final String DUPLICATE_ENV = "duplicate-env";
    /** Two ports of one container share containerPort+protocol or a name. */
    public static final String DUPLICATE_PORT = "duplicate-port";
    /** A container lacks a cpu request, a memory request or a memory limit. */
    public static final String RESOURCES = "resources";
    /** An image has no tag or digest, or uses {@code latest}. */
    public static final String IMAGE_PINNED = "image-pinned";
    /** An object lacks a recommended label or has an invalid label. */
    public static final String LABELS = "labels";
    /** An object name is missing, too long or not a valid DNS name. */
    public static final String NAME_LENGTH = "name-length";
    /**
     * A rendered {@code spark-defaults.conf} sets a key Spark does not read on the chart's line (misspelt, of the
     * other line, or outside {@code spark.*}); checked when the line is known ({@link Verifier.Builder#sparkLine}).
     */
    public static final String SPARK_SETTINGS = "spark-settings";
    /**
     * A PodMonitor or ServiceMonitor endpoint reaches no rendered pod on a port of that name, or a path the Spark
     * process there does not serve with its rendered settings ({@link ScrapeCheck}).
     */
    public static final String SCRAPE_TARGET = "scrape-target";

    private Checks() {}

    /**
     * All check ids, in the order the verifier runs them.
     *
     * @return the ids
     */
    public static List<String> all() {
        return List.of(
                HELM_LINT,
                HELM_TEMPLATE,
                K8S_SCHEMA,
                PSS_RESTRICTED,
                PSS_BASELINE,
                REF_INTEGRITY,
                DUPLICATE_ENV,
                DUPLICATE_PORT,
                RESOURCES,
                IMAGE_PINNED,
                LABELS,
                NAME_LENGTH,
                SPARK_SETTINGS,
                SCRAPE_TARGET);
    }
}
