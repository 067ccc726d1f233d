package io.sparkk8s.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real S3 API server (s3proxy in its own JVM) that accepts only the credentials of the release's S3 Secret,
 * standing in for the bundled object store. Buckets and prefix markers are created the way the chart's bucket
 * Job creates them (one bucket per first path segment, a {@code .keep} object per prefix), through the S3 API.
 *
 * <p>The store is s3proxy's in-memory {@code transient} backend, whose keys are flat like S3's. Its
 * {@code filesystem} backend keeps a key ending in {@code /} as a folder, and deleting such a key while objects
 * lie below it fails, after jclouds retried ten times a second apart ({@code org.jclouds.filesystem.util.Utils
 * .delete}, jclouds 2.7.0). Hadoop 3.3's S3A (the Spark 3.5 line) deletes the directory markers above every file it
 * creates (policy {@code delete}, its default; Hadoop 3.4 keeps them), so every write of the 3.5 line stalled about
 * ten seconds per parent folder there. On S3 or MinIO deleting a key has no such cost; see docs/facts.md §15.
 */
final class S3Server implements AutoCloseable {

    private final int port;
    private final Process process;
    private final Path log;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient http = HttpClient.newHttpClient();

    private S3Server(int port, Process process, Path log, String accessKey, String secretKey) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    static S3Server start(Path dir, String accessKey, String secretKey) {
        try {
            Files.createDirectories(dir);
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
                            "jclouds.provider=transient",
                            ""),
                    StandardCharsets.UTF_8);
            // s3proxy ships no logging configuration, so logback logs every HTTP frame at DEBUG (megabytes per test).
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="out"/></root>
                    </configuration>
                    """, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(Programs.S3.javaCommand("512m"));
            command.add(command.size() - 2, "-Dlogback.configurationFile=" + logback);
            command.addAll(List.of("org.gaul.s3proxy.Main", "--properties", properties.toString()));
            Path log = dir.resolve("s3proxy.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3Server server = new S3Server(port, process, log, accessKey, secretKey);
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
        HttpResponse<String> bucket = send("PUT", "/" + parts[0], "");
        if (bucket.statusCode() != 200 && !bucket.body().contains("BucketAlreadyOwnedByYou")) {
            throw new AssertionError("creating bucket " + parts[0] + ": " + bucket.statusCode() + " " + bucket.body());
        }
        if (parts.length > 1 && !parts[1].isEmpty()) {
            String key = parts[1].endsWith("/") ? parts[1] : parts[1] + "/";
            HttpResponse<String> marker = send("PUT", "/" + parts[0] + "/" + key + ".keep", "");
            if (marker.statusCode() != 200) {
                throw new AssertionError("creating " + target + "/.keep: " + marker.statusCode() + " " + marker.body());
            }
        }
    }

    /** The objects below a bucket path ({@code bucket[/prefix]}), as {@code bucket/key}, sorted. */
    List<String> objects(String bucketPath) {
        String[] parts = bucketPath.split("/", 2);
        String prefix = parts.length > 1 && !parts[1].isEmpty() ? parts[1] + "/" : "";
        List<String> keys = new ArrayList<>();
        String marker = "";
        while (true) {
            HttpResponse<String> listing = send(
                    "GET",
                    "/" + parts[0],
                    "?prefix=" + encode(prefix) + (marker.isEmpty() ? "" : "&marker=" + encode(marker)));
            if (listing.statusCode() == 404) {
                return List.of();
            }
            if (listing.statusCode() != 200) {
                throw new AssertionError("listing " + bucketPath + ": " + listing.statusCode() + " " + listing.body());
            }
            Matcher key = KEY.matcher(listing.body());
            while (key.find()) {
                marker = key.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
                keys.add(parts[0] + "/" + marker);
            }
            if (!listing.body().contains("<IsTruncated>true</IsTruncated>")) {
                return keys.stream().sorted().toList();
            }
        }
    }

    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    /** One S3 request signed with AWS signature version 2 (s3proxy accepts v2 and v4). */
    private HttpResponse<String> send(String method, String path, String query) {
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        String toSign = method + "\n\n\n" + date + "\n" + path;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address() + path + query))
                    .header("Date", date)
                    .header("Authorization", "AWS " + accessKey + ":" + signature)
                    .method(
                            method,
                            "PUT".equals(method)
                                    ? HttpRequest.BodyPublishers.ofString("")
                                    : HttpRequest.BodyPublishers.noBody())
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(method + " " + path + " on the S3 server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
