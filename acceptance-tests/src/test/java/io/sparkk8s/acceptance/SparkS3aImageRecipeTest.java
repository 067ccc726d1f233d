package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air-gapped image recipe ({@code examples/images/spark-s3a}) bakes exactly the jars the charts would add with
 * {@code spark.jars.packages}, per line as the line profile says, and its values snippet makes the charts add none.
 */
class SparkS3aImageRecipeTest {

    private static final Path RECIPE = Repo.ROOT.resolve("examples/images/spark-s3a");

    /** What a pod of the line would otherwise resolve at start: the Connect server (3.5) and the S3A jars. */
    private static String packages(SparkProfile p) {
        List<String> all = new ArrayList<>();
        if (!p.connectServerPackage().isEmpty()) {
            all.add(p.connectServerPackage());
        }
        all.addAll(p.s3Packages());
        return String.join(",", all);
    }

    @Test
    void everyLineHasABuildRowFollowingTheLineProfile() throws IOException {
        String readme = Files.readString(RECIPE.resolve("README.md"));
        for (SparkLine line : SparkLine.values()) {
            SparkProfile p = Profiles.of(line);
            String row = readme.lines()
                    .filter(l -> l.startsWith("| " + line.id() + " |"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for line " + line + " in the recipe README"));
            assertThat(row)
                    .contains("-t registry.example.com/spark-s3a:" + p.image().tag() + " ")
                    .contains("--build-arg SPARK_IMAGE=" + p.image().repository() + ":"
                            + p.image().tag() + " ")
                    .contains("--build-arg PACKAGES=" + packages(p) + " ");
        }
    }

    @Test
    void theDockerfileDefaultsAreThe41LineAndItCopiesIntoTheSparkClassPath() throws IOException {
        String dockerfile = Files.readString(RECIPE.resolve("Dockerfile"));
        SparkProfile p = Profiles.of(SparkLine.parse("4.1"));
        assertThat(dockerfile)
                .contains("ARG SPARK_IMAGE=" + p.image().repository() + ":"
                        + p.image().tag() + "\n")
                .contains("ARG PACKAGES=\"" + packages(p) + "\"\n")
                .contains("/opt/spark/jars/ivy-*.jar")
                .contains("cp \"$jar\" /opt/spark/jars/")
                .contains("\nUSER spark");
    }

    @Test
    void theRecipesValuesAddNoPackagesAtStartOnEitherLine(@TempDir Path dir) throws IOException {
        String readme = Files.readString(RECIPE.resolve("README.md"));
        int start = readme.indexOf("```yaml\n");
        assertThat(start).as("a values snippet in the recipe README").isNotNegative();
        String snippet = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        Path values = Files.writeString(dir.resolve("air-gapped.yaml"), snippet);
        for (Path chart : List.of(Repo.CHARTS.resolve("spark-4.1"), Repo.CHARTS.resolve("spark-3.5"))) {
            Rendered out =
                    Rendered.of(chart, List.of(chart.resolve("presets/connect-minio-history.yaml"), values), Map.of());
            Map<String, String> connect = out.connectConf();
            assertThat(connect)
                    .as("%s", chart.getFileName())
                    .doesNotContainKey("spark.jars.packages")
                    .containsKey("spark.hadoop.fs.s3a.endpoint")
                    .hasEntrySatisfying("spark.kubernetes.container.image", image -> assertThat(image)
                            .startsWith("registry.example.com/spark-s3a:"));
            assertThat(out.sparkConf(Rendered.RELEASE + "-history-server", "spark-defaults.conf"))
                    .doesNotContainKey("spark.jars.packages");
        }
    }
}
