package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.KubernetesVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Helm user reads on the guide's main path, {@code helm install --set}: a broken composition rule
 * names its reason and fix (not only "value must be true"), and a block's values set to null give a clear
 * error instead of a nil-pointer template error. Run with Helm 3 and Helm 4 on both committed charts.
 */
class HelmSetMessagesTest {

    private static final List<HelmCli> HELMS = List.of(HelmCli.helm3(), HelmCli.helm4());

    private static HelmCli.HelmResult template(HelmCli helm, Path chart, List<Path> files, Map<String, String> sets) {
        return helm.template(chart, Rendered.RELEASE, Rendered.NAMESPACE, KubernetesVersions.HIGHEST, files, sets);
    }

    @Nested
    class CompositionRule {

        @Test
        void setThatBreaksARuleReadsTheRulesReasonAndFix() {
            Map<String, String> sets = new LinkedHashMap<>();
            sets.put("airflow.enabled", "true");
            sets.put("postgresql.enabled", "false");
            for (HelmCli helm : HELMS) {
                for (Path chart : Repo.charts()) {
                    HelmCli.HelmResult result = template(helm, chart, List.of(), sets);
                    assertThat(result.succeeded())
                            .as("helm %s accepted %s", helm.majorVersion(), chart)
                            .isFalse();
                    assertThat(result.stderr())
                            .as("helm %s, %s", helm.majorVersion(), chart.getFileName())
                            .contains("airflow needs postgresql (it keeps its metadata in PostgreSQL): set "
                                    + "postgresql.enabled=true, or set airflow.database.host to an external endpoint "
                                    + "[rule airflow-needs-postgresql]");
                }
            }
        }

        @Test
        void setThatKeepsTheRuleRenders() {
            Map<String, String> sets = Map.of("airflow.enabled", "true", "postgresql.enabled", "true");
            for (HelmCli helm : HELMS) {
                for (Path chart : Repo.charts()) {
                    HelmCli.HelmResult result = template(helm, chart, List.of(), sets);
                    assertThat(result.succeeded()).as(result.describe()).isTrue();
                }
            }
        }
    }

    @Nested
    class NullValues {

        @TempDir
        Path dir;

        @Test
        void blockSetToNullNamesTheKeyAndTheFixOnTheToggleChart() throws IOException {
            Path chart = Repo.CHARTS.resolve("spark-4.1");
            Path file = Files.writeString(dir.resolve("null.yaml"), "connect: null\n");
            for (HelmCli helm : HELMS) {
                for (HelmCli.HelmResult result : List.of(
                        template(helm, chart, List.of(), Map.of("connect", "null")),
                        template(helm, chart, List.of(file), Map.of()))) {
                    assertThat(result.succeeded())
                            .as("helm %s accepted connect: null", helm.majorVersion())
                            .isFalse();
                    assertThat(result.stderr())
                            .as("helm %s", helm.majorVersion())
                            .contains("connect is null")
                            .contains("set connect.enabled=false")
                            .doesNotContain("nil pointer");
                }
            }
        }

        @Test
        void globalSetToNullNamesTheKeyOnBothCharts() {
            for (HelmCli helm : HELMS) {
                for (Path chart : Repo.charts()) {
                    HelmCli.HelmResult result = template(helm, chart, List.of(), Map.of("global", "null"));
                    assertThat(result.succeeded()).isFalse();
                    assertThat(result.stderr())
                            .as("helm %s, %s", helm.majorVersion(), chart.getFileName())
                            .contains("global is null")
                            .doesNotContain("nil pointer");
                }
            }
        }

        @Test
        void blockSetToNullInTheUmbrellaKeepsTheSubchartsDefaults() {
            // an umbrella's subchart fills its own key back in with its defaults: no error to give
            for (HelmCli helm : HELMS) {
                HelmCli.HelmResult result =
                        template(helm, Repo.CHARTS.resolve("spark-3.5"), List.of(), Map.of("connect", "null"));
                assertThat(result.succeeded()).as(result.describe()).isTrue();
            }
        }
    }
}
