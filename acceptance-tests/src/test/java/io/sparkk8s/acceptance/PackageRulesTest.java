package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's package rules hold on the repository; planted breaks of each kind are caught. */
class PackageRulesTest {

    @Test
    void theRepositoryKeepsThePackageRules() {
        assertThat(PackageRules.violations(Repo.ROOT)).isEmpty();
    }

    @Test
    void everyModuleOfARuleHasSourcesSoNoRuleChecksNothing() {
        for (PackageRules.Rule rule : PackageRules.RULES) {
            assertThat(Repo.ROOT.resolve(rule.module()).resolve("src/main/java"))
                    .as(rule.module())
                    .isDirectory();
        }
    }

    @Test
    void everyPublicCoreTypeAFrontEndDoesNotNameIsAListedExceptionThatStillHolds() {
        Map<String, Path> publicTypes = PackageRules.publicCoreTypes(Repo.ROOT);
        Set<String> named = PackageRules.frontEndCoreNames(Repo.ROOT);
        // the check sees the real surface: the generator and the output are public and named by the CLI
        assertThat(publicTypes).containsKeys("Generator", "ChartOutput");
        assertThat(named).contains("Generator", "ChartOutput");
        for (String exception : PackageRules.PUBLIC_WITHOUT_FRONT_END.keySet()) {
            assertThat(publicTypes)
                    .as("listed exception %s is public", exception)
                    .containsKey(exception);
            assertThat(named)
                    .as("listed exception %s is still named by no front end", exception)
                    .doesNotContain(exception);
        }
        assertThat(PackageRules.publicCoreTypesNoFrontEndNames(Repo.ROOT)).isEmpty();
    }

    /** The checker itself, on planted trees: each kind of break is reported, and nothing else. */
    @Nested
    class PlantedBreaks {
        @TempDir
        Path root;

        private void write(String file, String text) throws IOException {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        }

        private void apiPom(String dependencies) throws IOException {
            write(
                    "api/pom.xml",
                    "<project><artifactId>spark-k8s-api</artifactId><dependencies>" + dependencies
                            + "</dependencies><build><plugins><plugin><dependencies><dependency><artifactId>x</artifactId>"
                            + "</dependency></dependencies></plugin></plugins></build></project>");
        }

        @Test
        void aBlockImportingCoreIsCaught() throws IOException {
            apiPom("");
            write(
                    "blocks/src/main/java/io/sparkk8s/blocks/Planted.java",
                    "package io.sparkk8s.blocks;\n\n"
                            + "import io.sparkk8s.api.Block;\nimport io.sparkk8s.core.Generator;\n\nclass Planted {}\n");
            assertThat(PackageRules.violations(root))
                    .singleElement()
                    .asString()
                    .contains("blocks/src/main/java/io/sparkk8s/blocks/Planted.java: references io.sparkk8s.core")
                    .contains("blocks use the api package only");
        }

        @Test
        void theApiNamingALibraryOrOurOtherPackagesByFullNameIsCaughtButNotInCommentsOrStrings() throws IOException {
            apiPom("");
            write(
                    "api/src/main/java/io/sparkk8s/api/Planted.java",
                    "package io.sparkk8s.api;\n\n"
                            + "/** Unlike {@link io.sparkk8s.core.Generator}, see org.snakeyaml.engine.v2.api.Load. */\n"
                            + "class Planted {\n    String s = \"io.sparkk8s.core.Generator\";\n"
                            + "    // org.snakeyaml.engine.v2.api.Dump\n"
                            + "    java.util.List<org.snakeyaml.engine.v2.api.Load> loads;\n}\n");
            assertThat(PackageRules.violations(root))
                    .singleElement()
                    .asString()
                    .contains("references org.snakeyaml.engine.v2.api")
                    .contains("api depends on nothing");
        }

        @Test
        void aFrontEndUsingATemplateLibraryAndAWildcardImportAreCaught() throws IOException {
            apiPom("");
            write(
                    "cli/src/main/java/io/sparkk8s/cli/Planted.java",
                    "package io.sparkk8s.cli;\n\n"
                            + "import io.pebbletemplates.pebble.PebbleEngine;\nimport io.sparkk8s.blocks.*;\n\nclass Planted {}\n");
            assertThat(PackageRules.violations(root))
                    .hasSize(2)
                    .anySatisfy(v -> assertThat(v).contains("references io.pebbletemplates.pebble"))
                    .anySatisfy(v -> assertThat(v).contains("references io.sparkk8s.blocks"));
        }

        @Test
        void anApiDependencyOutsideTestScopeIsCaught() throws IOException {
            apiPom("<dependency><artifactId>snakeyaml-engine</artifactId></dependency>"
                    + "<dependency><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>");
            assertThat(PackageRules.violations(root))
                    .singleElement()
                    .asString()
                    .contains("depends on snakeyaml-engine outside test scope");
        }

        @Test
        void aPublicCoreTypeNoFrontEndNamesIsCaughtButNotOneACommandImportsOrAPackagePrivateOne() throws IOException {
            apiPom("");
            String core = "generator-core/src/main/java/io/sparkk8s/core/";
            write(
                    core + "Planted.java",
                    "package io.sparkk8s.core;\n\n/** public class Named */\npublic final class Planted {}\n");
            write(core + "Named.java", "package io.sparkk8s.core;\n\npublic record Named(String x) {}\n");
            write(
                    core + "Hidden.java",
                    "package io.sparkk8s.core;\n\nfinal class Hidden {\n    public static class Inner {}\n}\n");
            write(
                    "cli/src/main/java/io/sparkk8s/cli/Command.java",
                    "package io.sparkk8s.cli;\n\nimport io.sparkk8s.core.Named;\n\n"
                            + "class Command {\n    String s = \"io.sparkk8s.core.Planted\"; // io.sparkk8s.core.Planted\n}\n");
            assertThat(PackageRules.violations(root))
                    .singleElement()
                    .asString()
                    .contains("generator-core/src/main/java/io/sparkk8s/core/Planted.java")
                    .contains("public type io.sparkk8s.core.Planted is named by no front end");

            // a front end naming it under a wildcard import of the package makes it part of the surface
            write(
                    "maven-plugin/src/main/java/io/sparkk8s/maven/Goal.java",
                    "package io.sparkk8s.maven;\n\nimport io.sparkk8s.core.*;\n\nclass Goal {\n    Planted p;\n}\n");
            assertThat(PackageRules.violations(root)).isEmpty();
        }

        @Test
        void aCycleAmongOurPackagesIsFound() {
            Map<String, Set<String>> graph = Map.of(
                    "io.sparkk8s.core",
                    Set.of("io.sparkk8s.api"),
                    "io.sparkk8s.api",
                    Set.of("io.sparkk8s.verify"),
                    "io.sparkk8s.verify",
                    Set.of("io.sparkk8s.core"));
            assertThat(PackageRules.cycle(graph)).hasValueSatisfying(c -> {
                assertThat(c).hasSize(4).contains("io.sparkk8s.api", "io.sparkk8s.verify", "io.sparkk8s.core");
                assertThat(c.get(0)).isEqualTo(c.get(3));
            });
            assertThat(PackageRules.cycle(Map.of("io.sparkk8s.core", Set.of("io.sparkk8s.api"))))
                    .isEmpty();
        }

        @Test
        void qualifiedNamesInCodeAreReferencesAndTheOwnPackageDeclarationIsNot() {
            assertThat(
                            PackageRules.referencedPackages(
                                    PackageRules.withoutCommentsAndStrings(
                                            "package io.sparkk8s.blocks;\nclass X { Object o = io.sparkk8s.core.Json.write(1); "
                                                    + "char c = '\"'; String t = \"\"\"\n  io.sparkk8s.verify.Verifier\n  \"\"\"; }\n")))
                    .isEqualTo(Set.of("io.sparkk8s.core"));
        }
    }
}
