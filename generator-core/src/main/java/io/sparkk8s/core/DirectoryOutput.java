package io.sparkk8s.core;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.OutputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Writes charts into a folder (see {@link ChartOutput#directory(Path)}).
 *
 * <p>Safety, in order: the folder must not lie inside a chart (a {@code Chart.yaml} in it or above it); the
 * folder is locked (a {@link FileChannel#tryLock() file lock} against other processes, a {@link ReentrantLock}
 * against other threads of this JVM), waiting up to {@link #LOCK_WAIT}; an existing chart folder is replaced
 * only when it carries {@link ChartOutput#MARKER}; every chart is staged completely before the first is
 * swapped in, and a journal ({@link #SWITCHING}) names the charts being swapped, so a run killed in the
 * middle of the switch is detected by the next one, which names the charts that may be stale.
 */
final class DirectoryOutput implements ChartOutput {

    /** How long a generate waits for another one writing into the same folder. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(120);

    /** The journal of a switch in progress: one chart name per line. */
    static final String SWITCHING = ".spark-k8s-switching";

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;

    DirectoryOutput(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The text of the marker file of a chart: deterministic, so the committed output stays byte-stable. */
    static String marker(GeneratedChart chart) {
        return "This folder (" + chart.name() + ") was written by spark-k8s generate and is replaced on every run.\n"
                + "Do not edit it: change the blocks or presets and regenerate. Delete this file to keep the\n"
                + "folder as your own; spark-k8s then refuses to overwrite it.\n";
    }

    @Override
    public void check() {
        refuseInsideAChart();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new OutputException(
                    "output path " + dir + " is a file, not a folder; pass a folder " + "(it is created when missing)",
                    null);
        }
    }

    @Override
    public void write(GenerationResult result) {
        check();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputException("cannot create output folder " + dir + ": " + e, e);
        }
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
        try {
            if (!threads.tryLock(LOCK_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw busy(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(e);
        }
        try (FileChannel channel = FileChannel.open(
                        dir.resolve(ChartOutput.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lock(channel)) {
            writeLocked(result);
        } catch (IOException e) {
            throw new OutputException(
                    "cannot lock the output folder " + dir + " (" + ChartOutput.LOCK + "): " + e
                            + "; check that the folder is writable",
                    e);
        } finally {
            threads.unlock();
        }
    }

    private OutputException busy(Throwable cause) {
        return new OutputException(
                "another spark-k8s generate is writing into " + dir + " and did not finish within "
                        + LOCK_WAIT.toSeconds() + " s (it holds " + dir.resolve(ChartOutput.LOCK)
                        + "); wait for it to end "
                        + "and run again, or pass another --output",
                cause);
    }

    private FileLock lock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw busy(null);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy(e);
            }
        }
    }

    /** Refuses an output folder that is a chart, or lies in one (its charts/ or templates/, or deeper). */
    private void refuseInsideAChart() {
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("Chart.yaml"))) {
                String where = at.equals(dir)
                        ? "is itself a chart folder (it has " + at.resolve("Chart.yaml") + ")"
                        : "lies inside the chart " + at + " (it has a Chart.yaml)";
                throw new OutputException(
                        "output folder " + dir + " " + where + "; charts written there would "
                                + "become part of that chart. Pass a folder outside any chart, e.g. --output "
                                + (at.getParent() == null
                                        ? "generated-charts"
                                        : at.getParent().resolve("generated-charts")),
                        null);
            }
        }
    }

    private void writeLocked(GenerationResult result) {
        List<String> names = result.charts().stream().map(GeneratedChart::name).toList();
        try {
            recoverInterruptedSwitch(names);
        } catch (IOException e) {
            throw new OutputException(
                    "cannot clean up after an earlier interrupted generate in " + dir + ": " + e
                            + "; remove its .*.staging and .*.old folders by hand",
                    e);
        }
        for (GeneratedChart chart : result.charts()) {
            refuseForeign(chart.name());
        }
        List<Path> staged = new ArrayList<>();
        try {
            for (GeneratedChart chart : result.charts()) {
                staged.add(stage(chart));
            }
        } catch (IOException e) {
            for (Path staging : staged) {
                deleteQuietly(staging, e);
            }
            deleteQuietly(staging(names.get(staged.size())), e);
            throw new OutputException(
                    "cannot write chart " + names.get(staged.size()) + " to " + dir
                            + " (the previous output is left in place): " + e,
                    e);
        }
        Path journal = dir.resolve(SWITCHING);
        String current = null;
        try {
            Files.writeString(journal, String.join("\n", names) + "\n", StandardCharsets.UTF_8);
            for (String name : names) {
                current = name;
                swap(name);
            }
            Files.delete(journal);
        } catch (IOException e) {
            throw new OutputException(
                    "cannot switch chart " + current + " in " + dir + ": " + e + "; charts "
                            + String.join(", ", names)
                            + " may be partly from the previous run: run the same generate again "
                            + "(it restores or replaces them)",
                    e);
        }
    }

    /**
     * A run killed while swapping leaves the journal: charts it names that this run does not write may be
     * half old, half new; they are named with the fix. Leftover staging folders are removed, and a chart
     * moved aside but not replaced is moved back.
     */
    private void recoverInterruptedSwitch(List<String> names) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String file = entry.getFileName().toString();
                if (file.startsWith(".") && file.endsWith(".staging")) {
                    deleteTree(entry);
                } else if (file.startsWith(".") && file.endsWith(".old")) {
                    Path target = dir.resolve(file.substring(1, file.length() - ".old".length()));
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        deleteTree(entry);
                    } else {
                        move(entry, target);
                    }
                }
            }
        }
        Path journal = dir.resolve(SWITCHING);
        if (Files.isRegularFile(journal)) {
            List<String> stale = Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
                    .filter(n -> !n.isBlank() && !names.contains(n))
                    .toList();
            if (!stale.isEmpty()) {
                throw new OutputException(
                        "an earlier generate into " + dir + " was interrupted while switching its "
                                + "charts; " + String.join(", ", stale)
                                + " may still be from the run before it, while this run"
                                + " would write only " + String.join(", ", names) + ". Regenerate every chart at once "
                                + "(without --line) into " + dir,
                        null);
            }
        }
    }

    /** Refuses to replace a folder (or file) of that name that the generator did not write. */
    private void refuseForeign(String name) {
        Path target = dir.resolve(name);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException(
                    target + " exists and is not a folder written by spark-k8s; it is left "
                            + "untouched. Move it away or pass another --output",
                    null);
        }
        if (!Files.isRegularFile(target.resolve(ChartOutput.MARKER), LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException(
                    target + " exists but was not written by spark-k8s (it has no "
                            + ChartOutput.MARKER
                            + " file), so it is left untouched. Move it away, or pass another --output "
                            + "for the generated charts (output of a spark-k8s older than the marker: delete the folder once)",
                    null);
        }
    }

    private Path staging(String name) {
        return dir.resolve("." + name + ".staging");
    }

    private Path stage(GeneratedChart chart) throws IOException {
        Path staging = staging(chart.name());
        deleteTree(staging);
        for (Map.Entry<String, String> file : chart.files().entrySet()) {
            Path path = staging.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        Files.writeString(staging.resolve(ChartOutput.MARKER), marker(chart), StandardCharsets.UTF_8);
        return staging;
    }

    private void swap(String name) throws IOException {
        Path target = dir.resolve(name);
        Path old = dir.resolve("." + name + ".old");
        deleteTree(old);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            move(target, old);
        }
        move(staging(name), target);
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteQuietly(Path root, IOException failure) {
        try {
            deleteTree(root);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
