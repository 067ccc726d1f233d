package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/cluster-check.sh} needs a cluster, so it cannot run here; what can be checked is that it is
 * sound shell ({@code shellcheck}, Debian package {@code shellcheck}; the test downloads nothing and is skipped,
 * saying so, when shellcheck is not on PATH) and that it refuses to start without its tools.
 */
class ClusterCheckScriptTest {

    private static final Path SCRIPT = Repo.ROOT.resolve("examples/cluster-check.sh");

    private static Path shellcheck() {
        Optional<Path> found = Optional.empty();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "shellcheck");
            if (Files.isExecutable(candidate)) {
                found = Optional.of(candidate);
                break;
            }
        }
        Assumptions.assumeTrue(
                found.isPresent(),
                "shellcheck is not on PATH (apt-get install shellcheck): "
                        + "examples/cluster-check.sh was NOT checked");
        return found.orElseThrow();
    }

    @Test
    void theScriptPassesShellcheck() throws Exception {
        Result r = run(List.of(shellcheck().toString(), "--severity=info", SCRIPT.toString()), Map.of());
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void shellcheckFindsAPlantedDefect(@TempDir Path temp) throws Exception {
        Path copy = temp.resolve("cluster-check.sh");
        String text = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        Files.writeString(
                copy,
                text.replace("helm install \"$RELEASE\" \"$CHART\"", "helm install $RELEASE $CHART"),
                StandardCharsets.UTF_8);
        Result r = run(List.of(shellcheck().toString(), copy.toString()), Map.of());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("SC2086");
    }

    @Test
    void withoutKubectlItStopsWithAMessage(@TempDir Path bin) throws Exception {
        Path bash = Path.of("/bin/bash");
        Path dirname = Path.of("/usr/bin/dirname");
        Assumptions.assumeTrue(Files.isExecutable(bash) && Files.isExecutable(dirname), "no /bin/bash or dirname");
        // a PATH with only what the script needs before it looks for its tools: no kubectl, no helm
        Files.createSymbolicLink(bin.resolve("dirname"), dirname);
        Result r =
                run(List.of(bash.toString(), SCRIPT.toString(), "--preset", "minimal"), Map.of("PATH", bin.toString()));
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("kubectl is not on PATH");
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        return new Result(p.exitValue(), out);
    }
}
