package io.sparkk8s.api;

import java.util.List;

/**
 * A kind of string value with a fixed meaning: its pattern and the further limits the generated schema adds
 * follow from the kind, not from comparing a regular expression's text. Give a value a format with
 * {@link Value#format(ValueFormat)}; a free pattern ({@link Value#pattern(String)}) has the format
 * {@link #FREE}.
 */
public enum ValueFormat {
    /** No fixed kind: the value's own pattern, if any, says what it accepts. */
    FREE(null, 0, List.of()),
    /** An image repository, optionally with its registry host and port. */
    IMAGE_REPOSITORY(CommonValues.REPOSITORY_PATTERN, 0, List.of()),
    /**
     * A pinned image tag: never {@code latest}, which the schema rejects with a {@code not}/{@code const}
     * because the pattern cannot (Helm checks schemas with RE2-like engines that have no lookahead).
     */
    IMAGE_TAG(CommonValues.TAG_CHARACTERS_PATTERN, CommonValues.TAG_MAX_LENGTH, List.of("latest")),
    /**
     * The image repository of a workload that runs Spark, or empty: then the release's one Spark image
     * ({@code global.spark.image.repository}) applies.
     */
    SPARK_IMAGE_REPOSITORY("^$|" + CommonValues.REPOSITORY_PATTERN, 0, List.of()),
    /**
     * The pinned image tag of a workload that runs Spark, or empty: then the release's one Spark version
     * ({@code global.spark.image.tag}) applies; never {@code latest}.
     */
    SPARK_IMAGE_TAG("^$|" + CommonValues.TAG_CHARACTERS_PATTERN, CommonValues.TAG_MAX_LENGTH, List.of("latest")),
    /** A Kubernetes object or DNS name (RFC 1123 subdomain, at most 253 characters), or empty. */
    DNS_NAME(CommonValues.NAME_PATTERN, 253, List.of()),
    /**
     * A batch scheduler's queue, or empty: a Kubernetes name (Volcano's PodGroup CRD checks {@code spec.queue} with
     * the RFC 1123 subdomain pattern) short enough for a label value (YuniKorn reads the queue from a label).
     */
    QUEUE_NAME(CommonValues.NAME_PATTERN, 63, List.of()),
    /** A host name an Ingress rule can route (at most 253 characters), or empty. */
    HOST_NAME(CommonValues.HOST_PATTERN, 253, List.of());

    private final String pattern;
    private final int maxLength;
    private final List<String> rejected;

    ValueFormat(String pattern, int maxLength, List<String> rejected) {
        this.pattern = pattern;
        this.maxLength = maxLength;
        this.rejected = rejected;
    }

    /** The regular expression (ECMA 262) a value of this kind matches; null for {@link #FREE}. */
    public String pattern() {
        return pattern;
    }

    /** The greatest length of a value of this kind; 0 when only the pattern limits it. */
    public int maxLength() {
        return maxLength;
    }

    /** Values the pattern lets through that this kind still rejects; empty when none. */
    public List<String> rejected() {
        return rejected;
    }
}
