package io.sparkk8s.cli;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Warm in-process generation time per chart, and how it grows with the number of blocks (synthetic blocks,
 * 8 → 64 → 256); run by bench/bench.sh. Prints numbers, asserts nothing.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws IOException {
        Path catalog = Path.of(args.length > 0 ? args[0] : ".");
        Generator generator = Generator.discover(GenerationListener.SILENT);
        for (SparkLine line : SparkLine.values()) {
            GenerationRequest request =
                    GenerationRequest.forCatalog(catalog).lines(Set.of(line)).build();
            double[] ms = warm(generator, request, 50, 200);
            System.out.printf(
                    "warm generate %s: %.2f ms per chart, %.2f ms cpu (mean of %d)%n",
                    line.chartName(), ms[0], ms[1], 200);
            // The same chart with a default that every template reads changed on each run: no kept rendering, text
            // or verdict of the runs before fits, so this is the warm JVM's cost of a generation after an edit.
            double[] changed = warm(
                    generator,
                    i -> request.toBuilder()
                            .overrides(Map.of("global.fullnameOverride", "bench-" + i))
                            .build(),
                    50,
                    200);
            System.out.printf(
                    "warm generate %s, a default every template reads changed on each run: %.2f ms per chart, "
                            + "%.2f ms cpu (mean of %d)%n",
                    line.chartName(), changed[0], changed[1], 200);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap in use after warm runs: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        scaling();
    }

    /**
     * The same chart with 8, 64 and 256 synthetic blocks and one preset that sets a key of each: a linear
     * engine keeps the time per block about constant.
     */
    private static void scaling() throws IOException {
        Path catalog = Files.createTempDirectory("spark-k8s-bench");
        try {
            for (int blocks : List.of(8, 64, 256)) {
                List<Block> synthetic = IntStream.rangeClosed(1, blocks)
                        .<Block>mapToObj(SyntheticBlock::new)
                        .toList();
                StringBuilder preset = new StringBuilder("name: synthetic\ndescription: Every synthetic block on.\n"
                        + "lines: [\"4.1\", \"3.5\"]\nvalues:\n");
                synthetic.forEach(b -> preset.append("  ").append(b.valuesKey()).append(":\n    greeting: hi\n"));
                Files.createDirectories(catalog.resolve("presets"));
                Files.writeString(catalog.resolve("presets/synthetic.yaml"), preset);
                Generator generator = Generator.of(synthetic, GenerationListener.SILENT);
                for (SparkLine line : SparkLine.values()) {
                    GenerationRequest request = GenerationRequest.forCatalog(catalog)
                            .lines(Set.of(line))
                            .build();
                    int runs = Math.max(5, 1280 / blocks);
                    double[] ms = warm(generator, request, Math.max(3, runs / 4), runs);
                    System.out.printf(
                            "scaling %s, %3d synthetic blocks: %8.2f ms per chart, %8.2f ms cpu, %.3f ms cpu "
                                    + "per block (mean of %d)%n",
                            line.chartName(), blocks, ms[0], ms[1], ms[1] / blocks, runs);
                }
            }
        } finally {
            try (var files = Files.walk(catalog)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                // a temporary folder left behind is no reason to fail a benchmark
            }
        }
    }

    /**
     * Mean wall time and mean CPU time of the Java threads per run, in ms: on a shared machine the wall time grows
     * with the other engineers' load, the CPU time much less. The CPU time is summed over every live Java thread
     * (the caller, the line and validation threads, the pool that renders the blocks), since a generation spreads
     * over them; the JIT compiler and the garbage collector are not counted.
     */
    private static double[] warm(Generator generator, GenerationRequest request, int warmups, int runs) {
        return warm(generator, i -> request, warmups, runs);
    }

    /** As {@link #warm(Generator, GenerationRequest, int, int)}, with the request of run {@code i} (warm-ups first). */
    private static double[] warm(
            Generator generator, java.util.function.IntFunction<GenerationRequest> requests, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            generator.generate(requests.apply(i));
        }
        List<GenerationRequest> measured =
                IntStream.range(warmups, warmups + runs).mapToObj(requests).toList();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = javaThreadsCpu(threads);
        long start = System.nanoTime();
        for (GenerationRequest request : measured) {
            generator.generate(request);
        }
        long wall = System.nanoTime() - start;
        cpu = javaThreadsCpu(threads) - cpu;
        return new double[] {wall / 1e6 / runs, cpu / 1e6 / runs};
    }

    /** The CPU time of every live Java thread, in ns (a thread that ended since is not counted). */
    private static long javaThreadsCpu(java.lang.management.ThreadMXBean threads) {
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }
}
