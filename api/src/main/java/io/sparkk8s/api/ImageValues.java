package io.sparkk8s.api;

import java.util.Objects;

/**
 * One container image a block's values model declares: the keys {@code <prefix>.repository},
 * {@code <prefix>.tag}, {@code <prefix>.digest} and {@code <prefix>.pullPolicy} that
 * {@link CommonValues#image} creates. A model lists its images explicitly
 * ({@link ValuesModel.Builder#image(String)}); the engine reads the list, e.g. for the chart's
 * {@code artifacthub.io/images} annotation, instead of guessing images from key names.
 *
 * @param prefix the path of the image's keys below the block's values key, e.g. {@code image} or
 *     {@code jdbcDriverImage}
 */
public record ImageValues(String prefix) {

    public ImageValues {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("an image needs the prefix of its keys, e.g. image");
        }
    }

    /** The path of the image repository value. */
    public String repositoryPath() {
        return prefix + ".repository";
    }

    /** The path of the pinned tag value. */
    public String tagPath() {
        return prefix + ".tag";
    }
}
