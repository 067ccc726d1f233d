package io.sparkk8s.api;

import java.util.Objects;

/**
 * A Spark setting a block contributes to every Spark-running block of the chart while it is enabled,
 * such as the Hive Metastore's {@code spark.hive.metastore.uris}.
 *
 * <p>The value is a Helm template fragment rendered at the chart's root, so it reads values by their
 * absolute path ({@code .Values.hiveMetastore.warehouseDir}) and names services with
 * {@code include "sparkk8s.fullname" (dict "context" $ "component" "hive-metastore")}.
 *
 * @param key the Spark setting
 * @param valueTemplate the Helm template that renders its value
 */
public record SparkConfContribution(String key, String valueTemplate) {

    public SparkConfContribution {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(valueTemplate, "valueTemplate");
    }
}
