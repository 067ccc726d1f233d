package io.sparkk8s.cli;

import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import java.nio.file.Path;
import java.util.Set;

/** Warm in-process generation time per chart; run by bench/bench.sh. Prints numbers, asserts nothing. */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) {
        Path catalog = Path.of(args.length > 0 ? args[0] : ".");
        Generator generator = Generator.discover(GenerationListener.SILENT);
        for (SparkLine line : SparkLine.values()) {
            GenerationRequest request =
                    GenerationRequest.forCatalog(catalog).lines(Set.of(line)).build();
            for (int i = 0; i < 50; i++) {
                generator.generate(request);
            }
            int runs = 200;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                generator.generate(request);
            }
            double ms = (System.nanoTime() - start) / 1e6 / runs;
            System.out.printf("warm generate %s: %.2f ms per chart (mean of %d)%n", line.chartName(), ms, runs);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap in use after warm runs: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
