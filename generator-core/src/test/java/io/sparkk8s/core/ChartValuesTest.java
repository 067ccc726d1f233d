package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.Endpoint;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValueFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart-level values: global, ingress, network policy, monitoring. */
class ChartValuesTest {

    /** The value of a path in a section's values; fails when it is not declared. */
    static Value find(List<Value> values, String path) {
        return values.stream()
                .filter(v -> v.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " not declared"));
    }

    @Test
    void globalDeclaresTheSharedS3SettingsWithTheLinesJarsAndATypedImage() {
        for (SparkLine line : SparkLine.values()) {
            List<Value> global = ChartValues.global(SparkProfiles.builtIn().of(line));
            assertThat(global)
                    .extracting(Value::path)
                    .contains(
                            "s3.endpoint",
                            "s3.accessKey",
                            "s3.secretKey",
                            "s3.existingSecret",
                            "s3.pathStyleAccess",
                            "s3.region",
                            "image.registry");
            assertThat(find(global, "s3.initImage.tag").format()).isEqualTo(ValueFormat.IMAGE_TAG);
            assertThat(find(global, "s3.existingSecret").format()).isEqualTo(ValueFormat.DNS_NAME);
            assertThat(find(global, "s3.packages").sparkConf()).isEqualTo("spark.jars.packages");
        }
    }

    @Test
    void ingressHasOneHostKeyPerUiEndpoint() {
        List<Value> ingress = ChartValues.ingress(List.of(
                Endpoint.ui("historyServer", "history", 18080, "/", "UI"),
                Endpoint.ui("jupyter", "jupyter", 8888, "/", "Lab")));
        assertThat(ingress)
                .extracting(Value::path)
                .contains("enabled", "className", "hosts.historyServer", "hosts.jupyter");
        assertThat(find(ingress, "hosts.jupyter").format()).isEqualTo(ValueFormat.HOST_NAME);
        assertThat(find(ingress, "enabled").defaultValue()).isEqualTo(false);
    }

    @Test
    void networkPolicyAndMonitoringHaveAnEnabledSwitch() {
        for (SparkLine line : SparkLine.values()) {
            List<Value> policy =
                    ChartValues.networkPolicy(SparkProfiles.builtIn().of(line));
            assertThat(policy).extracting(Value::path).contains("enabled");
            // on by default only where Spark Connect has no authentication (3.5)
            assertThat(find(policy, "enabled").defaultValue()).isEqualTo(line == SparkLine.SPARK_3_5);
        }
        assertThat(ChartValues.monitoring()).extracting(Value::path).contains("enabled");
    }
}
