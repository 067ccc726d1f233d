package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import io.sparkk8s.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16 item 3 on both charts: {@code teamNamespace.resourceQuota} and {@code teamNamespace.limitRange} render a
 * ResourceQuota and a LimitRange that validate against the Kubernetes API models (a planted misspelt field is caught),
 * neither caps nor defaults a CPU limit (which would reject the chart's own pods), they are absent by default, and a
 * quota without figures is refused by Helm 3, Helm 4 and {@code validate} alike.
 */
class TeamNamespaceTest {

    private static final String R = Rendered.RELEASE;
    private static final Generator GENERATOR = Generator.discover(GenerationListener.SILENT);

    @TempDir
    Path dir;

    static List<Path> charts() {
        return Repo.charts();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void quotaAndLimitRangeRenderValidAndLeaveCpuLimitsAlone(Path chart) {
        Map<String, String> sets = Map.of(
                "teamNamespace.resourceQuota.enabled", "true",
                "teamNamespace.resourceQuota.requestsCpu", "16",
                "teamNamespace.resourceQuota.requestsMemory", "64Gi",
                "teamNamespace.resourceQuota.limitsMemory", "64Gi",
                "teamNamespace.resourceQuota.pods", "40",
                "teamNamespace.limitRange.enabled", "true");
        HelmCli.HelmResult result = Rendered.template(chart, List.of(), sets);
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        Rendered out = Rendered.parse(result.stdout());
        assertThat(out.object("ResourceQuota", R + "-quota").get("spec"))
                .isEqualTo(Map.of(
                        "hard",
                        Map.of(
                                "requests.cpu",
                                "16",
                                "requests.memory",
                                "64Gi",
                                "limits.memory",
                                "64Gi",
                                "pods",
                                "40")));
        assertThat(String.valueOf(out.object("LimitRange", R + "-limits").get("spec")))
                .isEqualTo("{limits=[{type=Container, defaultRequest={cpu=100m}, default={memory=512Mi}}]}")
                .doesNotContain("max", "min", "default={cpu");
        Verifier verifier =
                Verifier.builder().releaseName(R).namespace(Rendered.NAMESPACE).build();
        assertThat(verifier.verifyManifests(result.stdout(), "team namespace").findings())
                .isEmpty();
        String planted = result.stdout().replace("  defaultRequest:", "  defaultRequests:");
        assertThat(planted).isNotEqualTo(result.stdout());
        assertThat(verifier.verifyManifests(planted, "planted").findings())
                .anyMatch(f -> "LimitRange".equals(f.kind()) && f.message().contains("defaultRequests"));

        Rendered defaults = Rendered.of(chart, List.of(), Map.of());
        assertThat(defaults.names()).noneMatch(n -> n.startsWith("ResourceQuota/") || n.startsWith("LimitRange/"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aQuotaWithoutFiguresIsRefusedByHelm3Helm4AndValidate(Path chart) throws IOException {
        Path bad =
                Files.writeString(dir.resolve("quota.yaml"), "teamNamespace:\n  resourceQuota:\n    enabled: true\n");
        for (HelmCli helm : List.of(HelmCli.helm3(), HelmCli.helm4())) {
            HelmCli.HelmResult result = helm.template(
                    chart, R, Rendered.NAMESPACE, io.sparkk8s.api.KubernetesVersions.HIGHEST, List.of(bad), Map.of());
            assertThat(result.succeeded())
                    .as("helm %s %s", helm.majorVersion(), chart)
                    .isFalse();
            assertThat(result.stderr().replace('/', '.'))
                    .as("helm %s %s", helm.majorVersion(), chart)
                    .contains("teamNamespace.resourceQuota");
        }
        SparkLine line = SparkLine.parse(chart.getFileName().toString().replace("spark-", ""));
        List<Problem> problems = GENERATOR.validate(bad, line, Repo.ROOT.resolve("presets"));
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).contains("team-namespace-quota-needs-figures"));
    }
}
