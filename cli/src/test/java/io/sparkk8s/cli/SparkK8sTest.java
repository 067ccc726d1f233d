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

    private static final Path ROOT = root();

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

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
            List<String> lines = run.err().lines().filter(l -> l.startsWith("  - ")).toList();
            assertThat(lines).as(run.err()).hasSize(3);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("`conect`", "unknown key 'conect'",
                    "did you mean 'connect'?", "allowed keys: airflow, connect, global"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("`connect.backendMode`", "'k9s'",
                    "is not one of 'k8s', 'standalone', 'local'"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("`connect.executor.instances`", "5000",
                    "maximum 1000", "allowed: 0 to 1000"));
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
        void anUnknownChartIsAUsageError() throws IOException {
            Path file = Files.writeString(dir.resolve("values.yaml"), "connect: {}\n");

            Run run = run("validate", file.toString(), "--chart", "spark-9.9");

            assertThat(run.exitCode()).isEqualTo(SparkK8s.USAGE);
            assertThat(run.err()).contains("--chart", "spark-9.9");
        }
    }

    @Test
    void explainPrintsTypeDefaultDescriptionAllowedValuesAndBlock() {
        Run run = run("explain", "connect.backendMode");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("connect.backendMode", "block:       connect", "type:        string",
                "default:     k8s", "allowed:     k8s, standalone, local", "spark:       spark.master",
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
            List<String> names = files.map(p -> p.getFileName().toString().replaceFirst("\\.yaml$", "")).toList();
            assertThat(names).isNotEmpty();
            for (String name : names) {
                assertThat(run.out().lines().filter(l -> l.startsWith(name + " ")).findFirst())
                        .as("the line of preset %s", name).get().asString()
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
            throw new IllegalStateException("no repository root (with ./spark-k8s) above " + Path.of("").toAbsolutePath());
        }
        return at;
    }
}
