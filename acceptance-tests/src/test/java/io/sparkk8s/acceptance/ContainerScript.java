package io.sparkk8s.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shell script of a rendered container ({@code command: [/bin/sh, -ec]} plus one script argument) on
 * this machine, with the container's env as Kubernetes would resolve it from the rendered objects (values,
 * ConfigMap keys; Secret keys become {@code secret:<name>/<key>}) and the programs it calls replaced by stubs.
 * It proves what a script does with the answers of the programs it calls, not that the real images behave so.
 */
final class ContainerScript {

    /** What the script did: exit code, combined output. */
    record Run(int exitCode, String output) {}

    private final Map<String, Object> container;
    private final Rendered rendered;
    private final Map<String, String> stubs = new LinkedHashMap<>();
    private final Map<String, String> extraEnv = new LinkedHashMap<>();

    private ContainerScript(Rendered rendered, Map<String, Object> container) {
        this.rendered = rendered;
        this.container = container;
    }

    static ContainerScript of(Rendered rendered, Map<String, Object> container) {
        return new ContainerScript(rendered, container);
    }

    /** Replaces a program on the PATH by a shell script body (receives the same arguments). */
    ContainerScript stub(String program, String body) {
        stubs.put(program, body);
        return this;
    }

    ContainerScript env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** The env of the container as the kubelet would give it, Secret values replaced by a marker. */
    @SuppressWarnings("unchecked")
    Map<String, String> resolvedEnv() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : Rendered.env(container).entrySet()) {
            Map<String, Object> entry = e.getValue();
            if (entry.containsKey("value")) {
                out.put(e.getKey(), String.valueOf(entry.get("value")));
                continue;
            }
            Map<String, Object> from = (Map<String, Object>) entry.get("valueFrom");
            if (from.containsKey("configMapKeyRef")) {
                Map<String, Object> ref = (Map<String, Object>) from.get("configMapKeyRef");
                String name = String.valueOf(ref.get("name"));
                if (rendered.has("ConfigMap", name)) {
                    Map<String, Object> data = (Map<String, Object>)
                            rendered.object("ConfigMap", name).get("data");
                    Object value = data == null ? null : data.get(String.valueOf(ref.get("key")));
                    if (value != null) {
                        out.put(e.getKey(), String.valueOf(value));
                    }
                } else if (!Boolean.TRUE.equals(ref.get("optional"))) {
                    throw new AssertionError("env " + e.getKey() + " names the missing ConfigMap " + name);
                }
            } else if (from.containsKey("secretKeyRef")) {
                Map<String, Object> ref = (Map<String, Object>) from.get("secretKeyRef");
                out.put(e.getKey(), "secret:" + ref.get("name") + "/" + ref.get("key"));
            }
        }
        return out;
    }

    /** The script: the last argument of a {@code sh -c} container. */
    @SuppressWarnings("unchecked")
    String script() {
        List<Object> command = (List<Object>) container.get("command");
        List<Object> args = (List<Object>) container.get("args");
        if (command == null || !String.valueOf(command.get(0)).endsWith("sh") || args == null || args.isEmpty()) {
            throw new AssertionError("container " + container.get("name") + " is not a shell script: " + command);
        }
        return String.valueOf(args.get(args.size() - 1));
    }

    /** Runs the script in {@code dir} (its stubs go to {@code dir/bin}, first on the PATH). */
    Run run(Path dir) {
        try {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            for (Map.Entry<String, String> stub : stubs.entrySet()) {
                Path file = bin.resolve(stub.getKey());
                Files.writeString(file, "#!/bin/sh\n" + stub.getValue() + "\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-ec", script()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("PATH", bin + ":/usr/bin:/bin");
            pb.environment().put("STUB_DIR", dir.toString());
            pb.environment().putAll(resolvedEnv());
            pb.environment().putAll(extraEnv);
            Process process = pb.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("script did not finish in 60 s; output so far:\n" + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
