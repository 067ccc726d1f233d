package io.sparkk8s.api;

/** The type of one declared value; decides its JSON Schema and how {@code values.yaml} shows it. */
public enum ValueType {
    /** A string. */
    STRING("string"),
    /** A whole number. */
    INTEGER("integer"),
    /** Any number. */
    NUMBER("number"),
    /** true or false. */
    BOOLEAN("boolean"),
    /** A Kubernetes quantity: a string such as {@code 512Mi} or a number. */
    QUANTITY("quantity"),
    /** A map from string keys to string, number or boolean values (env, labels of other tools). */
    STRING_MAP("map of string"),
    /**
     * Spark settings passed through as given (a block's {@code sparkConf}): a map like {@link #STRING_MAP} whose
     * keys must be settings Spark reads on the chart's line ({@link SparkSettings}); {@code validate}, generation
     * and {@code verify} report the others.
     */
    SPARK_CONF("map of Spark setting"),
    /**
     * Kubernetes labels or a node selector: keys are qualified names ({@code example.com/team}), values are
     * label values (at most 63 alphanumerics, '-', '_', '.', starting and ending alphanumeric) given as strings;
     * the keys of the chart's own labels ({@code app.kubernetes.io/*}, {@code helm.sh/chart}) are rejected.
     */
    LABELS("map of label"),
    /**
     * Kubernetes annotations: keys are qualified names, values are strings; the chart's own pod annotation
     * {@code checksum/config} is rejected.
     */
    ANNOTATIONS("map of annotation"),
    /** A free-form object passed to Kubernetes as is (affinity). */
    OBJECT("object"),
    /** A list of free-form objects passed to Kubernetes as is (tolerations, volumes). */
    OBJECT_LIST("list of object"),
    /** A list of strings. */
    STRING_LIST("list of string"),
    /**
     * A map of named entries, each following a nested {@link ValuesModel} ({@link Value#modelMap}); the names are
     * DNS labels.
     */
    MODEL_MAP("map of object");

    private final String label;

    ValueType(String label) {
        this.label = label;
    }

    /** How the README and {@code explain} name the type. */
    public String label() {
        return label;
    }

    /** True when values below this one are not declared individually. */
    public boolean isOpen() {
        return this == STRING_MAP
                || this == SPARK_CONF
                || this == LABELS
                || this == ANNOTATIONS
                || this == OBJECT
                || this == OBJECT_LIST
                || this == STRING_LIST
                || this == MODEL_MAP;
    }
}
