package io.sparkk8s.acceptance.tools;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Drives a real yaml-language-server over stdio with LSP JSON-RPC ({@code Content-Length} framing), the way
 * VS Code's YAML extension does, to check what a user sees when editing a values file: completion, hover and
 * diagnostics from {@code values.schema.json}.
 *
 * <pre>{@code
 * try (LanguageServerClient server = LanguageServerClient.start(workspace)) {
 *     URI uri = server.open(valuesFile);   // "# yaml-language-server: $schema=../values.schema.json" modeline
 *     List<Diagnostic> problems = server.diagnostics(uri);
 *     List<CompletionItem> items = server.completion(uri, 2, 2);
 * }
 * }</pre>
 *
 * <p>Positions are LSP positions: zero-based line and zero-based UTF-16 character offset.
 *
 * <p>Protocol notes (yaml-language-server 1.25). The server pulls its settings: right after {@code initialized}
 * it sends a {@code workspace/configuration} request for the sections {@code yaml}, {@code http},
 * {@code [yaml]} and {@code editor}, answered from {@link #defaultYamlSettings()} (or the settings given to
 * {@link #start(List, Path, Map)}); {@link #start} returns only after that exchange, so no document is validated
 * with default settings. Before validating each document it asks again for {@code [yaml]} with the document's
 * {@code scopeUri}. Validation is debounced: the first {@code textDocument/publishDiagnostics} comes about
 * 200 ms after {@code didOpen}/{@code didChange}, one per burst of edits, without a document {@code version}, and
 * a settings change republishes every open document. So a list received right after an edit may belong to the
 * text before it: {@link #diagnostics(URI)} waits until the stream has been quiet for a while, and
 * {@link #awaitDiagnostics(URI, Predicate, Duration)} waits for an expected state. {@code schemaStore} is off, so
 * nothing is fetched from the network. A relative modeline {@code $schema} is resolved against the document's
 * {@code file://} URI (the file itself need not exist).
 */
public final class LanguageServerClient implements AutoCloseable {

    /** Default limit for one request, and for the first diagnostics of a document. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** How long the diagnostics of a document must stay unchanged before they count as final. */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(600);

    private static final Gson GSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final int LOG_LINES = 200;

    private final Process process;
    private final OutputStream toServer;
    private final Map<String, Object> yamlSettings;
    private final Duration timeout;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonElement>> pending = new ConcurrentHashMap<>();
    /** Per document key: the version last sent, while the document is open. Guarded by {@link #diagnosticsLock}. */
    private final Map<String, Integer> versions = new HashMap<>();
    /** Per document key: its current text, to quote what a diagnostic covers. Guarded by {@link #diagnosticsLock}. */
    private final Map<String, String> texts = new HashMap<>();

    private final Object diagnosticsLock = new Object();
    /** Per document key: every publication, in arrival order. Guarded by {@link #diagnosticsLock}. */
    private final Map<String, List<Publication>> publications = new HashMap<>();

    private final Deque<String> log = new ArrayDeque<>();
    private final CompletableFuture<Void> configurationRequested = new CompletableFuture<>();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile boolean closing;
    private Thread stderrReader;

    private record Publication(long receivedNanos, List<Diagnostic> diagnostics) {}

    /** One completion proposal. {@code detail} and {@code documentation} are empty when the server gave none. */
    public record CompletionItem(String label, String detail, String documentation) {
        public CompletionItem {
            Objects.requireNonNull(label, "label");
            detail = detail == null ? "" : detail;
            documentation = documentation == null ? "" : documentation;
        }
    }

    /** The text of a hover (markdown as the server sent it). */
    public record Hover(String text) {
        public Hover {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * One problem the server reports.
     *
     * @param line zero-based line where the problem starts
     * @param message the server's message, e.g. {@code Property replics is not allowed.}
     * @param character zero-based start column (UTF-16 units)
     * @param text the document text the problem's range covers, e.g. {@code k9s} for a bad enum value (the
     *     server's enum message lists the allowed values but not the offending one)
     * @param source who reported it, e.g. {@code yaml-schema: <schema title>}; empty if not given
     */
    public record Diagnostic(int line, String message, Severity severity, int character, String text, String source) {
        public Diagnostic {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(severity, "severity");
            text = text == null ? "" : text;
            source = source == null ? "" : source;
        }
    }

    /** LSP {@code DiagnosticSeverity}. */
    public enum Severity {
        ERROR,
        WARNING,
        INFORMATION,
        HINT;

        static Severity fromLsp(int code) {
            return code >= 1 && code <= 4 ? values()[code - 1] : ERROR;
        }
    }

    private LanguageServerClient(Process process, Map<String, Object> yamlSettings, Duration timeout) {
        this.process = process;
        this.toServer = process.getOutputStream();
        this.yamlSettings = yamlSettings;
        this.timeout = timeout;
    }

    /**
     * Starts the yaml-language-server of the {@link ToolCache} (installed on first use) with
     * {@link #defaultYamlSettings()}, and initializes it for {@code workspaceRoot}.
     */
    public static LanguageServerClient start(Path workspaceRoot) {
        return start(ToolCache.get().yamlLanguageServerCommand(), workspaceRoot, defaultYamlSettings());
    }

    /**
     * Starts a language server with {@code command} and runs the {@code initialize}/{@code initialized}
     * handshake for {@code workspaceRoot}.
     *
     * @param yamlSettings the {@code yaml} section answered to {@code workspace/configuration}
     * @throws ToolUnavailableException if the server cannot be started
     * @throws LanguageServerException if the handshake fails
     */
    public static LanguageServerClient start(
            List<String> command, Path workspaceRoot, Map<String, Object> yamlSettings) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspaceRoot.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ToolUnavailableException(
                    "Cannot start the language server `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        }
        LanguageServerClient client = new LanguageServerClient(process, Map.copyOf(yamlSettings), DEFAULT_TIMEOUT);
        client.startThreads();
        try {
            client.initialize(workspaceRoot);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * The {@code yaml} settings VS Code would send with schema support on: validation, completion and hover
     * on, no schema associations (files name their schema in a modeline), schema store off (no network),
     * formatting off.
     */
    public static Map<String, Object> defaultYamlSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("validate", true);
        settings.put("completion", true);
        settings.put("hover", true);
        settings.put("format", Map.of("enable", false));
        settings.put("schemas", Map.of());
        settings.put("schemaStore", Map.of("enable", false));
        settings.put("yamlVersion", "1.2");
        return settings;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Documents

    /**
     * Opens a file (read as UTF-8) as a YAML document.
     *
     * @return its {@code file://} URI, the key for the other calls
     */
    public URI open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolException("Cannot read " + absolute + " to open it in the language server", e);
        }
        URI uri = absolute.toUri();
        open(uri, text);
        return uri;
    }

    /**
     * Opens a document with the given text ({@code textDocument/didOpen}, language {@code yaml}). The URI need
     * not exist on disk; a relative modeline schema is resolved against it. Opening a document that is already
     * open replaces its text, as {@link #change(URI, String)} does.
     */
    public void open(URI uri, String text) {
        boolean alreadyOpen;
        synchronized (diagnosticsLock) {
            alreadyOpen = versions.putIfAbsent(key(uri.toString()), 1) != null;
            if (!alreadyOpen) {
                publications.remove(key(uri.toString()));
                texts.put(key(uri.toString()), text);
            }
        }
        if (alreadyOpen) { // outside the lock: never write to the server while holding what the reader needs
            change(uri, text);
            return;
        }
        JsonObject document = new JsonObject();
        document.addProperty("uri", uri.toString());
        document.addProperty("languageId", "yaml");
        document.addProperty("version", 1);
        document.addProperty("text", text);
        JsonObject params = new JsonObject();
        params.add("textDocument", document);
        notify("textDocument/didOpen", params);
    }

    /** Replaces the whole text of an open document ({@code textDocument/didChange}); old diagnostics are dropped. */
    public void change(URI uri, String text) {
        int version;
        synchronized (diagnosticsLock) {
            if (!versions.containsKey(key(uri.toString()))) {
                throw new IllegalStateException(uri + " is not open; open it first");
            }
            publications.remove(key(uri.toString()));
            version = versions.merge(key(uri.toString()), 1, Integer::sum);
            texts.put(key(uri.toString()), text);
        }
        JsonObject document = new JsonObject();
        document.addProperty("uri", uri.toString());
        document.addProperty("version", version);
        JsonObject change = new JsonObject();
        change.addProperty("text", text);
        JsonArray changes = new JsonArray();
        changes.add(change);
        JsonObject params = new JsonObject();
        params.add("textDocument", document);
        params.add("contentChanges", changes);
        notify("textDocument/didChange", params);
    }

    /** Closes a document ({@code textDocument/didClose}). */
    public void close(URI uri) {
        synchronized (diagnosticsLock) {
            publications.remove(key(uri.toString()));
            versions.remove(key(uri.toString()));
            texts.remove(key(uri.toString()));
        }
        JsonObject params = new JsonObject();
        params.add("textDocument", textDocument(uri));
        notify("textDocument/didClose", params);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Features

    /** {@code textDocument/completion} at a zero-based position; items in the server's order. */
    public List<CompletionItem> completion(URI uri, int line, int character) {
        JsonElement result = request("textDocument/completion", positionParams(uri, line, character));
        JsonArray items;
        if (result == null || result.isJsonNull()) {
            return List.of();
        } else if (result.isJsonArray()) {
            items = result.getAsJsonArray();
        } else {
            items = result.getAsJsonObject().getAsJsonArray("items");
        }
        List<CompletionItem> out = new ArrayList<>();
        for (JsonElement element : items) {
            JsonObject item = element.getAsJsonObject();
            out.add(new CompletionItem(
                    string(item, "label"), string(item, "detail"), markup(item.get("documentation"))));
        }
        return List.copyOf(out);
    }

    /** {@code textDocument/hover} at a zero-based position; empty when the server has nothing to show. */
    public Optional<Hover> hover(URI uri, int line, int character) {
        JsonElement result = request("textDocument/hover", positionParams(uri, line, character));
        if (result == null || result.isJsonNull()) {
            return Optional.empty();
        }
        String text = markup(result.getAsJsonObject().get("contents"));
        return text.isBlank() ? Optional.empty() : Optional.of(new Hover(text));
    }

    /**
     * The diagnostics of a document once they have settled: waits (up to {@link #DEFAULT_TIMEOUT}) for the first
     * {@code publishDiagnostics} since it was opened or changed, then until none has arrived for
     * {@link #DEFAULT_SETTLE}, and returns the latest.
     */
    public List<Diagnostic> diagnostics(URI uri) {
        return awaitDiagnostics(uri, DEFAULT_TIMEOUT, DEFAULT_SETTLE);
    }

    /**
     * Like {@link #diagnostics(URI)} with explicit limits.
     *
     * @throws ToolTimeoutException if nothing was published for the document within {@code timeout}
     */
    public List<Diagnostic> awaitDiagnostics(URI uri, Duration timeout, Duration settle) {
        String key = key(uri.toString());
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (diagnosticsLock) {
            while (true) {
                List<Publication> list = publications.getOrDefault(key, List.of());
                long now = System.nanoTime();
                if (!list.isEmpty()) {
                    Publication last = list.get(list.size() - 1);
                    long quietUntil = last.receivedNanos() + settle.toNanos();
                    if (now >= quietUntil || now >= deadline) {
                        return last.diagnostics();
                    }
                    waitOn(Math.min(quietUntil, deadline) - now);
                } else if (now >= deadline) {
                    throw new ToolTimeoutException("No textDocument/publishDiagnostics for " + uri + " within "
                            + timeout.toMillis() + " ms. Server log:\n" + serverLog());
                } else {
                    waitOn(deadline - now);
                }
            }
        }
    }

    /**
     * Waits until the latest diagnostics of a document satisfy {@code condition} (e.g. "not empty"), for when
     * a test knows what it expects and should not depend on a settle delay.
     *
     * @return the first published list that satisfies it
     * @throws ToolTimeoutException if none does within {@code timeout}; the message holds the last list
     */
    public List<Diagnostic> awaitDiagnostics(URI uri, Predicate<List<Diagnostic>> condition, Duration timeout) {
        String key = key(uri.toString());
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (diagnosticsLock) {
            while (true) {
                List<Publication> list = publications.getOrDefault(key, List.of());
                for (Publication publication : list) {
                    if (condition.test(publication.diagnostics())) {
                        return publication.diagnostics();
                    }
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new ToolTimeoutException("The diagnostics of " + uri + " did not reach the expected state"
                            + " within " + timeout.toMillis() + " ms; published: "
                            + list.stream().map(Publication::diagnostics).toList() + ". Server log:\n"
                            + serverLog());
                }
                waitOn(deadline - now);
            }
        }
    }

    /** The server's {@code window/logMessage}s and stderr lines, latest last (for failure messages). */
    public String serverLog() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** {@code shutdown}, then {@code exit}; kills the process if it does not end within five seconds. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        try {
            if (process.isAlive()) {
                try {
                    requestWithTimeout("shutdown", JsonNull.INSTANCE, Duration.ofSeconds(5));
                } catch (ToolException e) {
                    // the server is going away anyway; exit below or kill
                }
                closing = true;
                notify("exit", JsonNull.INSTANCE);
                toServer.close();
            }
        } catch (IOException | ToolException ignored) {
            // best effort: the process is destroyed below
        } finally {
            closing = true;
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    ProcessRunner.kill(process);
                }
            } catch (InterruptedException e) {
                ProcessRunner.kill(process);
                Thread.currentThread().interrupt();
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Protocol

    private void initialize(Path workspaceRoot) {
        URI rootUri = workspaceRoot.toAbsolutePath().normalize().toUri();
        JsonObject params = GSON.toJsonTree(Map.of(
                        "processId", ProcessHandle.current().pid(),
                        "clientInfo", Map.of("name", "sparkk8s-acceptance-tests", "version", "1"),
                        "rootUri", rootUri.toString(),
                        "workspaceFolders", List.of(Map.of("uri", rootUri.toString(), "name", "workspace")),
                        "capabilities", clientCapabilities()))
                .getAsJsonObject();
        request("initialize", params);
        notify("initialized", new JsonObject());
        try {
            // Documents opened before the settings arrive get validated twice; wait for the pull to avoid that.
            configurationRequested.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            appendLog(
                    "client: the server did not ask for workspace/configuration within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageServerException("Interrupted while initializing the language server", e);
        } catch (ExecutionException e) {
            throw new LanguageServerException(
                    "The language server failed during initialization. Log:\n" + serverLog(), e.getCause());
        }
    }

    private static Map<String, Object> clientCapabilities() {
        List<String> markdownFirst = List.of("markdown", "plaintext");
        Map<String, Object> textDocument = new LinkedHashMap<>();
        textDocument.put("synchronization", Map.of("dynamicRegistration", false, "didSave", false));
        textDocument.put(
                "completion",
                Map.of(
                        "dynamicRegistration", false,
                        "contextSupport", true,
                        "completionItem",
                                Map.of(
                                        "snippetSupport", true,
                                        "documentationFormat", markdownFirst,
                                        "deprecatedSupport", true,
                                        "labelDetailsSupport", true,
                                        "resolveSupport", Map.of("properties", List.of("documentation", "detail")))));
        textDocument.put("hover", Map.of("dynamicRegistration", false, "contentFormat", markdownFirst));
        textDocument.put("publishDiagnostics", Map.of("relatedInformation", true, "versionSupport", true));
        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("configuration", true);
        workspace.put("workspaceFolders", true);
        workspace.put("didChangeConfiguration", Map.of("dynamicRegistration", true));
        return Map.of(
                "textDocument", textDocument, "workspace", workspace, "window", Map.of("workDoneProgress", false));
    }

    private JsonElement request(String method, JsonElement params) {
        return requestWithTimeout(method, params, timeout);
    }

    private JsonElement requestWithTimeout(String method, JsonElement params, Duration limit) {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonElement> future = new CompletableFuture<>();
        pending.put(id, future);
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", params);
        try {
            send(message);
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ToolTimeoutException("The language server did not answer " + method + " within "
                    + limit.toMillis() + " ms. Log:\n" + serverLog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageServerException("Interrupted while waiting for " + method, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LanguageServerException) {
                throw new LanguageServerException(method + ": " + cause.getMessage(), cause);
            }
            throw new LanguageServerException(method + " failed. Log:\n" + serverLog(), cause);
        } finally {
            pending.remove(id);
        }
    }

    private void notify(String method, JsonElement params) {
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.addProperty("method", method);
        message.add("params", params);
        send(message);
    }

    private void respond(JsonElement id, JsonElement result) {
        JsonObject message = new JsonObject();
        message.addProperty("jsonrpc", "2.0");
        message.add("id", id);
        message.add("result", result == null ? JsonNull.INSTANCE : result);
        send(message);
    }

    private void send(JsonObject message) {
        byte[] body = GSON.toJson(message).getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (toServer) {
            try {
                toServer.write(header);
                toServer.write(body);
                toServer.flush();
            } catch (IOException e) {
                throw new LanguageServerException(
                        "Cannot write to the language server (exited: " + !process.isAlive() + "). Log:\n"
                                + serverLog(),
                        e);
            }
        }
    }

    private void startThreads() {
        Thread reader = new Thread(this::readLoop, "yaml-language-server-reader");
        reader.setDaemon(true);
        reader.start();
        stderrReader = new Thread(
                () -> {
                    try (var lines = new java.io.BufferedReader(
                            new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            appendLog("stderr: " + line);
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "yaml-language-server-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    private void readLoop() {
        try (InputStream in = new BufferedInputStream(process.getInputStream())) {
            while (true) {
                JsonObject message = readMessage(in);
                if (message == null) {
                    break;
                }
                dispatch(message);
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                appendLog("client: reading from the server failed: " + e);
            }
        } finally {
            int code = waitForExit();
            joinStderrReader(); // so that the message below carries what the server printed before dying
            LanguageServerException gone =
                    new LanguageServerException("The language server exited (code " + code + "). Log:\n" + serverLog());
            exited.complete(code);
            configurationRequested.completeExceptionally(gone);
            pending.values().forEach(f -> f.completeExceptionally(gone));
            synchronized (diagnosticsLock) {
                diagnosticsLock.notifyAll();
            }
        }
    }

    private void joinStderrReader() {
        try {
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int waitForExit() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Reads one {@code Content-Length}-framed message; {@code null} at end of stream. */
    private static JsonObject readMessage(InputStream in) throws IOException {
        int length = -1;
        while (true) {
            String line = readHeaderLine(in);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (length >= 0) {
                    break;
                }
                continue; // tolerate stray blank lines between messages
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("Message cut short: " + body.length + " of " + length + " bytes");
        }
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static String readHeaderLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    private void dispatch(JsonObject message) {
        boolean hasMethod = message.has("method");
        boolean hasId = message.has("id") && !message.get("id").isJsonNull();
        if (hasMethod && hasId) {
            handleServerRequest(message.get("id"), message.get("method").getAsString(), message.get("params"));
        } else if (hasMethod) {
            handleNotification(message.get("method").getAsString(), message.get("params"));
        } else if (hasId) {
            CompletableFuture<JsonElement> future =
                    pending.get(message.get("id").getAsInt());
            if (future == null) {
                return;
            }
            if (message.has("error") && !message.get("error").isJsonNull()) {
                JsonObject error = message.getAsJsonObject("error");
                future.completeExceptionally(
                        new LanguageServerException("error " + error.get("code") + ": " + string(error, "message")));
            } else {
                future.complete(message.get("result"));
            }
        }
    }

    private void handleServerRequest(JsonElement id, String method, JsonElement params) {
        appendLog("server request: " + method + " " + params);
        switch (method) {
            case "workspace/configuration": {
                JsonArray answers = new JsonArray();
                for (JsonElement item : params.getAsJsonObject().getAsJsonArray("items")) {
                    answers.add(configurationSection(string(item.getAsJsonObject(), "section")));
                }
                respond(id, answers);
                configurationRequested.complete(null);
                break;
            }
            case "workspace/workspaceFolders":
                respond(id, new JsonArray());
                break;
            default:
                // client/registerCapability, window/workDoneProgress/create, window/showMessageRequest, ...
                respond(id, JsonNull.INSTANCE);
        }
    }

    private JsonElement configurationSection(String section) {
        switch (section) {
            case "yaml":
                return GSON.toJsonTree(yamlSettings);
            case "http":
                return GSON.toJsonTree(Map.of("proxy", "", "proxyStrictSSL", true));
            case "editor":
                return GSON.toJsonTree(Map.of("tabSize", 2, "insertSpaces", true, "detectIndentation", false));
            case "[yaml]":
            case "files":
                return new JsonObject();
            default:
                return JsonNull.INSTANCE;
        }
    }

    private void handleNotification(String method, JsonElement params) {
        switch (method) {
            case "textDocument/publishDiagnostics": {
                JsonObject p = params.getAsJsonObject();
                String key = key(string(p, "uri"));
                synchronized (diagnosticsLock) {
                    String text = texts.get(key);
                    if (text != null) { // ignore documents this client did not open (or has closed)
                        List<Diagnostic> list = new ArrayList<>();
                        for (JsonElement element : p.getAsJsonArray("diagnostics")) {
                            list.add(diagnostic(element.getAsJsonObject(), text));
                        }
                        publications
                                .computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new Publication(System.nanoTime(), List.copyOf(list)));
                        appendLog("client: publishDiagnostics " + string(p, "uri") + " " + list);
                    }
                    diagnosticsLock.notifyAll();
                }
                break;
            }
            case "window/logMessage":
            case "window/showMessage":
                appendLog("server: " + string(params.getAsJsonObject(), "message"));
                break;
            default:
            // telemetry/event, $/progress, custom yaml/* notifications: not needed
        }
    }

    private static Diagnostic diagnostic(JsonObject d, String documentText) {
        JsonObject range = d.getAsJsonObject("range");
        JsonObject start = range.getAsJsonObject("start");
        JsonObject end = range.getAsJsonObject("end");
        int severity = d.has("severity") ? d.get("severity").getAsInt() : 1;
        String covered = covered(
                documentText,
                start.get("line").getAsInt(),
                start.get("character").getAsInt(),
                end.get("line").getAsInt(),
                end.get("character").getAsInt());
        return new Diagnostic(
                start.get("line").getAsInt(),
                string(d, "message"),
                Severity.fromLsp(severity),
                start.get("character").getAsInt(),
                covered,
                string(d, "source"));
    }

    /** The text between two LSP positions (both UTF-16 based, as Java strings are). */
    private static String covered(String text, int startLine, int startCharacter, int endLine, int endCharacter) {
        int from = offset(text, startLine, startCharacter);
        int to = offset(text, endLine, endCharacter);
        return from < 0 || to < from ? "" : text.substring(from, to);
    }

    private static int offset(String text, int line, int character) {
        int lineStart = 0;
        for (int i = 0; i < line; i++) {
            int newline = text.indexOf('\n', lineStart);
            if (newline < 0) {
                return -1;
            }
            lineStart = newline + 1;
        }
        int lineEnd = text.indexOf('\n', lineStart);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        return Math.min(lineStart + character, lineEnd);
    }

    private void appendLog(String line) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        synchronized (log) {
            log.addLast(String.format(Locale.ROOT, "%6d ms %s", millis, line));
            while (log.size() > LOG_LINES) {
                log.removeFirst();
            }
        }
    }

    private void waitOn(long nanos) {
        if (exited.isDone()) {
            throw new LanguageServerException(
                    "The language server has exited (code " + exited.getNow(-1) + "). Log:\n" + serverLog());
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(diagnosticsLock, Math.max(nanos, 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageServerException("Interrupted while waiting for diagnostics", e);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // JSON helpers

    private static JsonObject positionParams(URI uri, int line, int character) {
        JsonObject position = new JsonObject();
        position.addProperty("line", line);
        position.addProperty("character", character);
        JsonObject params = new JsonObject();
        params.add("textDocument", textDocument(uri));
        params.add("position", position);
        return params;
    }

    private static JsonObject textDocument(URI uri) {
        JsonObject document = new JsonObject();
        document.addProperty("uri", uri.toString());
        return document;
    }

    /**
     * Documents are keyed by path for {@code file} URIs, because the server may re-encode the URI it was given
     * (vscode-uri percent-encodes characters that {@link Path#toUri()} leaves alone).
     */
    private static String key(String uri) {
        try {
            URI parsed = URI.create(uri);
            if ("file".equalsIgnoreCase(parsed.getScheme())) {
                return "file:" + Path.of(parsed).normalize();
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // not a plain file URI: compare as text
        }
        return uri;
    }

    private static String string(JsonObject object, String member) {
        JsonElement element = object == null ? null : object.get(member);
        return element == null || element.isJsonNull() ? null : element.getAsString();
    }

    /** Flattens {@code MarkupContent}, {@code MarkedString}, a string or an array of those into text. */
    private static String markup(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "";
        }
        if (element.isJsonPrimitive()) {
            return element.getAsString();
        }
        if (element.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonElement part : element.getAsJsonArray()) {
                parts.add(markup(part));
            }
            return String.join("\n\n", parts);
        }
        JsonObject object = element.getAsJsonObject();
        return object.has("value") ? object.get("value").getAsString() : "";
    }
}
