package io.sparkk8s.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered set of values a block declares, and the images among them. Paths are relative to the block's
 * values key.
 *
 * @param values the declared values, in the order values.yaml shows them
 * @param images the container images the values configure, in declaration order; every value of the format
 *     {@link ValueFormat#IMAGE_TAG} belongs to one of them
 * @param rules rules between the values of one entry of a map of this model ({@link Value#modelMap}), with paths
 *     relative to the entry; the entry's schema says them as if/then, so Helm, {@code validate} and an editor
 *     reject an entry that breaks one, naming it; empty for a block's own model, whose rules are
 *     {@link Block#rules()}
 */
public record ValuesModel(List<Value> values, List<ImageValues> images, List<Rule> rules) {

    public ValuesModel {
        values = List.copyOf(values);
        images = List.copyOf(images);
        rules = List.copyOf(rules);
        Map<String, Value> seen = new LinkedHashMap<>();
        for (Value value : values) {
            if (seen.put(value.path(), value) != null) {
                throw new IllegalArgumentException("value '" + value.path() + "' is declared twice");
            }
        }
        // A path below a leaf sorts right after "<leaf>." (n log n; models are built often).
        java.util.TreeMap<String, Value> sorted = new java.util.TreeMap<>(seen);
        for (Value value : values) {
            String below = value.path() + ".";
            String next = sorted.ceilingKey(below);
            if (next != null && next.startsWith(below)) {
                throw new IllegalArgumentException("value '" + next + "' is declared below '" + value.path()
                        + "', which is a leaf of type " + value.type().label());
            }
        }
        checkImages(seen, images);
    }

    /** A model without entry rules. */
    public ValuesModel(List<Value> values, List<ImageValues> images) {
        this(values, images, List.of());
    }

    /** A model without images. */
    public ValuesModel(List<Value> values) {
        this(values, List.of());
    }

    private static void checkImages(Map<String, Value> values, List<ImageValues> images) {
        Map<String, ImageValues> byTag = new LinkedHashMap<>();
        for (ImageValues image : images) {
            if (byTag.put(image.tagPath(), image) != null) {
                throw new IllegalArgumentException("image '" + image.prefix() + "' is declared twice");
            }
            Value repository = values.get(image.repositoryPath());
            Value tag = values.get(image.tagPath());
            boolean plain = repository != null
                    && repository.format() == ValueFormat.IMAGE_REPOSITORY
                    && tag != null
                    && tag.format() == ValueFormat.IMAGE_TAG;
            boolean spark = repository != null
                    && repository.format() == ValueFormat.SPARK_IMAGE_REPOSITORY
                    && tag != null
                    && tag.format() == ValueFormat.SPARK_IMAGE_TAG;
            if (!plain && !spark) {
                throw new IllegalArgumentException("image '" + image.prefix() + "' needs the values "
                        + image.repositoryPath() + " (format IMAGE_REPOSITORY) and " + image.tagPath()
                        + " (format IMAGE_TAG); declare them with CommonValues.image(\"" + image.prefix()
                        + "\", …)");
            }
        }
        for (Value value : values.values()) {
            boolean isTag = value.format() == ValueFormat.IMAGE_TAG || value.format() == ValueFormat.SPARK_IMAGE_TAG;
            if (isTag && !byTag.containsKey(value.path())) {
                throw new IllegalArgumentException("value '" + value.path() + "' is an image tag but the model "
                        + "lists no image with it; list the image with ValuesModel.Builder.image(prefix), "
                        + "e.g. image(\"image\") for the keys of CommonValues.workload");
            }
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value at a path, if declared. */
    public Optional<Value> find(String path) {
        return values.stream().filter(v -> v.path().equals(path)).findFirst();
    }

    /** The values (and images) that exist on a line. */
    public ValuesModel on(SparkLine line) {
        List<Value> kept = values.stream()
                .filter(v -> v.existsOn(line))
                .map(v -> v.entry() == null
                        ? v
                        : new Value(
                                v.path(),
                                v.type(),
                                v.defaultValue(),
                                v.description(),
                                v.allowed(),
                                v.minimum(),
                                v.maximum(),
                                v.pattern(),
                                v.lines(),
                                v.examples(),
                                v.sparkConf(),
                                v.format(),
                                v.entry().on(line),
                                v.maxLength()))
                .toList();
        return new ValuesModel(
                kept,
                images.stream()
                        .filter(i -> kept.stream().anyMatch(v -> v.path().equals(i.tagPath())))
                        .toList(),
                rules);
    }

    /** A builder that keeps declaration order. */
    public static final class Builder {
        private final List<Value> values = new ArrayList<>();
        private final List<ImageValues> images = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a rule between the values of one entry, for the model of a map ({@link Value#modelMap}); paths and
         * the message's keys are relative to the entry.
         */
        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        /** Adds one value. */
        public Builder add(Value value) {
            values.add(value);
            return this;
        }

        /** Adds values, e.g. a common set from {@link CommonValues}. */
        public Builder addAll(List<Value> more) {
            values.addAll(more);
            return this;
        }

        /**
         * Lists the image whose keys are below {@code prefix}, e.g. {@code image} for the keys of
         * {@link CommonValues#workload}; the keys themselves are added with {@link CommonValues#image}.
         */
        public Builder image(String prefix) {
            images.add(new ImageValues(prefix));
            return this;
        }

        /** Lists images, e.g. those of another model. */
        public Builder images(List<ImageValues> more) {
            images.addAll(more);
            return this;
        }

        /** The model. */
        public ValuesModel build() {
            return new ValuesModel(values, images, rules);
        }
    }
}
