package io.sparkk8s.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one container of a rendered pod as a local process, with exactly what Kubernetes would give it: its
 * command and args, its env (values, {@code $(VAR)} references, Secret and ConfigMap keys, the downward API), and
 * its volumes (ConfigMap files, emptyDirs, Secrets) as folders. The only changes are the ones a pod on this
 * machine needs: service host names become {@code 127.0.0.1} ({@link #host}), mount paths become folders, and the
 * image's launcher scripts become shims that start the same main class with the class path Maven resolved
 * ({@link #shim}). Everything else, the configuration files included, reaches the program unchanged.
 */
final class LocalPod implements AutoCloseable {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final RenderedChart chart;
    private final String kind;
    private final String workload;
    private final String container;
    private final Path root;
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final Map<String, String> shims = new LinkedHashMap<>();
    private final Map<String, String> envOverrides = new LinkedHashMap<>();
    private final Map<String, String> hostEnv = new LinkedHashMap<>();
    private final List<String> readOnlyPaths = new ArrayList<>();
    private BiFunction<String, String, String> fileFilter = (name, content) -> content;
    private String podName;
    private String workingDir;
    private List<String> commandOverride;
    private Process process;
    private Path log;

    private LocalPod(RenderedChart chart, String kind, String workload, String container, Path root) {
        this.chart = chart;
        this.kind = kind;
        this.workload = workload;
        this.container = container;
        this.root = root;
        this.podName = "Pod".equals(kind) ? workload : workload + "-0";
    }

    /** A container of a rendered workload, laid out under {@code root}. */
    static LocalPod of(RenderedChart chart, String kind, String workload, String container, Path root) {
        return new LocalPod(chart, kind, workload, container, root);
    }

    /** Maps a Kubernetes host name (a Service, a pod DNS name, the API server) to a local address. */
    LocalPod host(String from, String to) {
        hosts.put(from, to);
        return this;
    }

    /** Replaces an executable of the image with a local script (its text; {@code "$@"} passes the arguments). */
    LocalPod shim(String imagePath, String script) {
        shims.put(imagePath, script);
        return this;
    }

    /** The pod's name (downward API {@code metadata.name}); {@code <workload>-0} by default. */
    LocalPod podName(String name) {
        this.podName = name;
        return this;
    }

    /** The image's working directory (its Dockerfile WORKDIR), read-only under a read-only root filesystem. */
    LocalPod workingDir(String path) {
        this.workingDir = path;
        return this;
    }

    /**
     * Runs another command of the image in this container (its env and mounts), for a step the image's entrypoint
     * performs, such as the postgres image sourcing {@code /docker-entrypoint-initdb.d/*.sh} on the first start.
     */
    LocalPod command(String... command) {
        this.commandOverride = List.of(command);
        return this;
    }

    /** Replaces one env entry the way a user's {@code extraEnv} would. */
    LocalPod env(String name, String value) {
        envOverrides.put(name, value);
        return this;
    }

    /**
     * An env entry naming a path on this machine, passed as is: {@link #env} maps image paths (a checkout under
     * {@code /tmp} would otherwise be mapped into the pod's {@code /tmp} volume).
     */
    LocalPod hostEnv(String name, String value) {
        hostEnv.put(name, value);
        return this;
    }

    /** A filter over mounted ConfigMap files (name, content) → content, for what the tier cannot take as is. */
    LocalPod files(BiFunction<String, String, String> filter) {
        this.fileFilter = filter;
        return this;
    }

    Path root() {
        return root;
    }

    Path log() {
        return log;
    }

    /** The container spec as rendered. */
    Map<String, Object> spec() {
        Map<String, Object> podSpec = chart.podSpec(kind, workload);
        List<Map<String, Object>> all = new ArrayList<>(RenderedChart.list(podSpec, "containers"));
        all.addAll(RenderedChart.list(podSpec, "initContainers"));
        return all.stream()
                .filter(c -> container.equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + container + " in " + kind + "/" + workload));
    }

    /** Starts the container's command; output goes to {@code <root>/container.log}. */
    LocalPod start() {
        try {
            Files.createDirectories(root);
            Map<String, Object> spec = spec();
            Map<String, Path> mounts = mountVolumes(spec);
            Map<String, String> env = env(spec, mounts);
            List<String> command = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            if (commandOverride != null) {
                parts.addAll(commandOverride);
            } else {
                parts.addAll(strings(spec.get("command")));
                parts.addAll(strings(spec.get("args")));
            }
            for (String part : parts) {
                command.add(rewrite(part, mounts));
            }
            if (command.isEmpty()) {
                throw new AssertionError(
                        workload + "/" + container + " has no command: the image's entrypoint " + "cannot run here");
            }
            Path work = root.resolve("workdir");
            Files.createDirectories(work);
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", root.resolve("shims-path") + ":/usr/local/bin:/usr/bin:/bin");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putAll(env);
            log = root.resolve("container.log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to exit; fails with the log when it does not exit in time. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError(workload + "/" + container + " did not finish in " + timeout + "\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until a TCP port accepts connections while the process lives. */
    void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(workload + "/" + container + " exited with " + process.exitValue()
                        + " before listening on " + port + "\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(500);
            }
        }
        throw new AssertionError(
                workload + "/" + container + " did not listen on " + port + " in " + timeout + "\n" + tail());
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The last lines of the container's output, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Path> mountVolumes(Map<String, Object> spec) throws IOException {
        Map<String, Object> podSpec = chart.podSpec(kind, workload);
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Map<String, Object> volume : RenderedChart.list(podSpec, "volumes")) {
            volumes.put(String.valueOf(volume.get("name")), volume);
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        Map<Path, Map<String, Object>> contents = new LinkedHashMap<>();
        for (Map<String, Object> mount : RenderedChart.list(spec, "volumeMounts")) {
            String name = String.valueOf(mount.get("name"));
            String path = String.valueOf(mount.get("mountPath"));
            if (mount.get("subPath") != null) {
                continue; // a single file laid into the image (e.g. a JDBC jar); the program's class path has it
            }
            Map<String, Object> volume = volumes.get(name);
            if (volume == null) {
                throw new AssertionError("volumeMount " + name + " of " + container + " names no volume");
            }
            Path dir = root.resolve("volumes").resolve(name);
            Files.createDirectories(dir);
            if (Boolean.TRUE.equals(mount.get("readOnly"))) {
                readOnlyPaths.add(path);
            }
            mounts.put(path, dir);
            contents.put(dir, volume);
        }
        for (Map.Entry<Path, Map<String, Object>> entry : contents.entrySet()) {
            Path dir = entry.getKey();
            Map<String, Object> volume = entry.getValue();
            if (volume.get("configMap") instanceof Map<?, ?> cm) {
                String cmName = String.valueOf(cm.get("name"));
                if (chart.has("ConfigMap", cmName)) {
                    for (Map.Entry<String, String> file :
                            chart.configMap(cmName).entrySet()) {
                        // Spark's .conf files name files of the pod (a pod template, the Ivy folder), and log4j2's
                        // .properties its log file (global.logShipping): map those paths too; other files (a pod
                        // template itself) are read by Kubernetes, not here.
                        String text =
                                file.getKey().endsWith(".conf") || file.getKey().endsWith(".properties")
                                        ? rewrite(file.getValue(), mounts)
                                        : mapHosts(file.getValue());
                        Files.writeString(
                                dir.resolve(file.getKey()),
                                fileFilter.apply(file.getKey(), text),
                                StandardCharsets.UTF_8);
                    }
                } else if (!Boolean.TRUE.equals(cm.get("optional"))) {
                    throw new AssertionError("ConfigMap " + cmName + " mounted by " + container + " is not rendered");
                }
            } else if (volume.get("secret") instanceof Map<?, ?> secret) {
                for (Map.Entry<String, String> file :
                        chart.secret(String.valueOf(secret.get("secretName"))).entrySet()) {
                    Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
                }
            }
        }
        Path shimDir = root.resolve("shims-path");
        Files.createDirectories(shimDir);
        for (Map.Entry<String, String> shim : shims.entrySet()) {
            Path file = root.resolve("shims").resolve(shim.getKey().substring(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "#!/bin/bash\n" + shim.getValue() + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path onPath = shimDir.resolve(file.getFileName());
            Files.deleteIfExists(onPath);
            Files.createSymbolicLink(onPath, file);
        }
        return mounts;
    }

    private Map<String, String> env(Map<String, Object> spec, Map<String, Path> mounts) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> entry : RenderedChart.list(spec, "env")) {
            String name = String.valueOf(entry.get("name"));
            String value;
            if (entry.containsKey("value")) {
                value = expand(String.valueOf(entry.get("value")), env);
            } else {
                value = valueFrom(RenderedChart.map(entry, "valueFrom"), name);
            }
            env.put(name, rewrite(value, mounts));
        }
        envOverrides.forEach((k, v) -> env.put(k, rewrite(v, mounts)));
        env.putAll(hostEnv);
        return env;
    }

    private String valueFrom(Map<String, Object> from, String name) {
        if (from.get("secretKeyRef") instanceof Map<?, ?> ref) {
            String secret = String.valueOf(ref.get("name"));
            String value = chart.secret(secret).get(String.valueOf(ref.get("key")));
            if (value == null) {
                throw new AssertionError("env " + name + ": Secret " + secret + " has no key " + ref.get("key"));
            }
            return value;
        }
        if (from.get("configMapKeyRef") instanceof Map<?, ?> ref) {
            return mapHosts(chart.configMap(String.valueOf(ref.get("name"))).get(String.valueOf(ref.get("key"))));
        }
        if (from.get("fieldRef") instanceof Map<?, ?> ref) {
            return switch (String.valueOf(ref.get("fieldPath"))) {
                case "metadata.name" -> podName;
                case "metadata.namespace" -> RenderedChart.NAMESPACE;
                case "status.podIP", "status.hostIP" -> "127.0.0.1";
                default -> throw new AssertionError("env " + name + ": unsupported fieldRef " + ref);
            };
        }
        throw new AssertionError("env " + name + ": unsupported valueFrom " + from);
    }

    /** Kubernetes' {@code $(VAR)} expansion of earlier env entries; unknown references stay as written. */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.getOrDefault(m.group(1), m.group(0));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Host names mapped, then image paths (mounts, shims, the working directory) mapped to local folders. */
    private String rewrite(String text, Map<String, Path> mounts) {
        String out = mapHosts(text);
        Map<String, String> paths = new LinkedHashMap<>();
        shims.keySet()
                .forEach(p -> paths.put(
                        p, root.resolve("shims").resolve(p.substring(1)).toString()));
        mounts.forEach((p, dir) -> paths.put(p, dir.toString()));
        if (workingDir != null) {
            paths.put(workingDir, root.resolve("workdir").toString());
        }
        if (paths.isEmpty()) {
            return out;
        }
        // One pass over the text, longest path first, so a mapped folder is never mapped again.
        List<String> ordered = new ArrayList<>(paths.keySet());
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternatives = new StringBuilder();
        for (String path : ordered) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(path));
        }
        Matcher m = Pattern.compile("(?<![\\w.\\-/])(" + alternatives + ")(?=/|$|[^\\w.\\-])", Pattern.MULTILINE)
                .matcher(out);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(result, Matcher.quoteReplacement(paths.get(m.group(1))));
        }
        m.appendTail(result);
        return result.toString();
    }

    String mapHosts(String text) {
        String out = text;
        List<String> ordered = new ArrayList<>(hosts.keySet());
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        for (String host : ordered) {
            out = out.replace(host, hosts.get(host));
        }
        return out;
    }

    /** Paths that are read-only in the pod: mounts marked so, and everything else under a read-only root. */
    List<String> readOnlyPaths() {
        return List.copyOf(readOnlyPaths);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
