package io.sparkk8s.maven;

import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationException;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.OutputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.TemplateException;
import io.sparkk8s.api.UnknownBlockException;
import io.sparkk8s.core.ChartOutput;
import io.sparkk8s.core.Generator;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the Helm charts of a preset catalog. Maps the parameters onto one {@link GenerationRequest},
 * and skips rendering when nothing that goes into the charts changed since the last run.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractSparkK8sMojo {

    /** The folder containing {@code presets/} (the preset catalog): one {@code <name>.yaml} per preset. */
    @Parameter(property = "spark-k8s.catalog", defaultValue = "${project.basedir}")
    File catalog;

    /**
     * Further folders holding {@code presets/}, whose presets are added to the catalog's, e.g.
     * {@code <moreCatalog>${project.basedir}/../shared-presets</moreCatalog>}; a preset name defined twice is
     * an error. {@code <catalog>} alone replaces the built-in presets.
     */
    @Parameter(property = "spark-k8s.moreCatalogs")
    List<File> moreCatalogs = new ArrayList<>();

    /**
     * The Spark lines to generate, e.g. {@code <line>4.1</line>} or {@code -Dspark-k8s.lines=4.1,3.5}; empty
     * means every line.
     */
    @Parameter(property = "spark-k8s.lines")
    List<String> lines = new ArrayList<>();

    /**
     * The preset names to include, e.g. {@code <preset>minimal</preset>}; empty means every preset of the
     * catalog.
     */
    @Parameter(property = "spark-k8s.presets")
    List<String> presets = new ArrayList<>();

    /**
     * Only these block ids, e.g. {@code <includeBlock>connect</includeBlock>}; empty means every block on the
     * plugin's class path (built-in and plugin {@code <dependencies>}) that supports the line.
     */
    @Parameter(property = "spark-k8s.includeBlocks")
    List<String> includeBlocks = new ArrayList<>();

    /** Leave these block ids out, e.g. {@code <excludeBlock>minio</excludeBlock>}. */
    @Parameter(property = "spark-k8s.excludeBlocks")
    List<String> excludeBlocks = new ArrayList<>();

    /**
     * Default overrides: the element name is an absolute values path, the text a YAML value, e.g.
     * {@code <connect.replicas>2</connect.replicas>}. They replace the block models' defaults in values.yaml
     * and are checked like any value (unknown paths, types, enums, ranges). Set in the pom only: a map has no
     * command-line form.
     */
    @Parameter
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * Where the fingerprint of the last successful run is kept; when it matches the inputs (request, preset
     * files, generator and block jars) and the charts on disk (every file of every chart folder the run wrote),
     * rendering is skipped.
     */
    @Parameter(defaultValue = "${project.build.directory}/spark-k8s/fingerprint", readonly = true)
    File fingerprintFile;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        GenerationRequest request = GenerationRequest.forCatalog(catalog.toPath())
                .moreCatalogs(moreCatalogs.stream().map(File::toPath).toList())
                .lines(parseLines())
                .presets(presets)
                .includeBlocks(new LinkedHashSet<>(includeBlocks))
                .excludeBlocks(new LinkedHashSet<>(excludeBlocks))
                .overrides(overrides)
                .build();
        ClassLoader blocks = getClass().getClassLoader();
        try {
            List<String> charts = chartNames(request);
            Fingerprint fingerprint = Fingerprint.of(request, outputDirectory.toPath(), blocks, charts);
            Optional<Fingerprint> stored = Fingerprint.storedIn(fingerprintFile.toPath());
            if (stored.filter(fingerprint::equals).isPresent()) {
                getLog().info("charts are up to date in " + outputDirectory);
                return;
            }
            if (stored.filter(last -> last.inputs().equals(fingerprint.inputs()))
                    .isPresent()) {
                getLog().info("the charts in " + outputDirectory + " were changed or removed since the last run "
                        + "(a missing Chart.yaml, an edited or added file); generating them again");
            }
            GenerationResult result = Generator.discover(blocks, listener())
                    .generate(request, ChartOutput.directory(outputDirectory.toPath()));
            for (GeneratedChart chart : result.charts()) {
                getLog().info(chart.name() + ": " + chart.files().size() + " files -> "
                        + outputDirectory.toPath().resolve(chart.name()));
            }
            fingerprint.withCurrentOutputs(outputDirectory.toPath(), charts).store(fingerprintFile.toPath());
        } catch (TemplateException e) {
            throw new MojoExecutionException("internal error (a block is broken): " + e.getMessage(), e);
        } catch (GenerationException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("internal error while generating charts: " + e, e);
        }
    }

    /** The chart folders the request writes: one per line (the 3.5 umbrella holds its subcharts). */
    private static List<String> chartNames(GenerationRequest request) {
        Set<SparkLine> lines = request.lines().isEmpty() ? EnumSet.allOf(SparkLine.class) : request.lines();
        return lines.stream().map(SparkLine::chartName).sorted().toList();
    }

    private Set<SparkLine> parseLines() throws MojoFailureException {
        Set<SparkLine> selected = EnumSet.noneOf(SparkLine.class);
        for (String line : lines) {
            try {
                selected.add(SparkLine.parse(line.trim()));
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("<lines>: " + e.getMessage(), e);
            }
        }
        return selected;
    }

    /**
     * Bad input becomes a build failure whose message starts with the pom parameter(s) holding the bad value.
     * The core's message is kept whole, so Maven does not print it a second time for the chained cause.
     */
    private MojoFailureException failure(GenerationException e) {
        Set<String> parameters = new LinkedHashSet<>();
        if (e instanceof InvalidInputException invalid) {
            invalid.problems().forEach(problem -> parameterOf(problem).ifPresent(parameters::add));
        } else if (e instanceof UnknownBlockException unknown) {
            parameterOf(unknown).ifPresent(parameters::add);
        } else if (e instanceof OutputException) {
            parameters.add("<outputDirectory>");
        }
        String prefix = parameters.isEmpty() ? "" : String.join(", ", parameters) + ": ";
        return new MojoFailureException(prefix + e.getMessage(), e);
    }

    /** The pom parameter of a problem's typed origin; a problem in a file has none. */
    private Optional<String> parameterOf(Problem problem) {
        return switch (problem.origin()) {
            case PRESET_SELECTION -> Optional.of("<presets>");
            case OVERRIDE -> Optional.of("<overrides>");
            case CATALOG ->
                Optional.of(
                        Path.of(problem.source()).equals(catalog.toPath().resolve("presets"))
                                ? "<catalog>"
                                : "<moreCatalogs>");
            case FILE -> Optional.empty();
        };
    }

    /**
     * The parameter that holds the unknown block id an {@link UnknownBlockException} names, or, when a block
     * lacks a provider, the block selection that left the provider out.
     */
    private Optional<String> parameterOf(UnknownBlockException e) {
        if (e.reason() == UnknownBlockException.Reason.MISSING_PROVIDER) {
            return !includeBlocks.isEmpty()
                    ? Optional.of("<includeBlocks>")
                    : !excludeBlocks.isEmpty() ? Optional.of("<excludeBlocks>") : Optional.empty();
        }
        if (e.reason() != UnknownBlockException.Reason.UNKNOWN_ID) {
            return Optional.empty();
        }
        if (includeBlocks.contains(e.blockId())) {
            return Optional.of("<includeBlocks>");
        }
        if (excludeBlocks.contains(e.blockId())) {
            return Optional.of("<excludeBlocks>");
        }
        return Optional.empty();
    }
}
