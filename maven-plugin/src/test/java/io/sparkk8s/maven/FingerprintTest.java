package io.sparkk8s.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outputs half of the generate goal's fingerprint: any change to a chart folder changes it. */
class FingerprintTest {

    @TempDir
    Path out;

    private String before;

    @BeforeEach
    void chart() throws Exception {
        Path chart = Files.createDirectories(out.resolve("spark-4.1/templates"));
        Files.writeString(out.resolve("spark-4.1/Chart.yaml"), "apiVersion: v2\nname: spark-4.1\nversion: 0.1.0\n");
        Files.writeString(out.resolve("spark-4.1/.spark-k8s-generated"), "");
        Files.writeString(chart.resolve("connect-statefulset.yaml"), "kind: StatefulSet\n");
        before = Fingerprint.outputs(out, List.of("spark-4.1"));
    }

    @Test
    void anUnchangedChartKeepsItsDigest() {
        assertThat(Fingerprint.outputs(out, List.of("spark-4.1"))).isEqualTo(before);
    }

    @Test
    void aDeletedChartYamlChangesIt() throws Exception {
        Files.delete(out.resolve("spark-4.1/Chart.yaml"));

        assertThat(Fingerprint.outputs(out, List.of("spark-4.1"))).isNotEqualTo(before);
    }

    @Test
    void aDeletedMarkerChangesIt() throws Exception {
        Files.delete(out.resolve("spark-4.1/.spark-k8s-generated"));

        assertThat(Fingerprint.outputs(out, List.of("spark-4.1"))).isNotEqualTo(before);
    }

    @Test
    void anEditedTemplateChangesIt() throws Exception {
        Files.writeString(out.resolve("spark-4.1/templates/connect-statefulset.yaml"), "kind: Deployment\n");

        assertThat(Fingerprint.outputs(out, List.of("spark-4.1"))).isNotEqualTo(before);
    }

    @Test
    void anAddedFileChangesIt() throws Exception {
        Files.writeString(out.resolve("spark-4.1/templates/extra.yaml"), "kind: ConfigMap\n");

        assertThat(Fingerprint.outputs(out, List.of("spark-4.1"))).isNotEqualTo(before);
    }

    @Test
    void aRemovedChartFolderChangesIt() throws Exception {
        String withAMissingChart = Fingerprint.outputs(out, List.of("spark-4.1", "spark-3.5"));

        assertThat(withAMissingChart).isNotEqualTo(before);
    }

    @Test
    void storedFingerprintsReadBack() {
        Fingerprint fingerprint = new Fingerprint("inputs-digest", before);
        Path file = out.resolve("fingerprint/fingerprint");

        fingerprint.store(file);

        assertThat(Fingerprint.storedIn(file)).contains(fingerprint);
        assertThat(Fingerprint.storedIn(out.resolve("none"))).isEmpty();
    }
}
