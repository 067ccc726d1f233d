package io.sparkk8s.cli;

import io.sparkk8s.api.GenerationException;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Json;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.TemplateException;
import io.sparkk8s.core.Generator;
import io.sparkk8s.core.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command-line front end: maps options onto one core call and core errors onto exit codes. */
@Command(
        name = "spark-k8s",
        mixinStandardHelpOptions = true,
        version = "spark-k8s 0.1.0",
        description = "Composes blocks into verified Helm charts for Apache Spark on Kubernetes.",
        footer = {
            "",
            "Run 'spark-k8s <command> --help' (or 'spark-k8s help <command>') for a command's options.",
            "Every command but completion prints JSON with --json (fields: see the README).",
            "Exit codes: 0 ok, 1 invalid input or findings (diff: differences), 2 usage error, 3 internal error."
        })
public final class SparkK8s {

    /** The commands, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            GenerateCommand.class,
            BlocksCommand.class,
            PresetsCommand.class,
            ValidateCommand.class,
            ExplainCommand.class,
            ValuesCommand.class,
            DiffCommand.class,
            CapacityCommand.class,
            VerifyCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /**
     * The command line for a run whose first argument is {@code first}. picocli builds the model of every command
     * it is given by reflection; a run of one named command only needs that one (a shorter start), while help,
     * completion, a misspelt or a missing command get all of them.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new SparkK8s());
        List<Class<?>> named = COMMANDS.stream()
                .filter(c -> c != CompletionCommand.class && c != CommandLine.HelpCommand.class)
                .filter(c -> c.getAnnotation(Command.class).name().equals(first))
                .toList();
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(command);
        }
        return cli;
    }

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
        if (args.length > 0 && USE_THE_GENERATOR.contains(args[0])) {
            // Discovering the blocks, starting the template engine and compiling the preset schema take about as
            // long as picocli needs to build its command line and parse the arguments: on a second core they
            // overlap (issue 18, cold start). A failure here is thrown where the command asks for the generator.
            CompletableFuture<Generator> early = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try {
                            early.complete(Generator.discover(GenerationListener.SILENT)
                                    .prepare());
                        } catch (RuntimeException | Error e) {
                            early.completeExceptionally(e);
                        }
                    },
                    "spark-k8s-prepare");
            thread.setDaemon(true);
            thread.start();
            prepared = early;
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The names of the commands that ask for a {@link Generator}: those that are a {@link WithGenerator}. */
    static final java.util.Set<String> USE_THE_GENERATOR = COMMANDS.stream()
            .filter(WithGenerator.class::isAssignableFrom)
            .map(c -> c.getAnnotation(Command.class).name())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The generator {@link #main} started to discover on another thread, or null (in-process runs, tests). */
    private static volatile CompletableFuture<Generator> prepared;

    /** The generator discovered early by {@link #main}, else a new one; both report to the listener. */
    static Generator generator(GenerationListener listener) {
        CompletableFuture<Generator> early = prepared;
        if (early == null) {
            return Generator.discover(listener);
        }
        try {
            return early.join().reportingTo(listener);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args.length > 0 ? args[0] : "");
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(SparkK8s::exitCodeOf);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof GenerationException g) {
                if (commandLine.getCommand() instanceof Base base && base.json) {
                    base.printJsonError(g);
                } else {
                    commandLine.getErr().println("error: " + g.getMessage());
                }
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

    /** What every command but completion shares: the catalog, JSON output, the core's warnings. */
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

        @Option(
                names = "--json",
                description = "Print the result (and any problems) as JSON on standard output; "
                        + "fields are listed in the README section 'JSON output'")
        boolean json;

        /** Warnings reported by the core during this command. */
        final List<String> warnings = new ArrayList<>();

        /** The values the problems of this command are about, for the {@code value} field of JSON problems. */
        Map<String, Object> input;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Prints a JSON document: the command's fields, then {@code warnings}. */
        int printJson(Map<String, Object> fields, int exitCode) {
            Map<String, Object> document = new LinkedHashMap<>(fields);
            document.put("warnings", List.copyOf(warnings));
            out().print(Json.write(document));
            out().flush();
            return exitCode;
        }

        /** A core failure as JSON: {@code ok: false}, the exit code, the message and each problem. */
        void printJsonError(GenerationException e) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("ok", false);
            document.put("exitCode", exitCodeOf(e));
            document.put("error", e.getMessage());
            List<Problem> problems = e instanceof InvalidInputException invalid ? invalid.problems() : List.of();
            document.put(
                    "problems",
                    problems.stream().map(p -> Reports.problem(p, input)).toList());
            printJson(document, exitCodeOf(e));
        }

        SparkLine line(String chart) {
            return lineOf(spec.commandLine(), chart);
        }
    }

    /**
     * A command that asks for the {@link Generator}: {@link #main} starts discovering it on a second thread before
     * picocli parses the arguments when the first argument names such a command ({@link #USE_THE_GENERATOR}).
     */
    abstract static class WithGenerator extends Base {
        Generator generator() {
            GenerationListener listener = new GenerationListener() {
                @Override
                public void warn(String message) {
                    warnings.add(message);
                    if (!json) {
                        spec.commandLine().getErr().println("warning: " + message);
                    }
                }
            };
            return SparkK8s.generator(listener);
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
}
