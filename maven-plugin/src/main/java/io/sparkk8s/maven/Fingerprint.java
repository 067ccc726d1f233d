package io.sparkk8s.maven;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Two SHA-256 digests: {@code inputs} over everything that goes into the charts (the request, the preset files,
 * the output folder, and the jars of generator-core and of every block on the plugin's class path), and
 * {@code outputs} over every file of the charts the request writes, as they are on disk. The goal stores both
 * after a run; the charts are current only when both still match, so a changed input and a deleted, edited or
 * added file in a chart folder alike make the goal generate again.
 */
record Fingerprint(String inputs, String outputs) {

    private static final String BLOCK_SERVICES = "META-INF/services/" + Block.class.getName();

    Fingerprint {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(outputs, "outputs");
    }

    /** The fingerprint of the inputs and of the chart folders as they are now. */
    static Fingerprint of(GenerationRequest request, Path outputDirectory, ClassLoader blocks, List<String> charts) {
        return new Fingerprint(inputs(request, outputDirectory, blocks), outputs(outputDirectory, charts));
    }

    /** The same inputs with the chart folders as they are now (after a run wrote them). */
    Fingerprint withCurrentOutputs(Path outputDirectory, List<String> charts) {
        return new Fingerprint(inputs, outputs(outputDirectory, charts));
    }

    /**
     * A digest over every regular file below each chart folder (path and bytes), sorted; a missing folder counts
     * as such, so deleting a chart, its {@code Chart.yaml} or its marker, editing a template or adding a file all
     * change it.
     */
    static String outputs(Path outputDirectory, List<String> charts) {
        MessageDigest digest = sha256();
        for (String chart : new TreeSet<>(charts)) {
            Path folder = outputDirectory.resolve(chart);
            update(digest, "chart", chart);
            if (!Files.isDirectory(folder)) {
                update(digest, "missing", chart);
                continue;
            }
            hashTree(digest, folder);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String inputs(GenerationRequest request, Path outputDirectory, ClassLoader blocks) {
        MessageDigest digest = sha256();
        update(digest, "lines", new TreeSet<>(request.lines()).toString());
        update(digest, "presets", request.presets().toString());
        update(digest, "include", new TreeSet<>(request.includeBlocks()).toString());
        update(digest, "exclude", new TreeSet<>(request.excludeBlocks()).toString());
        update(digest, "overrides", new TreeMap<>(request.overrides()).toString());
        update(digest, "layouts", new TreeMap<>(request.layouts()).toString());
        update(digest, "output", outputDirectory.toAbsolutePath().normalize().toString());
        for (Path catalog : request.catalogs()) {
            Path presets = catalog.resolve("presets");
            update(digest, "catalog", catalog.toAbsolutePath().normalize().toString());
            if (Files.isDirectory(presets)) {
                try (Stream<Path> files = Files.walk(presets)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        update(
                                digest,
                                "preset",
                                presets.relativize(file).toString().replace('\\', '/'));
                        digest.update(Files.readAllBytes(file));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the presets in " + presets, e);
                }
            }
        }
        for (String location : codeLocations(blocks)) {
            update(digest, "code", location);
            hashLocation(digest, location);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The fingerprint a file holds (inputs, then outputs, one a line); empty when there is none or it is unreadable. */
    static Optional<Fingerprint> storedIn(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.size() == 2
                    ? Optional.of(
                            new Fingerprint(lines.get(0).trim(), lines.get(1).trim()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void store(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, inputs + "\n" + outputs + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fingerprint " + file, e);
        }
    }

    /** The jars (or class folders) of generator-core and of every block provider, sorted. */
    private static List<String> codeLocations(ClassLoader blocks) {
        TreeSet<String> locations = new TreeSet<>();
        try {
            locations.add(Path.of(Generator.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
            for (URL url : Collections.list(blocks.getResources(BLOCK_SERVICES))) {
                if (url.openConnection() instanceof JarURLConnection jar) {
                    locations.add(Path.of(jar.getJarFileURL().toURI()).toString());
                } else {
                    locations.add(Path.of(url.toURI()).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the block providers", e);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the block providers: " + e.getMessage(), e);
        }
        return List.copyOf(locations);
    }

    /** A jar by its bytes; a class folder (a build of a block in the same reactor) by all of its files. */
    private static void hashLocation(MessageDigest digest, String location) {
        Path path = Path.of(location);
        hashTree(
                digest,
                path.endsWith(BLOCK_SERVICES) ? path.getParent().getParent().getParent() : path);
    }

    /** A file by its bytes; a folder by every regular file below it (relative path and bytes), sorted. */
    private static void hashTree(MessageDigest digest, Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                update(digest, "file", root.relativize(file).toString().replace('\\', '/'));
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[65536];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }

    private static void update(MessageDigest digest, String kind, String text) {
        digest.update((kind + '\0' + text + '\0').getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
