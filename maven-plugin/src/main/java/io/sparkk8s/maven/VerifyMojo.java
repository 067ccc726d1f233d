package io.sparkk8s.maven;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.KubernetesVersions;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Verifies every generated chart (Helm lint and template for the lowest and highest Kubernetes version, API
 * schemas, Pod Security restricted, references, ...) with its default values and with each preset it ships
 * in {@code presets/}. Fails the build listing the findings.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractSparkK8sMojo {

    /**
     * The preset catalog folder; its {@code extra-spark-settings.txt}, if any, lists settings of jars the charts add
     * that the Spark settings check accepts (the same folder as the generate goal's {@code <catalog>}).
     */
    @Parameter(property = "spark-k8s.catalog", defaultValue = "${project.basedir}")
    File catalog;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Path output = outputDirectory.toPath();
        List<Path> charts = list(
                output,
                dir -> !dir.getFileName().toString().startsWith(".") && Files.isRegularFile(dir.resolve("Chart.yaml")));
        if (charts.isEmpty()) {
            throw new MojoFailureException("<outputDirectory>: no chart folder (with a Chart.yaml) in " + output
                    + "; run the generate goal first");
        }
        List<String> extraSparkSettings;
        try {
            extraSparkSettings = SparkSettings.catalogExtraSettings(catalog.toPath());
        } catch (InvalidInputException e) {
            throw new MojoFailureException("<catalog>: " + e.getMessage(), e);
        }
        Verifier verifier = Verifier.builder()
                .kubeVersions(List.of(KubernetesVersions.LOWEST, KubernetesVersions.HIGHEST))
                .extraSparkSettings(extraSparkSettings)
                .build();
        List<String> failed = new ArrayList<>();
        for (Path chart : charts) {
            List<Path> values = list(
                    chart.resolve("presets"),
                    file -> file.getFileName().toString().endsWith(".yaml"));
            VerificationReport report;
            try {
                report = verifier.verify(chart, values);
            } catch (RuntimeException e) {
                throw new MojoExecutionException("cannot verify " + chart + ": " + e.getMessage(), e);
            }
            if (report.ok()) {
                getLog().info(chart.getFileName() + ": verified with defaults and " + values.size() + " presets");
            } else {
                failed.add(chart.getFileName() + ": " + report.format().stripTrailing());
            }
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException("<outputDirectory>: the charts in " + output + " fail verification; "
                    + "fix the blocks, presets or overrides that produce them and generate again\n"
                    + String.join("\n", failed));
        }
    }

    /** The entries of a folder that pass the test, sorted; none when the folder does not exist. */
    private static List<Path> list(Path dir, Predicate<Path> test) throws MojoExecutionException {
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
