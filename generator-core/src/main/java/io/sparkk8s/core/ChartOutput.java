package io.sparkk8s.core;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.OutputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Stage 6: where generated charts go. {@link #directory(Path)} writes each chart to a temporary folder
 * beside the target and swaps it in only when complete, so a failed run leaves the previous output
 * intact, and files an earlier run wrote that are no longer generated disappear.
 */
public interface ChartOutput {

    /** Writes the charts. */
    void write(GenerationResult result);

    /** Charts go to {@code <dir>/<chart name>/}. */
    static ChartOutput directory(Path dir) {
        return result -> {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new OutputException("output path " + dir + " is a file, not a folder; pass a folder "
                        + "(it is created when missing)", null);
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new OutputException("cannot create output folder " + dir + ": " + e, e);
            }
            for (GeneratedChart chart : result.charts()) {
                writeChart(dir, chart);
            }
        };
    }

    private static void writeChart(Path dir, GeneratedChart chart) {
        Path target = dir.resolve(chart.name());
        Path staging = dir.resolve("." + chart.name() + ".staging");
        Path old = dir.resolve("." + chart.name() + ".old");
        try {
            deleteTree(staging);
            deleteTree(old);
            for (Map.Entry<String, String> file : chart.files().entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            if (Files.exists(target)) {
                move(target, old);
            }
            move(staging, target);
            deleteTree(old);
        } catch (IOException e) {
            try {
                deleteTree(staging);
                if (!Files.exists(target) && Files.exists(old)) {
                    move(old, target);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new OutputException("cannot write chart " + chart.name() + " to " + target
                    + " (the previous output is left in place): " + e, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
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
