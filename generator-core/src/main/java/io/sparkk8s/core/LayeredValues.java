package io.sparkk8s.core;

import io.sparkk8s.api.SparkLine;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values Helm would use for a chart ({@link Generator#values}): the layers a user gave, in order, and their
 * result over the chart's defaults.
 *
 * @param line the chart's line
 * @param layers the layers in the order they apply
 * @param overlay the layers coalesced into one values file (what {@code helm -f} of it would do alone)
 * @param merged the overlay over the chart's defaults
 */
public record LayeredValues(
        SparkLine line, List<Layer> layers, Map<String, Object> overlay, Map<String, Object> merged) {

    public LayeredValues {
        Objects.requireNonNull(line, "line");
        layers = List.copyOf(layers);
        overlay = java.util.Collections.unmodifiableMap(overlay);
        merged = java.util.Collections.unmodifiableMap(merged);
    }

    /**
     * One layer.
     *
     * @param source the preset file, values file, or {@code --set}
     * @param values what it sets
     */
    public record Layer(String source, Map<String, Object> values) {
        public Layer {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(values, "values");
        }
    }

    /**
     * Layers merged in order like Helm's {@code -f} files: later layers win, maps merge, lists are replaced; a
     * null is kept (it removes the chart's default when the result meets the defaults).
     *
     * @param layers the layers
     * @return one values tree
     */
    public static Map<String, Object> overlay(List<Layer> layers) {
        Map<String, Object> overlay = new java.util.LinkedHashMap<>();
        for (Layer layer : layers) {
            overlay = Values.layer(overlay, layer.values());
        }
        return overlay;
    }

    /**
     * The last layer that sets a key path, one of its parents or one of its children: the layer a problem at
     * that path is about; {@code fallback} when none does (a rule about a key no layer sets).
     */
    static String sourceOf(List<Layer> layers, String path, String fallback) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (!path.isEmpty() && touches(layers.get(i).values(), path.split("\\."))) {
                return layers.get(i).source();
            }
        }
        return fallback;
    }

    private static boolean touches(Map<?, ?> values, String[] parts) {
        Object at = values;
        for (String part : parts) {
            if (!(at instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            at = map.get(part);
            if (!(at instanceof Map<?, ?>)) {
                return true;
            }
        }
        return true;
    }
}
