package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, with its output captured, over the repository's own catalog. */
class SparkK8sTest {

    static final Path ROOT = root();

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withCatalog = new String[args.length + 2];
        System.arraycopy(args, 0, withCatalog, 0, args.length);
        withCatalog[args.length] = "--catalog";
        withCatalog[args.length + 1] = ROOT.toString();
        int code = SparkK8s.run(withCatalog, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs exactly the given arguments, without adding the repository's catalog. */
    static Run runExactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkK8s.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static final List<String> COMMANDS = List.of(
            "generate",
            "blocks",
            "presets",
            "validate",
            "explain",
            "values",
            "diff",
            "capacity",
            "verify",
            "completion");

    @Nested
    class Help {

        @Test
        void everyCommandPrintsItsHelpWithDashDashHelpDashHAndTheHelpCommand() {
            for (String command : COMMANDS) {
                for (String[] args : List.of(
                        new String[] {command, "--help"}, new String[] {command, "-h"}, new String[] {"help", command
                        })) {
                    Run run = runExactly(args);
                    assertThat(run.exitCode())
                            .as("%s: %s", List.of(args), run.err())
                            .isZero();
                    assertThat(run.out()).as("%s", List.of(args)).contains("Usage: spark-k8s " + command);
                    assertThat(run.err()).as("%s", List.of(args)).isEmpty();
                }
            }
        }

        @Test
        void theTopLevelHelpListsEveryCommand() {
            Run run = runExactly("--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains(COMMANDS).contains("help");
        }

        @Test
        void everyOptionOfEveryCommandIsDescribedInItsHelp() {
            picocli.CommandLine cli = SparkK8s.commandLine("--help");
            for (String command : COMMANDS) {
                var spec = cli.getSubcommands().get(command).getCommandSpec();
                String help = runExactly(command, "--help").out();
                for (var option : spec.options()) {
                    assertThat(help).as("%s --help", command).contains(option.longestName());
                    assertThat(String.join(" ", option.description()))
                            .as("%s %s", command, option.longestName())
                            .isNotBlank();
                }
                for (var parameter : spec.positionalParameters()) {
                    assertThat(help).as("%s --help", command).contains(parameter.paramLabel());
                    assertThat(String.join(" ", parameter.description())).isNotBlank();
                }
            }
        }

        @Test
        void aUsageErrorNamesTheFailingCommandInItsHint() {
            Run sub = runExactly("generate", "--no-such-option");
            Run top = runExactly("--no-such-option");

            assertThat(sub.exitCode()).isEqualTo(SparkK8s.USAGE);
            assertThat(sub.err())
                    .contains("--no-such-option", "see: spark-k8s generate --help")
                    .doesNotContain("spark-k8s spark-k8s");
            assertThat(top.exitCode()).isEqualTo(SparkK8s.USAGE);
            assertThat(top.err()).contains("see: spark-k8s --help").doesNotContain("spark-k8s spark-k8s");
        }

        @Test
        void completionPrintsABashScriptThatKnowsEveryCommandAndOption() {
            Run run = runExactly("completion");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(
                            "complete -F",
                            "spark-k8s",
                            "generate",
                            "verify",
                            "values",
                            "diff",
                            "--output",
                            "--include-block",
                            "--values",
                            "--to-preset",
                            "--json");
        }
    }

    @Nested
    class Validate {

        @TempDir
        Path dir;

        @Test
        void reportsEveryMistakeWithItsPathTheBadValueAndWhatIsAllowed() throws IOException {
            Path file = Files.writeString(dir.resolve("values.yaml"), """
                    conect:
                      enabled: true
                    connect:
                      backendMode: k9s
                      executor:
                        instances: 5000
                    """);

            Run run = run("validate", file.toString(), "--chart", "spark-4.1");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
            List<String> lines =
                    run.err().lines().filter(l -> l.startsWith("  - ")).toList();
            assertThat(lines).as(run.err()).hasSize(3);
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .contains(
                            "`conect`",
                            "unknown key 'conect'",
                            "did you mean 'connect'?",
                            "allowed keys: airflow, connect, global"));
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .contains("`connect.backendMode`", "'k9s'", "is not one of 'k8s', 'standalone', 'local'"));
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .contains("`connect.executor.instances`", "5000", "maximum 1000", "allowed: 0 to 1000"));
            assertThat(lines).allSatisfy(l -> assertThat(l).contains(file.toString()));
        }

        @Test
        void aPatternMistakeShowsThePatternAndAnExample() throws IOException {
            Path file = Files.writeString(dir.resolve("values.yaml"), "connect:\n  driver:\n    memory: 4Gi\n");

            Run run = run("validate", file.toString(), "--chart", "4.1");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
            assertThat(run.err()).contains("`connect.driver.memory`", "'4Gi' does not match the pattern", "e.g. 4g");
        }

        @Test
        void aValidFileIsReportedValid() throws IOException {
            Path file = Files.writeString(dir.resolve("values.yaml"), "connect:\n  backendMode: local\n");

            Run run = run("validate", file.toString(), "--chart", "spark-4.1");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(SparkK8s.OK);
            assertThat(run.out()).contains("valid for spark-4.1");
        }

        @Test
        void settingsThatFailOrDoNothingAtRunTimeAreReported() throws IOException {
            Path off = Files.writeString(
                    dir.resolve("off.yaml"),
                    "connect:\n  driver:\n    memory: 4g\n" + "  dynamicAllocation:\n    maxExecutors: 20\n");
            Path inverted = Files.writeString(
                    dir.resolve("inverted.yaml"),
                    "connect:\n  dynamicAllocation:\n"
                            + "    enabled: true\n    minExecutors: 5\n    maxExecutors: 2\n");

            Run first = run("validate", off.toString(), "--chart", "4.1");
            Run second = run("validate", inverted.toString(), "--chart", "3.5");

            assertThat(first.exitCode()).isZero();
            assertThat(first.out()).contains("2 warnings");
            assertThat(first.err())
                    .contains(
                            "`connect.driver.memory` in " + off,
                            "'4g'",
                            "connect.resources.limits.memory",
                            "OOMKilled",
                            "`connect.dynamicAllocation.maxExecutors` in " + off,
                            "has no effect",
                            "connect.dynamicAllocation.enabled: true");
            assertThat(second.exitCode()).isZero();
            assertThat(second.err())
                    .contains(
                            "`connect.dynamicAllocation.minExecutors` in " + inverted,
                            "5 is above connect.dynamicAllocation.maxExecutors 2",
                            "Spark refuses to start");
        }

        @Test
        void anUnknownChartIsAUsageError() throws IOException {
            Path file = Files.writeString(dir.resolve("values.yaml"), "connect: {}\n");

            Run run = run("validate", file.toString(), "--chart", "spark-9.9");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.USAGE);
            assertThat(run.err()).contains("--chart", "spark-9.9");
        }
    }

    @Test
    void aPresetNeedingAnExcludedBlockIsNamedOnceWithTheBlocks(@TempDir Path dir) {
        Run run = run(
                "generate",
                "--include-block",
                "connect",
                "--preset",
                "connect-minio-history",
                "--line",
                "4.1",
                "--output",
                dir.toString());

        assertThat(run.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(run.err())
                .contains(
                        "presets/connect-minio-history.yaml",
                        "preset 'connect-minio-history' needs the " + "blocks 'history-server', 'minio'",
                        "--include-block")
                .doesNotContain("unknown key");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void anAddedCatalogAddsItsPresetsToTheBuiltInOnes(@TempDir Path dir) throws IOException {
        Path team = Files.createDirectories(dir.resolve("team/presets"));
        Files.writeString(
                team.resolve("team-a.yml"),
                "name: team-a\ndescription: Team A's Connect with more "
                        + "executor memory.\nlines: [\"4.1\"]\nvalues:\n  connect:\n    executor:\n      memory: 2g\n");

        Run presets = run("presets", "--add-catalog", dir.resolve("team").toString());
        Run generate = run(
                "generate",
                "--line",
                "4.1",
                "--add-catalog",
                dir.resolve("team").toString(),
                "--output",
                dir.resolve("out").toString());

        assertThat(presets.exitCode()).as(presets.err()).isZero();
        assertThat(presets.out()).contains("team-a ", "minimal ", "prod-like ");
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(dir.resolve("out/spark-4.1/presets/team-a.yaml")).isRegularFile();
        assertThat(dir.resolve("out/spark-4.1/presets/minimal.yaml")).isRegularFile();

        Files.writeString(
                team.resolve("minimal.yaml"),
                "name: minimal\ndescription: A second preset named " + "minimal.\nlines: [\"4.1\"]\nvalues: {}\n");
        Run twice = run("presets", "--add-catalog", dir.resolve("team").toString());
        assertThat(twice.exitCode()).isEqualTo(SparkK8s.INVALID);
        assertThat(twice.err())
                .contains(team.resolve("minimal.yaml").toString(), "defined twice", "presets/minimal.yaml");
    }

    @Test
    void explainPrintsTypeDefaultDescriptionAllowedValuesAndBlock() {
        Run run = run("explain", "connect.backendMode");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "connect.backendMode",
                        "block:       connect",
                        "type:        string",
                        "default:     k8s",
                        "allowed:     k8s, standalone, local",
                        "spark:       spark.master",
                        "description: Where executors run");
    }

    @Test
    void explainOfAGroupListsItsKeys() {
        Run run = run("explain", "connect.executor");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("is a group", "memory", "memoryLimit");
    }

    @Test
    void presetsListsEveryPresetWithItsLinesAndDescription() throws IOException {
        Run run = run("presets");

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(ROOT.resolve("presets"))) {
            List<String> names = files.map(p -> p.getFileName().toString().replaceFirst("\\.yaml$", ""))
                    .toList();
            assertThat(names).isNotEmpty();
            for (String name : names) {
                assertThat(run.out()
                                .lines()
                                .filter(l -> l.startsWith(name + " "))
                                .findFirst())
                        .as("the line of preset %s", name)
                        .get()
                        .asString()
                        .matches(name + "\\s+[0-9.,]+\\s+\\S.{20,}");
            }
        }
    }

    private static Path root() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isExecutable(at.resolve("spark-k8s"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException(
                    "no repository root (with ./spark-k8s) above " + Path.of("").toAbsolutePath());
        }
        return at;
    }
}
