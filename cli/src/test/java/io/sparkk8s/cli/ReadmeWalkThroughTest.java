package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./spark-k8s} command of the README's first two shell blocks (the two commands and the
 * walk-through), run in order on a fresh clone of the repository as a new user would, must succeed (or end
 * with the status its comment states, {@code # exit 1: ...}, as {@code diff} does for differences) and leave
 * the clone clean. The launcher is replaced by the CLI on this test's class path (the launcher would build
 * it with Maven first); commands of other tools (helm, mvn) are not run here.
 */
class ReadmeWalkThroughTest {

    @TempDir
    Path dir;

    @Test
    void everyWalkThroughCommandSucceedsOnAFreshCloneAndLeavesItClean() throws Exception {
        Path clone = dir.resolve("repo");
        Assumptions.assumeTrue(exec(dir, List.of("git", "--version")).code == 0, "git is not installed");
        Result cloned = exec(dir, List.of("git", "clone", "-q", SparkK8sTest.ROOT.toString(), clone.toString()));
        assertThat(cloned.code).as(cloned.output).isZero();

        List<Command> commands = commands(Files.readString(clone.resolve("README.md"), StandardCharsets.UTF_8));
        assertThat(commands).as("./spark-k8s commands in the README").hasSizeGreaterThanOrEqualTo(6);
        assertThat(commands).anySatisfy(c -> assertThat(c.args()).contains("generate", "--preset"));
        for (Command line : commands) {
            List<String> command = line.args();
            List<String> java = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SparkK8s.class.getName()));
            java.addAll(command.subList(1, command.size()));

            Result run = exec(clone, java);

            assertThat(run.code)
                    .as("%s\n%s", String.join(" ", command), run.output)
                    .isEqualTo(line.exit());
            Result status = exec(clone, List.of("git", "status", "--porcelain"));
            assertThat(status.output)
                    .as("git status after %s", String.join(" ", command))
                    .isEmpty();
        }
    }

    /** One README command and the exit status its comment states (0 unless {@code # exit N}). */
    record Command(List<String> args, int exit) {}

    private static final java.util.regex.Pattern EXIT = java.util.regex.Pattern.compile("\\s+#\\s+exit (\\d)\\b.*$");

    /** The {@code ./spark-k8s} lines of the first two {@code shell} blocks, without trailing comments. */
    static List<Command> commands(String readme) {
        List<Command> commands = new ArrayList<>();
        int blocks = 0;
        boolean inside = false;
        for (String line : readme.lines().toList()) {
            if (!inside && line.startsWith("```shell")) {
                inside = true;
                blocks++;
            } else if (inside && line.startsWith("```")) {
                inside = false;
                if (blocks == 2) {
                    break;
                }
            } else if (inside && line.startsWith("./spark-k8s ")) {
                java.util.regex.Matcher exit = EXIT.matcher(line);
                String command = line.replaceFirst("\\s+#\\s.*$", "").strip();
                commands.add(new Command(
                        Arrays.asList(command.split("\\s+")), exit.find() ? Integer.parseInt(exit.group(1)) : 0));
            }
        }
        return commands;
    }

    record Result(int code, String output) {}

    static Result exec(Path cwd, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir(cwd), "exec", ".log");
        Process process = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }

    private static Path dir(Path cwd) {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
