package io.sparkk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.sparkk8s.verify.KubeVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9.11, no false green: the same values through {@code validate}, {@code verify} and Helm's own
 * {@code helm template} give one verdict, including the rules only the chart's templates can enforce; and
 * {@code verify -f a -f b} layers the files like Helm.
 */
class VerdictAgreementTest {

    static final Path CHART = SparkK8sTest.ROOT.resolve("generated-charts/spark-4.1");

    @TempDir
    Path dir;

    /** The cases: name → values, and whether Helm accepts them. */
    static final Map<String, String> CASES = new TreeMap<>(Map.of(
            "valid",
            "connect:\n  executor:\n    memory: 2g\n    memoryLimit: 3Gi\n",
            "memory-limit-below-memory-plus-overhead",
            "connect:\n  executor:\n    memory: 2g\n    memoryOverhead: 1g\n    memoryLimit: 2Gi\n",
            "memory-limit-not-above-memory",
            "connect:\n  executor:\n    memory: 2g\n    memoryLimit: 2Gi\n",
            "ingress-without-host",
            "ingress:\n  enabled: true\n",
            "request-above-limit",
            "connect:\n  resources:\n    requests:\n      memory: 4Gi\n    limits:\n      memory: 2Gi\n",
            "schema-memory-in-millibytes",
            "connect:\n  resources:\n    limits:\n      memory: 512m\n"));

    /**
     * The chart as {@code helm template} sees it without a cluster: helm-java renders like a dry run that may ask
     * a cluster, so its {@code lookup} calls are replaced by the empty map Helm gives offline (as the verifier does).
     */
    static Path offlineChart() throws IOException {
        Path copy = Files.createTempDirectory("sparkk8s-verdict-").resolve("spark-4.1");
        try (var files = Files.walk(CHART)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (file.toString().endsWith(".yaml") && file.toString().contains("/templates/")) {
                    Files.writeString(
                            target, io.sparkk8s.verify.OfflineTemplates.withoutLookups(Files.readString(file)));
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    static Path offline;

    static boolean helmAccepts(Path... files) {
        try {
            if (offline == null) {
                offline = offlineChart();
            }
            var template = new Helm(offline)
                    .template()
                    .withName("spark")
                    .withKubeVersion(KubeVersions.defaults().get(0));
            for (Path file : files) {
                template = template.withValuesFile(file);
            }
            template.call();
            return true;
        } catch (IllegalStateException e) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void validateVerifyAndHelmTemplateGiveTheSameVerdict() throws IOException {
        for (Map.Entry<String, String> c : CASES.entrySet()) {
            Path file = Files.writeString(dir.resolve(c.getKey() + ".yaml"), c.getValue());
            boolean helm = helmAccepts(file);
            SparkK8sTest.Run validate = SparkK8sTest.run("validate", file.toString(), "--chart", "4.1");
            SparkK8sTest.Run verify = SparkK8sTest.run("verify", CHART.toString(), "-f", file.toString());

            assertThat(helm)
                    .as("helm template of %s", c.getKey())
                    .isEqualTo(c.getKey().equals("valid"));
            assertThat(validate.exitCode() == 0)
                    .as("validate %s: %s%s", c.getKey(), validate.out(), validate.err())
                    .isEqualTo(helm);
            assertThat(verify.exitCode() == 0)
                    .as("verify %s: %s%s", c.getKey(), verify.out(), verify.err())
                    .isEqualTo(helm);
            if (!helm) {
                assertThat(validate.err())
                        .as(c.getKey())
                        .contains(
                                file.toString(),
                                c.getKey().startsWith("schema-") ? "does not match the pattern" : "[chart rule");
            }
        }
    }

    @Test
    void verifyLayersValuesFilesLikeHelm() throws IOException {
        Path ingress = Files.writeString(dir.resolve("ingress.yaml"), "ingress:\n  enabled: true\n");
        Path host =
                Files.writeString(dir.resolve("host.yaml"), "ingress:\n  hosts:\n    connectUi: spark.example.com\n");
        Path removeHost = Files.writeString(dir.resolve("no-host.yaml"), "ingress:\n  hosts:\n    connectUi: ''\n");

        assertThat(helmAccepts(ingress)).isFalse();
        assertThat(helmAccepts(ingress, host)).isTrue();
        assertThat(helmAccepts(ingress, host, removeHost)).isFalse();

        SparkK8sTest.Run layered =
                SparkK8sTest.run("verify", CHART.toString(), "-f", ingress.toString(), "-f", host.toString());
        SparkK8sTest.Run laterWins = SparkK8sTest.run(
                "verify",
                CHART.toString(),
                "-f",
                ingress.toString(),
                "-f",
                host.toString(),
                "-f",
                removeHost.toString());

        assertThat(layered.exitCode()).as(layered.out() + layered.err()).isZero();
        assertThat(laterWins.exitCode()).as(laterWins.out() + laterWins.err()).isEqualTo(SparkK8s.INVALID);
        assertThat(laterWins.out()).contains(ingress + " + " + host + " + " + removeHost);
    }
}
