package io.sparkk8s.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package, login and push the package goal makes, with the embedded Helm, on the committed spark-4.1 chart
 * and against the recording stand-in registry. Surefire points {@code HELM_CONFIG_HOME} into {@code target/},
 * so the login does not touch the user's Helm configuration.
 */
class HelmChartsTest {

    static final Path CHART =
            Path.of("..", "generated-charts", "spark-4.1").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void packagesTheChartAsHelmDoesLeavingOutWhatHelmignoreNames() throws Exception {
        Path packaged = new HelmCharts(false, false).packageChart(CHART, dir.resolve("spark-4.1"));

        assertThat(packaged.getFileName()).hasToString("spark-4.1-" + chartVersion() + ".tgz");
        List<String> entries = tarEntries(Files.readAllBytes(packaged));
        assertThat(entries)
                .contains(
                        "spark-4.1/Chart.yaml",
                        "spark-4.1/values.yaml",
                        "spark-4.1/values.schema.json",
                        "spark-4.1/templates/connect-statefulset.yaml",
                        "spark-4.1/presets/minimal.yaml");
        assertThat(entries)
                .as("the generator's marker is left out by .helmignore")
                .noneMatch(entry -> entry.endsWith(".spark-k8s-generated"));
    }

    @Test
    void packagingAgainReplacesTheFolderContent() throws Exception {
        Path destination = dir.resolve("spark-4.1");
        Files.createDirectories(destination);
        Files.writeString(destination.resolve("spark-4.1-0.0.1.tgz"), "an old package");

        Path packaged = new HelmCharts(false, false).packageChart(CHART, destination);

        try (var files = Files.list(destination)) {
            assertThat(files.toList()).containsExactly(packaged);
        }
    }

    @Test
    void aFolderWithoutAChartFailsWithHelmsReason() throws IOException {
        Path notAChart = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> new HelmCharts(false, false).packageChart(notAChart, dir.resolve("out")))
                .isInstanceOf(HelmCharts.HelmException.class)
                .hasMessageContaining("Chart.yaml");
    }

    @Test
    void logsInWithTheCredentialsAndPushesTheArchiveItsManifestNames() throws Exception {
        HelmCharts helm = new HelmCharts(false, true);
        Path packaged = helm.packageChart(CHART, dir.resolve("spark-4.1"));
        byte[] archive = Files.readAllBytes(packaged);
        try (OciRegistryStandIn registry = new OciRegistryStandIn("platform-ci", "right-password")) {
            String host = "127.0.0.1:" + registry.port();

            assertThatThrownBy(() -> helm.login(host, "platform-ci", "wrong-password"))
                    .isInstanceOf(HelmCharts.HelmException.class);
            helm.login(host, "platform-ci", "right-password");
            try {
                helm.push(packaged, URI.create("oci://" + host + "/charts"));
            } catch (HelmCharts.HelmException e) {
                throw new AssertionError(e.getMessage() + "\ncalls:\n" + String.join("\n", registry.calls()), e);
            }

            String reference = "charts/spark-4.1:" + chartVersion();
            assertThat(registry.manifestReferences())
                    .as(String.join("\n", registry.calls()))
                    .contains(reference);
            OciRegistryStandIn.Manifest manifest = registry.manifest(reference).orElseThrow();
            assertThat(manifest.text())
                    .contains("application/vnd.cncf.helm.chart.content.v1.tar+gzip")
                    .contains(OciRegistryStandIn.sha256(archive));
            assertThat(registry.blob(OciRegistryStandIn.sha256(archive)))
                    .hasValueSatisfying(blob -> assertThat(blob).isEqualTo(archive));
            assertThat(registry.calls())
                    .as("the push was refused once without credentials, then sent them")
                    .anyMatch(call -> call.endsWith("-> 401"))
                    .anyMatch(call -> call.startsWith("PUT /v2/charts/spark-4.1/manifests/"));
        }
    }

    @Test
    void aPushWithoutLoginIsRefusedByTheRegistry() throws Exception {
        HelmCharts helm = new HelmCharts(false, true);
        Path packaged = helm.packageChart(CHART, dir.resolve("spark-4.1"));
        try (OciRegistryStandIn registry = new OciRegistryStandIn("someone-else", "other-password")) {
            URI remote = URI.create("oci://127.0.0.1:" + registry.port() + "/charts");

            assertThatThrownBy(() -> helm.push(packaged, remote)).isInstanceOf(HelmCharts.HelmException.class);
            assertThat(registry.manifestReferences()).isEmpty();
        }
    }

    static String chartVersion() throws IOException {
        return Files.readAllLines(CHART.resolve("Chart.yaml")).stream()
                .filter(line -> line.startsWith("version: "))
                .map(line -> line.substring("version: ".length()).strip())
                .findFirst()
                .orElseThrow();
    }

    /** The entry names of a .tgz (ustar headers: name at 0, size in octal at 124, 512-byte blocks). */
    static List<String> tarEntries(byte[] tgz) throws IOException {
        byte[] tar;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(tgz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            tar = out.toByteArray();
        }
        List<String> names = new ArrayList<>();
        for (int offset = 0; offset + 512 <= tar.length && tar[offset] != 0; ) {
            String name = new String(tar, offset, 100, StandardCharsets.US_ASCII).replaceAll("\0.*", "");
            String prefix = new String(tar, offset + 345, 155, StandardCharsets.US_ASCII).replaceAll("\0.*", "");
            long size = Long.parseLong(new String(tar, offset + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            names.add(prefix.isEmpty() ? name : prefix + "/" + name);
            offset += 512 + (int) ((size + 511) / 512) * 512;
        }
        return names;
    }
}
