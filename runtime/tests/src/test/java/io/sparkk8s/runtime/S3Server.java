package io.sparkk8s.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real S3 API server (s3proxy over a local folder, in its own JVM) that accepts only the credentials of the
 * release's S3 Secret, standing in for the bundled object store. Buckets and prefix markers are created the way
 * the chart's bucket Job creates them (one bucket per first path segment, a {@code .keep} object per prefix).
 */
final class S3Server implements AutoCloseable {

    private final Path data;
    private final int port;
    private final Process process;
    private final Path log;

    private S3Server(Path data, int port, Process process, Path log) {
        this.data = data;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static S3Server start(Path dir, String accessKey, String secretKey) {
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            int port = freePort();
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + accessKey,
                            "s3proxy.credential=" + secretKey,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + data,
                            ""),
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(Programs.S3.javaCommand("512m"));
            command.addAll(List.of("org.gaul.s3proxy.Main", "--properties", properties.toString()));
            Path log = dir.resolve("s3proxy.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3Server server = new S3Server(data, port, process, log);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port of the server, e.g. to map {@code <release>-minio:9000} to it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** Creates {@code bucket[/prefix]}: the bucket, and a {@code .keep} object under the prefix. */
    void createTarget(String target) {
        String[] parts = target.split("/", 2);
        try {
            Path bucket = Files.createDirectories(data.resolve(parts[0]));
            if (parts.length > 1 && !parts[1].isEmpty()) {
                Path prefix = Files.createDirectories(bucket.resolve(parts[1]));
                Files.writeString(prefix.resolve(".keep"), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects under a bucket path, as stored. */
    List<String> objects(String bucketPath) {
        Path dir = data.resolve(bucketPath);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> data.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("s3proxy exited: " + Files.readString(log));
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                LocalPod.sleep(300);
            }
        }
        throw new AssertionError("s3proxy did not start: " + Files.readString(log));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
