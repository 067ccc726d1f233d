package io.sparkk8s.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test fixtures: the good rendered set and precise one-place mutations of it. */
final class Fixtures {

    private Fixtures() {}

    static String goodManifests() {
        return resource("/manifests/good.yaml");
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path chart(String name) {
        try {
            return Path.of(Fixtures.class
                            .getResource("/charts/" + name + "/Chart.yaml")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the first occurrence of {@code from} after the first occurrence of {@code anchor}; fails when
     * either is absent, so a fixture change cannot silently turn a defect test into a no-op.
     */
    static String mutate(String yaml, String anchor, String from, String to) {
        int anchorAt = yaml.indexOf(anchor);
        assertThat(anchorAt).as("anchor <%s> in the fixture", anchor).isNotNegative();
        int at = yaml.indexOf(from, anchorAt);
        assertThat(at).as("<%s> after anchor <%s> in the fixture", from, anchor).isNotNegative();
        return yaml.substring(0, at) + to + yaml.substring(at + from.length());
    }

    /** Replaces the one occurrence of {@code from}; fails when it is absent or not unique. */
    static String mutate(String yaml, String from, String to) {
        int at = yaml.indexOf(from);
        assertThat(at).as("<%s> in the fixture", from).isNotNegative();
        assertThat(yaml.indexOf(from, at + 1))
                .as("<%s> occurs once in the fixture", from)
                .isNegative();
        return yaml.substring(0, at) + to + yaml.substring(at + from.length());
    }
}
