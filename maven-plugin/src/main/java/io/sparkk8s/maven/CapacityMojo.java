package io.sparkk8s.maven;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.verify.Capacity;
import io.sparkk8s.verify.Verifier;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reports, per generated chart and each preset it ships, the CPU and memory requests and limits of every workload
 * and the total with every Spark driver's executors at their maximum (the CLI's {@code capacity}); writes the report
 * to {@code <outputDirectory>/capacity.txt} and, with {@code <quota>}, fails the build when a preset exceeds the
 * ResourceQuota.
 */
@Mojo(name = "capacity", threadSafe = true)
public class CapacityMojo extends AbstractSparkK8sMojo {

    /** A ResourceQuota manifest every preset must fit; none by default (report only). */
    @Parameter(property = "spark-k8s.quota")
    File quota;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Path output = outputDirectory.toPath();
        Map<String, String> hard = Map.of();
        if (quota != null) {
            try {
                hard = Capacity.quota(Files.readString(quota.toPath()));
            } catch (IOException | IllegalArgumentException e) {
                throw new MojoFailureException("<quota>: " + quota + ": " + e.getMessage(), e);
            }
        }
        Verifier verifier = Verifier.builder()
                .kubeVersions(List.of(KubernetesVersions.LOWEST))
                .build();
        StringBuilder report = new StringBuilder();
        List<String> exceeding = new ArrayList<>();
        for (Path chart : list(output, d -> Files.isRegularFile(d.resolve("Chart.yaml")))) {
            for (Path preset : list(chart.resolve("presets"), f -> f.toString().endsWith(".yaml"))) {
                Capacity.Report capacity;
                try {
                    capacity = Capacity.of(verifier.render(chart, List.of(preset)));
                } catch (InvalidInputException e) {
                    throw new MojoExecutionException(
                            "cannot render " + chart + " with " + preset + ": " + e.getMessage(), e);
                }
                String what = chart.getFileName() + " + " + chart.relativize(preset);
                report.append(what).append('\n').append(capacity.format()).append('\n');
                getLog().info(what + ": " + capacity.pods() + " pods, requests "
                        + Capacity.cpu(capacity.total().requestCpu()) + " CPU / "
                        + Capacity.memory(capacity.total().requestMemory()) + " (executors at their maximum)");
                capacity.exceeding(hard).forEach(line -> exceeding.add(what + ": " + line));
            }
        }
        Path file = output.resolve("capacity.txt");
        try {
            Files.writeString(file, report.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
        }
        getLog().info("capacity report: " + file);
        if (!exceeding.isEmpty()) {
            throw new MojoFailureException("<quota>: presets exceed " + quota + "\n" + String.join("\n", exceeding));
        }
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> test) throws MojoExecutionException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(test).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
