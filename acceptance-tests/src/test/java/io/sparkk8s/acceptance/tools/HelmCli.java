package io.sparkk8s.acceptance.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a real Helm CLI binary (3 or 4) as a separate process, isolated from the user's Helm configuration:
 * {@code HELM_CACHE_HOME}, {@code HELM_CONFIG_HOME} and {@code HELM_DATA_HOME} point into a private temporary
 * directory, other {@code HELM_*} variables and {@code KUBECONFIG} are dropped, and colour is off.
 *
 * <pre>{@code
 * HelmResult result = HelmCli.helm4().template(chart, "demo", "spark", "1.34.0", List.of(values), Map.of());
 * assertThat(result.exitCode()).as(result::describe).isZero();
 * }</pre>
 *
 * <p>Differences between the two majors that this class absorbs: Helm 4 has the global {@code --color} flag
 * (Helm 3 rejects it). {@code lint} and {@code template} otherwise take the same flags used here
 * ({@code --strict}, {@code --kube-version}, {@code -f}, {@code --set}, {@code --namespace}). Lint findings
 * ({@code [ERROR] templates/x.yaml: ...}) are printed on stdout by both majors; only the summary
 * ({@code Error: 1 chart(s) linted, 1 chart(s) failed}) goes to stderr. {@code template} errors go to stderr.
 */
public final class HelmCli {

    /** Default limit for one Helm command. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

    private final Path binary;
    private final Duration timeout;
    private static Path sharedHome;

    private volatile String version;

    /**
     * @param binary a Helm 3 or Helm 4 executable
     */
    public HelmCli(Path binary) {
        this(binary, DEFAULT_TIMEOUT);
    }

    private HelmCli(Path binary, Duration timeout) {
        this.binary = Objects.requireNonNull(binary, "binary").toAbsolutePath();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Helm 3 from the {@link ToolCache} of this checkout (fetched on first use). */
    public static HelmCli helm3() {
        return new HelmCli(ToolCache.get().helm3());
    }

    /** Helm 4 from the {@link ToolCache} of this checkout (fetched on first use). */
    public static HelmCli helm4() {
        return new HelmCli(ToolCache.get().helm4());
    }

    /** Helm of the given major version (3 or 4) from the {@link ToolCache} of this checkout. */
    public static HelmCli ofMajor(int major) {
        return new HelmCli(ToolCache.get().helm(major));
    }

    /** The same binary with another limit per command. */
    public HelmCli withTimeout(Duration newTimeout) {
        return new HelmCli(binary, newTimeout);
    }

    /** The executable this runs. */
    public Path binary() {
        return binary;
    }

    /** What {@code helm version --short} prints, e.g. {@code v4.1.4+g05fa379}. */
    public String version() {
        String v = version;
        if (v == null) {
            HelmResult result = run(List.of("version", "--short"), false);
            if (!result.succeeded()) {
                throw new ToolUnavailableException("`" + binary + " version --short` failed: " + result.describe());
            }
            v = result.stdout().strip();
            version = v;
        }
        return v;
    }

    /** The major version (3 or 4) of this binary. */
    public int majorVersion() {
        Matcher m = VERSION.matcher(version());
        if (!m.find()) {
            throw new ToolUnavailableException("Cannot read a version from `" + version() + "` printed by " + binary);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * {@code helm lint [--strict] CHART [-f FILE]... [--set K=V]...}, with Helm's default Kubernetes version.
     *
     * @param sets {@code --set} pairs in iteration order; commas and backslashes in values are escaped
     */
    public HelmResult lint(Path chart, boolean strict, List<Path> valuesFiles, Map<String, String> sets) {
        return lint(chart, strict, null, valuesFiles, sets);
    }

    /**
     * {@code helm lint [--strict] CHART --kube-version V [-f FILE]... [--set K=V]...}. With {@code --strict}
     * warnings fail the lint and templates are rendered with missing keys as errors. Findings are on stdout.
     *
     * @param kubeVersion e.g. {@code 1.29.0}; {@code null} for Helm's default
     */
    public HelmResult lint(
            Path chart, boolean strict, String kubeVersion, List<Path> valuesFiles, Map<String, String> sets) {
        List<String> args =
                new ArrayList<>(List.of("lint", chart.toAbsolutePath().toString()));
        if (strict) {
            args.add("--strict");
        }
        if (kubeVersion != null) {
            args.add("--kube-version=" + kubeVersion);
        }
        addValues(args, valuesFiles, sets);
        return run(args, true);
    }

    /**
     * {@code helm template RELEASE CHART --namespace NS --kube-version V [-f FILE]... [--set K=V]...}. The
     * Kubernetes version is required: a default silently renders for an old cluster.
     *
     * @param kubeVersion e.g. {@code 1.34.0}
     * @return rendered manifests on stdout; errors (naming the template file) on stderr
     */
    public HelmResult template(
            Path chart,
            String releaseName,
            String namespace,
            String kubeVersion,
            List<Path> valuesFiles,
            Map<String, String> sets) {
        Objects.requireNonNull(releaseName, "releaseName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kubeVersion, "kubeVersion");
        List<String> args = new ArrayList<>(List.of(
                "template",
                releaseName,
                chart.toAbsolutePath().toString(),
                "--namespace=" + namespace,
                "--kube-version=" + kubeVersion));
        addValues(args, valuesFiles, sets);
        return run(args, true);
    }

    /**
     * Any other Helm command, e.g. {@code install --dry-run=client}, in the same isolated environment.
     *
     * @param args the arguments after {@code helm}
     */
    public HelmResult run(List<String> args) {
        return run(args, true);
    }

    private HelmResult run(List<String> args, boolean colourFlag) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        if (colourFlag && majorVersion() >= 4) {
            command.add("--color=never");
        }
        Path helmHome = home();
        ProcessRunner.Outcome outcome = ProcessRunner.run(
                command,
                helmHome,
                env -> {
                    env.keySet().removeIf(key -> key.startsWith("HELM_"));
                    env.remove("KUBECONFIG");
                    env.put("HELM_CACHE_HOME", helmHome.resolve("cache").toString());
                    env.put("HELM_CONFIG_HOME", helmHome.resolve("config").toString());
                    env.put("HELM_DATA_HOME", helmHome.resolve("data").toString());
                    env.put("KUBECONFIG", helmHome.resolve("kubeconfig-absent").toString());
                    env.put("NO_COLOR", "1");
                },
                timeout);
        return new HelmResult(outcome.command(), outcome.exitCode(), outcome.stdout(), outcome.stderr());
    }

    private static void addValues(List<String> args, List<Path> valuesFiles, Map<String, String> sets) {
        for (Path file : valuesFiles) {
            args.add("--values=" + file.toAbsolutePath());
        }
        sets.forEach((key, value) -> args.add("--set=" + key + "=" + escapeSetValue(value)));
    }

    /** {@code --set} splits on commas and treats backslash as an escape. */
    private static String escapeSetValue(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    /** One private Helm home per JVM, removed at exit; lint and template write nothing there that matters. */
    private static Path home() {
        synchronized (HelmCli.class) {
            if (sharedHome == null) {
                try {
                    Path dir = Files.createTempDirectory("sparkk8s-helm-home-");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "helm-home-cleanup"));
                    sharedHome = dir;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create a private Helm home directory", e);
                }
            }
            return sharedHome;
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at JVM exit: a leftover temp directory is harmless
        }
    }

    /**
     * What one Helm command returned.
     *
     * @param command the full command line, for messages
     */
    public record HelmResult(List<String> command, int exitCode, String stdout, String stderr) {

        public HelmResult {
            command = List.copyOf(command);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        /** Whether Helm exited with 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** stdout then stderr, for assertions on findings that either stream may carry. */
        public String output() {
            return stdout + stderr;
        }

        /** The command, its exit code and its output: a message for a failed assertion. */
        public String describe() {
            return "`" + String.join(" ", command) + "` exited with " + exitCode + "\n--- stdout\n"
                    + ProcessRunner.tail(stdout) + "\n--- stderr\n" + ProcessRunner.tail(stderr);
        }
    }
}
