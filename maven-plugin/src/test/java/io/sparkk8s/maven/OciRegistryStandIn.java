package io.sparkk8s.maven;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A recording stand-in for an OCI registry, for the calls {@code helm registry login} and {@code helm push}
 * make (OCI distribution spec v1.1: the {@code /v2/} ping, blob existence checks, monolithic and chunked blob
 * uploads, manifest put and get, tag list), over HTTPS behind HTTP Basic authentication like a private registry. No real
 * registry can be had on the build machines (no container engine; no registry server on Maven Central), so the
 * package-push IT pushes to this one. It checks what a registry checks (the digest of every uploaded blob, the
 * credentials) and records every call, so a test can assert what Helm sent.
 */
public final class OciRegistryStandIn implements AutoCloseable {

    private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]*)$");
    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/(sha256:[0-9a-f]{64})$");
    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");

    private final String expectedAuthorization;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> calls = new ArrayList<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    /** repository:reference (tag or digest) → manifest; insertion order kept. */
    private final Map<String, Manifest> manifests = new LinkedHashMap<>();

    /** A stored manifest: its media type, bytes and digest. */
    public record Manifest(String mediaType, byte[] bytes, String digest) {
        /** The manifest as text (JSON). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts a registry on a free port of the loopback interface that accepts only these credentials, speaking
     * HTTPS with a self-signed certificate for 127.0.0.1 (made with the JDK's keytool in a temporary folder), like
     * a private registry; clients skip its verification ({@code insecureSkipTlsVerify}).
     */
    public OciRegistryStandIn(String username, String password) throws IOException {
        this.expectedAuthorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        this.server = https;
        server.createContext("/", this::handle);
        // Helm uploads the config and chart blobs in parallel: one thread per call
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    /** A TLS context with a fresh self-signed certificate for 127.0.0.1 and localhost. */
    private static SSLContext selfSigned() throws IOException {
        Path dir = Files.createTempDirectory("oci-stand-in");
        Path keystore = dir.resolve("registry.p12");
        char[] secret = UUID.randomUUID().toString().toCharArray();
        try {
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "registry",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-validity",
                            "2",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "SAN=ip:127.0.0.1,dns:localhost",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            keystore.toString(),
                            "-storepass",
                            new String(secret))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, secret);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the certificate", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e, e);
        } finally {
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(dir);
        }
    }

    /** The port the registry listens on (127.0.0.1). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Every call so far as {@code METHOD path -> status}, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The bytes of a blob that was uploaded with a matching digest. */
    public Optional<byte[]> blob(String digest) {
        return Optional.ofNullable(blobs.get(digest));
    }

    /** The manifest stored under {@code repository:reference}, e.g. {@code charts/spark-4.1:0.1.0}. */
    public synchronized Optional<Manifest> manifest(String repositoryAndReference) {
        return Optional.ofNullable(manifests.get(repositoryAndReference));
    }

    /** The {@code repository:reference} keys of every stored manifest. */
    public synchronized List<String> manifestReferences() {
        return List.copyOf(manifests.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status;
        try {
            status = respond(exchange, method, path, query, body);
        } catch (RuntimeException | IOException e) {
            synchronized (this) {
                calls.add(method + " " + path + " failed: " + e);
            }
            throw e;
        }
        synchronized (this) {
            calls.add(method + " " + path + (query.isEmpty() ? "" : "?" + query.replaceAll("digest=[^&]+", "digest=…"))
                    + " -> " + status);
        }
    }

    private int respond(HttpExchange exchange, String method, String path, String query, byte[] body)
            throws IOException {
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"spark-k8s stand-in registry\"");
            return send(exchange, 401, "application/json", error("UNAUTHORIZED", "authentication required"));
        }
        if (path.equals("/v2/") || path.equals("/v2")) {
            return send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        Matcher m;
        if ((m = UPLOAD.matcher(path)).matches()) {
            return upload(exchange, method, m.group(1), m.group(2), query, body);
        }
        if ((m = BLOB.matcher(path)).matches() && (method.equals("HEAD") || method.equals("GET"))) {
            byte[] blob = blobs.get(m.group(2));
            if (blob == null) {
                return send(exchange, 404, "application/json", error("BLOB_UNKNOWN", m.group(2)));
            }
            exchange.getResponseHeaders().add("Docker-Content-Digest", m.group(2));
            return method.equals("HEAD")
                    ? head(exchange, "application/octet-stream", blob.length)
                    : send(exchange, 200, "application/octet-stream", blob);
        }
        if ((m = MANIFEST.matcher(path)).matches()) {
            return manifest(exchange, method, m.group(1), m.group(2), body);
        }
        if ((m = TAGS.matcher(path)).matches() && method.equals("GET")) {
            StringBuilder tags = new StringBuilder();
            synchronized (this) {
                for (String key : manifests.keySet()) {
                    if (key.startsWith(m.group(1) + ":")
                            && !key.substring(m.group(1).length() + 1).startsWith("sha256:")) {
                        tags.append(tags.isEmpty() ? "" : ",")
                                .append('"')
                                .append(key.substring(m.group(1).length() + 1))
                                .append('"');
                    }
                }
            }
            String json = "{\"name\":\"" + m.group(1) + "\",\"tags\":[" + tags + "]}";
            return send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
        return send(exchange, 404, "application/json", error("UNSUPPORTED", method + " " + path));
    }

    private int upload(HttpExchange exchange, String method, String repository, String id, String query, byte[] body)
            throws IOException {
        Optional<String> digest = parameter(query, "digest");
        if (method.equals("POST") && id.isEmpty()) {
            if (digest.isPresent()) {
                return store(exchange, repository, digest.get(), body);
            }
            String uuid = UUID.randomUUID().toString();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes(body);
            uploads.put(uuid, data);
            exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + uuid);
            exchange.getResponseHeaders().add("Docker-Upload-UUID", uuid);
            exchange.getResponseHeaders().add("Range", "0-" + Math.max(0, data.size() - 1));
            return send(exchange, 202, null, new byte[0]);
        }
        ByteArrayOutputStream data = uploads.get(id);
        if (data == null) {
            return send(exchange, 404, "application/json", error("BLOB_UPLOAD_UNKNOWN", id));
        }
        data.writeBytes(body);
        if (method.equals("PATCH")) {
            exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + id);
            exchange.getResponseHeaders().add("Range", "0-" + Math.max(0, data.size() - 1));
            return send(exchange, 202, null, new byte[0]);
        }
        if (method.equals("PUT") && digest.isPresent()) {
            uploads.remove(id);
            return store(exchange, repository, digest.get(), data.toByteArray());
        }
        return send(exchange, 400, "application/json", error("DIGEST_INVALID", "a PUT needs ?digest="));
    }

    private int store(HttpExchange exchange, String repository, String digest, byte[] data) throws IOException {
        String actual = sha256(data);
        if (!actual.equals(digest)) {
            return send(
                    exchange, 400, "application/json", error("DIGEST_INVALID", digest + " but content is " + actual));
        }
        blobs.put(digest, data);
        exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/" + digest);
        exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        return send(exchange, 201, null, new byte[0]);
    }

    private int manifest(HttpExchange exchange, String method, String repository, String reference, byte[] body)
            throws IOException {
        if (method.equals("PUT")) {
            String mediaType = exchange.getRequestHeaders().getFirst("Content-Type");
            Manifest manifest = new Manifest(mediaType, body, sha256(body));
            for (Matcher layer = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"")
                            .matcher(manifest.text());
                    layer.find(); ) {
                if (!blobs.containsKey(layer.group(1))) {
                    return send(exchange, 400, "application/json", error("MANIFEST_BLOB_UNKNOWN", layer.group(1)));
                }
            }
            synchronized (this) {
                manifests.put(repository + ":" + reference, manifest);
                manifests.put(repository + ":" + manifest.digest(), manifest);
            }
            exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/manifests/" + manifest.digest());
            exchange.getResponseHeaders().add("Docker-Content-Digest", manifest.digest());
            return send(exchange, 201, null, new byte[0]);
        }
        Manifest manifest;
        synchronized (this) {
            manifest = manifests.get(repository + ":" + reference);
        }
        if (manifest == null) {
            return send(exchange, 404, "application/json", error("MANIFEST_UNKNOWN", repository + ":" + reference));
        }
        exchange.getResponseHeaders().add("Docker-Content-Digest", manifest.digest());
        return method.equals("HEAD")
                ? head(exchange, manifest.mediaType(), manifest.bytes().length)
                : send(exchange, 200, manifest.mediaType(), manifest.bytes());
    }

    private static int head(HttpExchange exchange, String contentType, long length) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Content-Length", Long.toString(length));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        return 200;
    }

    private static int send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        boolean withBody = body.length > 0 && !exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, withBody ? body.length : -1);
        if (withBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
        return status;
    }

    private static byte[] error(String code, String message) {
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Optional.of(
                        java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** {@code sha256:<hex>} of the bytes. */
    public static String sha256(byte[] data) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
