package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/images/spark-app}: the image a job's application is baked into, generated from the line profiles
 * (the line's Spark image, the S3A jars matching its Hadoop). The test fails when the committed files differ from
 * what the profiles give; {@code -Dsparkk8s.writeSparkAppImage=true} writes them.
 */
class SparkAppImageTest {

    private static final Path DIR = Repo.ROOT.resolve("examples/images/spark-app");

    static String dockerfile(SparkProfile p) {
        return """
                # Generated from the line profiles (spark-lines.yaml) by SparkAppImageTest; do not edit.
                # An image holding one Spark application for the jobs block (jobs.apps.<name>.image.tag): the line's Spark
                # image, the S3A jars (hadoop-aws + the AWS SDK bundle matching the line's Hadoop) in /opt/spark/jars, so a
                # submit run can read s3a:// files at start and needs no jar download, and the application under
                # /opt/spark/app (run it with mainApplicationFile: local:///opt/spark/app/main.py). The build arguments of
                # each line are in README.md. Not built by this project (no Docker engine on its build machines).
                ARG SPARK_IMAGE=%s:%s
                FROM ${SPARK_IMAGE}
                ARG PACKAGES="%s"

                USER root
                RUN set -eu; \\
                    mkdir -p /tmp/ivy-cache /tmp/ivy-jars; \\
                    for coordinate in $(echo "$PACKAGES" | tr ',' ' '); do \\
                      group="${coordinate%%%%:*}"; rest="${coordinate#*:}"; artifact="${rest%%%%:*}"; version="${rest#*:}"; \\
                      java -jar /opt/spark/jars/ivy-*.jar -cache /tmp/ivy-cache -dependency "$group" "$artifact" "$version" \\
                        -confs default -types jar,bundle -retrieve "/tmp/ivy-jars/[artifact]-[revision](-[classifier]).[ext]"; \\
                    done; \\
                    for jar in /tmp/ivy-jars/*.jar; do \\
                      if [ ! -e "/opt/spark/jars/$(basename "$jar")" ]; then cp "$jar" /opt/spark/jars/; fi; \\
                    done; \\
                    chmod 644 /opt/spark/jars/*.jar; \\
                    rm -rf /tmp/ivy-cache /tmp/ivy-jars
                # the application: main.py (and helper modules) next to this Dockerfile in app/
                COPY --chown=root:root --chmod=644 app/ /opt/spark/app/
                USER spark
                """.formatted(p.image().repository(), p.image().tag(), String.join(",", p.s3Packages()));
    }

    static String readme() {
        StringBuilder rows = new StringBuilder();
        for (SparkLine line : SparkLine.values()) {
            SparkProfile p = Profiles.of(line);
            rows.append("| ")
                    .append(line.id())
                    .append(" | `docker build -t registry.example.com/spark-app:")
                    .append(p.image().tag())
                    .append(" --build-arg SPARK_IMAGE=")
                    .append(p.image().repository())
                    .append(':')
                    .append(p.image().tag())
                    .append(" --build-arg PACKAGES=")
                    .append(String.join(",", p.s3Packages()))
                    .append(" .` |\n");
        }
        return """
                # A Spark application in an image (jobs block)

                Generated from the line profiles by `SparkAppImageTest`; do not edit. Put `main.py` (and helper modules) in
                `app/` next to the Dockerfile, build per line, push, and point the application at it:

                | line | build |
                |---|---|
                %s
                ```yaml
                jobs:
                  enabled: true
                  apps:
                    nightly:
                      schedule: "0 2 * * *"
                      image:
                        repository: registry.example.com/spark-app
                        tag: "<the tag you built>"
                      mainApplicationFile: local:///opt/spark/app/main.py
                ```

                The S3A jars are baked in, so `s3a://` files (`mainApplicationFile`, `pyFiles`, `jars`) are readable when
                spark-submit starts in the driver pod; set `global.s3.packages: []` if every Spark image of the release has
                them (see `examples/images/spark-s3a`).
                """.formatted(rows);
    }

    @Test
    void theCommittedImageRecipeIsWhatTheLineProfilesGive() throws IOException {
        String dockerfile = dockerfile(Profiles.of(SparkLine.parse("4.1")));
        if (Boolean.getBoolean("sparkk8s.writeSparkAppImage")) {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve("Dockerfile"), dockerfile);
            Files.writeString(DIR.resolve("README.md"), readme());
        }
        assertThat(Files.readString(DIR.resolve("Dockerfile"))).isEqualTo(dockerfile);
        assertThat(Files.readString(DIR.resolve("README.md"))).isEqualTo(readme());
    }

    @Test
    void eachLinesRowNamesItsOwnImageAndJars() {
        for (SparkLine line : SparkLine.values()) {
            SparkProfile p = Profiles.of(line);
            assertThat(readme())
                    .contains("| " + line.id() + " | `docker build -t registry.example.com/spark-app:"
                            + p.image().tag())
                    .contains("--build-arg PACKAGES=" + p.s3Packages().get(0));
            assertThat(p.s3Packages()).anySatisfy(c -> assertThat(c).startsWith("org.apache.hadoop:hadoop-aws:"));
        }
    }
}
