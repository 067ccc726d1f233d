package io.sparkk8s.verify;

/** The Pod Security Standards profile the verifier enforces on every pod spec. */
public enum PodSecurityLevel {
    /** Prevents known privilege escalations; findings carry {@link Checks#PSS_BASELINE}. */
    BASELINE,
    /** Baseline plus current hardening practice; findings carry {@link Checks#PSS_RESTRICTED}. The default. */
    RESTRICTED
}
