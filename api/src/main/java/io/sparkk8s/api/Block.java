package io.sparkk8s.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A component block: a typed piece of a Helm chart. Implementations are found with
 * {@link java.util.ServiceLoader}; register them in
 * {@code META-INF/services/io.sparkk8s.api.Block}.
 *
 * <h2>Templates</h2>
 * A block's templates are Helm templates preprocessed by the generator with Pebble, using the
 * delimiters {@code {= … =}} (print), {@code {% … %}} (tags) and {@code {## … ##}} (comments), so Helm's
 * {@code {{ … }}} passes through untouched. Variables available to a template:
 * <ul>
 *   <li>{@code v} — the Helm expression of the block's values: {@code .Values.connect} in the toggle
 *       layout, {@code .Values} in a subchart; write {@code {{ {= v =}.driver.memory }}}</li>
 *   <li>{@code key}, {@code id} — the block's values key and id</li>
 *   <li>{@code line} — the Spark line profile ({@code line.sparkVersion}, {@code line.image.tag}, …)</li>
 *   <li>{@code layout} — {@code toggle} or {@code subchart}</li>
 *   <li>{@code endpoints} — every endpoint of the chart by id: {@code endpoints["spark-connect"].port}</li>
 *   <li>{@code blocks} — the ids of the chart's blocks</li>
 * </ul>
 * Shared fragments of the engine can be included with {@code {% include "common/<name>.peb" %}}.
 */
public interface Block {

    /** The block's id, lower-case words joined by {@code -}, e.g. {@code history-server}. */
    String id();

    /** The key of the block's values in the chart, e.g. {@code historyServer}. */
    String valuesKey();

    /** One sentence saying what the block deploys. */
    String description();

    /** The Spark lines the block supports; every line unless a block says otherwise. */
    default Set<SparkLine> lines() {
        return java.util.EnumSet.allOf(SparkLine.class);
    }

    /**
     * The block's values model for a line. Paths are relative to {@link #valuesKey()}. Every block's
     * model starts with {@code enabled}.
     */
    ValuesModel values(SparkProfile profile);

    /**
     * The classpath folder of the block's templates, e.g. {@code io/sparkk8s/blocks/connect/}, read with
     * the block's class loader.
     */
    String templateFolder();

    /**
     * The template file names below {@link #templateFolder()}, e.g. {@code deployment.yaml}; files below
     * {@code tests/} become Helm test hooks.
     */
    List<String> templates();

    /** The endpoints the block serves; empty when it serves none. */
    default List<Endpoint> endpoints() {
        return List.of();
    }

    /**
     * The capabilities the block offers to others, e.g. {@link #S3} or {@code spark-connect}; empty when none.
     * A block that provides {@link #S3} also names the endpoint that serves it ({@link #s3Endpoint()}).
     */
    default Set<String> provides() {
        return Set.of();
    }

    /**
     * The capability of an S3-compatible object store serving the chart's shared S3 settings
     * ({@code global.s3}): Spark event logs, the Hive warehouse, MLflow artifacts.
     */
    String S3 = "s3";

    /**
     * The endpoint, one of {@link #endpoints()}, at which the block serves the chart's S3 store when it
     * provides {@link #S3}; empty otherwise. While the block is enabled and {@code global.s3.endpoint} is
     * empty, every S3 user reaches the store at {@code http://<release>-<service>:<port>} of this endpoint; the
     * engine itself names no S3 host. The engine refuses a block that provides {@link #S3} without naming its
     * endpoint here, or the reverse.
     */
    default Optional<Endpoint> s3Endpoint() {
        return Optional.empty();
    }

    /** The capabilities the block needs from others; empty when none. */
    default List<Requirement> requires() {
        return List.of();
    }

    /** Composition rules beyond {@link #requires()}; empty when none. */
    default List<Rule> rules() {
        return List.of();
    }

    /** Spark settings contributed to Spark-running blocks while this block is enabled; empty when none. */
    default List<SparkConfContribution> sparkConf() {
        return List.of();
    }

    /**
     * True when the block's pods read or write the shared S3 store (so they get the S3 settings and the
     * credentials Secret) without needing one to exist, e.g. standalone workers whose executors may touch S3.
     * Blocks that serve S3 or require it are S3 users anyway.
     */
    default boolean usesS3() {
        return false;
    }

    /** True when the block runs Spark and therefore reads the contributions of other blocks. */
    default boolean runsSpark() {
        return false;
    }
}
