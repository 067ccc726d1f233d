package io.sparkk8s.acceptance.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Runs one external command to completion with a time limit, capturing both output streams as UTF-8. */
final class ProcessRunner {

    /** What a finished command returned. */
    record Outcome(List<String> command, int exitCode, String stdout, String stderr) {
        Outcome {
            command = List.copyOf(command);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }

    private ProcessRunner() {}

    /**
     * Runs {@code command} in {@code workDir} and waits at most {@code timeout}.
     *
     * @param environment edits the inherited environment before start; may be {@code null}
     * @throws ToolUnavailableException if the executable cannot be started
     * @throws ToolTimeoutException if the command does not finish in time (it and its children are killed)
     */
    static Outcome run(
            List<String> command, Path workDir, Consumer<Map<String, String>> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        if (environment != null) {
            environment.accept(builder.environment());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ToolUnavailableException(
                    "Cannot start `" + String.join(" ", command) + "`" + (workDir == null ? "" : " in " + workDir)
                            + ": " + e.getMessage(),
                    e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the command does not read stdin; nothing to do
        }
        ByteArrayOutputStream stdoutBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream stderrBuffer = new ByteArrayOutputStream();
        CompletableFuture<String> stdout = drain(process.getInputStream(), stdoutBuffer);
        CompletableFuture<String> stderr = drain(process.getErrorStream(), stderrBuffer);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new ToolTimeoutException("`" + String.join(" ", command) + "` did not finish within "
                        + timeout.toSeconds() + " s and was killed. Output so far:\n"
                        + tail(stdoutBuffer.toString(StandardCharsets.UTF_8)) + "\n"
                        + tail(stderrBuffer.toString(StandardCharsets.UTF_8)));
            }
            return new Outcome(
                    command, process.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ToolException("Interrupted while running `" + String.join(" ", command) + "`", e);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            throw new ToolException("Cannot read the output of `" + String.join(" ", command) + "`", e);
        }
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The last lines of a long output, for error messages. */
    static String tail(String text) {
        int max = 4000;
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    /** Copies a stream into {@code buffer} (whose methods are synchronized, so it can be read while filling). */
    private static CompletableFuture<String> drain(InputStream stream, ByteArrayOutputStream buffer) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try (stream) {
                        byte[] chunk = new byte[8192];
                        for (int n = stream.read(chunk); n >= 0; n = stream.read(chunk)) {
                            buffer.write(chunk, 0, n);
                        }
                        result.complete(buffer.toString(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        result.completeExceptionally(new UncheckedIOException(e));
                    }
                },
                "process-output-drain");
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
