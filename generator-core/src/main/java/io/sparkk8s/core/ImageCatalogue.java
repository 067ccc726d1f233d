package io.sparkk8s.core;

import io.sparkk8s.api.SparkLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The images the generated charts deploy, kept as data in {@code images.yaml}: source, licence, date of the pinned
 * release, why it was chosen and, for images that run Spark Python code, their Python major.minor. The chart
 * README lists them; the tests check that every rendered image has an entry.
 */
final class ImageCatalogue {

    private static final String RESOURCE = "/io/sparkk8s/core/images.yaml";

    private ImageCatalogue() {}

    /**
     * One image.
     *
     * @param image repository:tag as rendered with the default values (no registry prefix)
     * @param lines the Spark lines whose charts deploy it
     * @param role what it runs
     * @param python the Python major.minor when it runs Spark Python code (a client or executors), else empty
     * @param source the project that builds it
     * @param licence SPDX-style licence of the image's software
     * @param released date of the pinned release (YYYY-MM or YYYY-MM-DD)
     * @param confidence how the date and tag are known: confirmed, usage or guess (see docs/facts.md)
     * @param why why this image and tag
     */
    public record Entry(
            String image,
            List<String> lines,
            String role,
            String python,
            String source,
            String licence,
            String released,
            String confidence,
            String why) {

        public Entry {
            Objects.requireNonNull(image, "image");
            lines = List.copyOf(lines);
            python = python == null ? "" : python;
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(licence, "licence");
            Objects.requireNonNull(released, "released");
            Objects.requireNonNull(confidence, "confidence");
            why = why == null ? "" : why;
        }

        /** Whether the charts of a line deploy this image. */
        public boolean on(SparkLine line) {
            return lines.contains(line.id());
        }
    }

    /** Every entry (read once; the resource ships with the generator). */
    public static List<Entry> all() {
        return Loaded.ENTRIES;
    }

    /** The entry of a rendered image reference, if any. */
    public static Optional<Entry> find(String image) {
        return all().stream().filter(e -> e.image().equals(image)).findFirst();
    }

    /** The README section: one row per image of the line. */
    private static final class Loaded {
        static final List<Entry> ENTRIES = load();

        private static List<Entry> load() {
            try (InputStream in = ImageCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE + " in generator-core");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, Object> root = Yaml.asMap(Yaml.load(text, RESOURCE), RESOURCE, "");
                List<Entry> out = new ArrayList<>();
                for (Object item : (List<?>) root.get("images")) {
                    Map<String, Object> m = Yaml.asMap(item, RESOURCE, "images[]");
                    out.add(new Entry(
                            str(m, "image"),
                            ((List<?>) m.get("lines"))
                                    .stream().map(String::valueOf).toList(),
                            str(m, "role"),
                            m.get("python") == null ? "" : str(m, "python"),
                            str(m, "source"),
                            str(m, "licence"),
                            str(m, "released"),
                            str(m, "confidence"),
                            m.get("why") == null ? "" : str(m, "why")));
                }
                return List.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }

        private static String str(Map<String, Object> m, String key) {
            Object value = m.get(key);
            if (value == null) {
                throw new IllegalStateException("images.yaml: missing key " + key + " in " + m);
            }
            return String.valueOf(value);
        }
    }
}
