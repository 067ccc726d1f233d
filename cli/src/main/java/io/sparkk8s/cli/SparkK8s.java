package io.sparkk8s.cli;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.GeneratedChart;
import io.sparkk8s.api.GenerationException;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.GenerationRequest;
import io.sparkk8s.api.GenerationResult;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkSettings;
import io.sparkk8s.api.TemplateException;
import io.sparkk8s.core.ChartOutput;
import io.sparkk8s.core.Generator;
import io.sparkk8s.core.InputFiles;
import io.sparkk8s.core.Preset;
import io.sparkk8s.core.PresetCatalog;
import io.sparkk8s.verify.VerificationReport;
import io.sparkk8s.verify.Verifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command-line front end: maps options onto one core call and core errors onto exit codes. */
@Command(
        name = "spark-k8s",
        mixinStandardHelpOptions = true,
        version = "spark-k8s 0.1.0",
        description = "Composes blocks into verified Helm charts for Apache Spark on Kubernetes.",
        subcommands = {
            SparkK8s.Generate.class,
            SparkK8s.Blocks.class,
            SparkK8s.Presets.class,
            SparkK8s.Validate.class,
            SparkK8s.Explain.class,
            SparkK8s.Verify.class,
            SparkK8s.Completion.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Run 'spark-k8s <command> --help' (or 'spark-k8s help <command>') for a command's options.",
            "Exit codes: 0 ok, 1 invalid input or findings, 2 usage error, 3 internal error."
        })
public final class SparkK8s {

    /** Exit code of success. */
    public static final int OK = 0;
    /** Exit code of invalid input or findings. */
    public static final int INVALID = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;
    /** Exit code of an internal error: a broken block ({@link TemplateException}) or a bug. */
    public static final int INTERNAL = 3;

    /** The exit code of a failure, by its type. */
    static int exitCodeOf(Throwable e) {
        if (e instanceof TemplateException) {
            return INTERNAL;
        }
        return e instanceof GenerationException ? INVALID : INTERNAL;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkK8s());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(SparkK8s::exitCodeOf);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof GenerationException g) {
                commandLine.getErr().println("error: " + g.getMessage());
                return exitCodeOf(g);
            }
            commandLine.getErr().println("internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return INTERNAL;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine()
                    .getErr()
                    .println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return USAGE;
        });
        return cli.execute(args);
    }

    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--catalog",
                defaultValue = ".",
                paramLabel = "<folder>",
                description = "Folder holding presets/, the built-in catalog by default (default: ${DEFAULT-VALUE}); "
                        + "another folder replaces it: use --add-catalog to add presets instead")
        Path catalog;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Warnings reported by the core during this command. */
        int warnings;

        Generator generator() {
            GenerationListener listener = new GenerationListener() {
                @Override
                public void warn(String message) {
                    warnings++;
                    spec.commandLine().getErr().println("warning: " + message);
                }
            };
            return Generator.discover(listener);
        }
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Generates the charts of the catalog into an output folder.")
    static final class Generate extends Base {
        @Option(
                names = "--add-catalog",
                paramLabel = "<folder>",
                description = "A further folder holding presets/ "
                        + "whose presets are added to the catalog's (repeatable; a name defined twice is an error)")
        List<Path> moreCatalogs = new ArrayList<>();

        @Option(
                names = {"-o", "--output"},
                defaultValue = "generated-charts",
                paramLabel = "<folder>",
                description = "Output folder; only chart folders the generator wrote are replaced "
                        + "(default: ${DEFAULT-VALUE})")
        Path output;

        @Option(
                names = "--line",
                paramLabel = "<line>",
                description = "Spark line(s) to generate: 4.1, 3.5 " + "(repeatable; default: all)")
        List<String> lines = new ArrayList<>();

        @Option(
                names = "--preset",
                paramLabel = "<name>",
                description = "Preset(s) to include (repeatable; default: " + "all; see 'spark-k8s presets')")
        List<String> presets = new ArrayList<>();

        @Option(
                names = "--include-block",
                paramLabel = "<id>",
                description = "Only these block ids (repeatable; see " + "'spark-k8s blocks')")
        List<String> include = new ArrayList<>();

        @Option(names = "--exclude-block", paramLabel = "<id>", description = "Leave these block ids out (repeatable)")
        List<String> exclude = new ArrayList<>();

        @Option(
                names = "--set",
                paramLabel = "<path=value>",
                description = "Override a default, e.g. " + "connect.replicas=2 (value in YAML; repeatable)")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Override
        public Integer call() {
            Set<SparkLine> selected = EnumSet.noneOf(SparkLine.class);
            for (String line : lines) {
                try {
                    selected.add(SparkLine.parse(line));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--line: " + e.getMessage());
                }
            }
            GenerationRequest request = GenerationRequest.forCatalog(catalog)
                    .moreCatalogs(moreCatalogs)
                    .lines(selected)
                    .presets(presets)
                    .includeBlocks(new java.util.LinkedHashSet<>(include))
                    .excludeBlocks(new java.util.LinkedHashSet<>(exclude))
                    .overrides(overrides)
                    .build();
            Generator.refusePartialIntoCatalogOutput(request, output);
            GenerationResult result = generator().generate(request, ChartOutput.directory(output));
            for (GeneratedChart chart : result.charts()) {
                out().printf(
                                "%s: %d files (%s layout) -> %s%n",
                                chart.name(),
                                chart.files().size(),
                                chart.layout().name().toLowerCase(),
                                output.resolve(chart.name()));
            }
            return OK;
        }
    }

    @Command(
            name = "blocks",
            mixinStandardHelpOptions = true,
            description = "Lists the blocks: id, values key, Spark lines, description.")
    static final class Blocks extends Base {
        @Override
        public Integer call() {
            for (Block block : generator().blocks()) {
                out().printf(
                                "%-16s %-16s %-9s %s%n",
                                block.id(),
                                block.valuesKey(),
                                block.lines().stream()
                                        .map(SparkLine::id)
                                        .sorted()
                                        .collect(Collectors.joining(",")),
                                block.description());
            }
            return OK;
        }
    }

    @Command(
            name = "presets",
            mixinStandardHelpOptions = true,
            description = "Lists the presets of the catalog with their lines and descriptions.")
    static final class Presets extends Base {
        @Option(
                names = "--add-catalog",
                paramLabel = "<folder>",
                description = "A further folder holding presets/ "
                        + "whose presets are added to the catalog's (repeatable; a name defined twice is an error)")
        List<Path> moreCatalogs = new ArrayList<>();

        @Override
        public Integer call() {
            List<Path> catalogs = new ArrayList<>(List.of(catalog));
            catalogs.addAll(moreCatalogs);
            for (Preset preset : PresetCatalog.load(catalogs).all()) {
                out().printf(
                                "%-28s %-9s %s%n",
                                preset.name(),
                                preset.lines().stream()
                                        .map(SparkLine::id)
                                        .sorted()
                                        .collect(Collectors.joining(",")),
                                preset.description());
            }
            return OK;
        }
    }

    static SparkLine lineOf(CommandLine cli, String chart) {
        try {
            return Generator.chartLine(chart);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    cli,
                    "--chart: '" + chart
                            + "' is neither a line (4.1, spark-4.1) nor a generated chart folder named spark-<line>");
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Checks a values file against a chart's schema and composition rules.")
    static final class Validate extends Base {
        @Parameters(index = "0", paramLabel = "<values.yaml>", description = "Values file to check")
        Path file;

        @Option(
                names = "--chart",
                required = true,
                paramLabel = "<chart>",
                description = "Chart: a line (4.1), spark-4.1 or a generated chart folder")
        String chart;

        @Override
        public Integer call() {
            SparkLine line = lineOf(spec.commandLine(), chart);
            List<Problem> problems = generator().validate(file, line, catalog);
            if (problems.isEmpty()) {
                out().println(file + ": valid for " + line.chartName() + " (schema, composition rules and the "
                        + "chart's template rules)"
                        + (warnings == 0
                                ? ""
                                : "; " + warnings + " warning" + (warnings == 1 ? "" : "s")
                                        + " about settings that fail or do nothing at run time"));
                return OK;
            }
            throw new InvalidInputException(problems);
        }
    }

    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            description = "Explains a values key: type, default, description, allowed values, block.")
    static final class Explain extends Base {
        @Parameters(index = "0", paramLabel = "<key>", description = "Key path, e.g. connect.backendMode")
        String key;

        @Option(
                names = "--chart",
                defaultValue = "4.1",
                paramLabel = "<chart>",
                description = "Chart or line (default: ${DEFAULT-VALUE})")
        String chart;

        @Override
        public Integer call() {
            Generator.Explanation e = generator().explain(key, lineOf(spec.commandLine(), chart), catalog);
            if (e.value() == null) {
                out().println(key + " is a group; its keys:");
                e.children().forEach(c -> out().println("  " + c));
                return OK;
            }
            out().println(key);
            out().println("  block:       " + e.owner());
            out().println("  type:        " + e.value().type().label());
            out().println("  default:     " + e.value().defaultValue());
            if (!e.value().allowed().isEmpty()) {
                out().println("  allowed:     " + String.join(", ", e.value().allowed()));
            }
            if (!e.value().sparkConf().isEmpty()) {
                out().println("  spark:       " + e.value().sparkConf());
            }
            out().println("  description: " + e.value().description());
            return OK;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Runs the verification gates on a chart folder (Helm lint and template "
                            + "for the lowest and highest Kubernetes version, API schemas, Pod Security restricted, references, ...).")
    static final class Verify extends Base {
        @Parameters(
                index = "0",
                paramLabel = "<chart-folder>",
                description = "Chart folder, e.g. generated-charts/spark-4.1")
        Path chart;

        @Option(
                names = {"-f", "--values"},
                paramLabel = "<values.yaml>",
                description = "Values file(s), layered in "
                        + "order like Helm's -f: later files win, maps merge, lists are replaced (repeatable)")
        List<Path> values = new ArrayList<>();

        @Option(
                names = "--format",
                defaultValue = "text",
                paramLabel = "<format>",
                description = "text or json (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
                throw new InvalidInputException(List.of(new Problem(
                        chart.toString(),
                        "",
                        (Files.exists(chart)
                                        ? "is not a chart folder (it has no Chart.yaml)"
                                        : "no such folder (looked for "
                                                + chart.toAbsolutePath().normalize() + ")")
                                + "; pass a chart folder such as "
                                + "generated-charts/spark-4.1")));
            }
            if (!format.equals("text") && !format.equals("json")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--format must be text or json, not " + format);
            }
            List<Problem> problems = new ArrayList<>();
            for (Path file : values) {
                try {
                    InputFiles.readMapping(file, file.toString());
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            VerificationReport report = Verifier.builder()
                    .kubeVersions(io.sparkk8s.verify.KubeVersions.defaults())
                    .layerValues(true)
                    .extraSparkSettings(SparkSettings.catalogExtraSettings(catalog))
                    .build()
                    .verify(chart, values);
            out().print(format.equals("json") ? report.toJson() : report.format());
            out().flush();
            return report.ok() ? OK : INVALID;
        }
    }

    @Command(
            name = "completion",
            mixinStandardHelpOptions = true,
            description = "Prints a bash/zsh completion script for spark-k8s.",
            footer = {
                "",
                "Enable it in the current shell:  source <(./spark-k8s completion)",
                "or install it:  ./spark-k8s completion > /etc/bash_completion.d/spark-k8s"
            })
    static final class Completion implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine root = spec.root().commandLine();
            spec.commandLine().getOut().print(picocli.AutoComplete.bash(root.getCommandName(), root));
            spec.commandLine().getOut().flush();
            return OK;
        }
    }
}
