package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.Problem;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a bad cron, an unknown time zone and a bad concurrency policy are rejected by Helm 3 and Helm 4 (the
 * schema) and by {@code validate} on both charts, each naming its key; the editor's verdict is in
 * {@code GeneratedSchemaInEditorTest}. Good values of the same keys render.
 */
class JobsScheduleValuesTest {

    private static final Generator GENERATOR = Generator.discover(GenerationListener.SILENT);

    private static final String BAD = """
            jobs:
              enabled: true
              apps:
                nightly:
                  schedule: "61 * * * *"
                  timeZone: Europe/Berlinn
                  concurrencyPolicy: Sometimes
                  script: print(1)
            """;

    private static final String GOOD = """
            jobs:
              enabled: true
              apps:
                nightly:
                  schedule: "0 2 * * MON-FRI"
                  timeZone: Asia/Kolkata
                  concurrencyPolicy: Replace
                  script: print(1)
            """;

    @TempDir
    Path dir;

    @Test
    void helmAndValidateRejectEachBadScheduleValueByKey() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), BAD);
        for (Path chart : Repo.charts()) {
            for (HelmCli helm : List.of(HelmCli.helm3(), HelmCli.helm4())) {
                HelmCli.HelmResult result = helm.template(
                        chart,
                        Rendered.RELEASE,
                        Rendered.NAMESPACE,
                        io.sparkk8s.api.KubernetesVersions.HIGHEST,
                        List.of(bad),
                        Map.of());
                assertThat(result.succeeded())
                        .as("helm %s %s", helm.majorVersion(), chart)
                        .isFalse();
                String keys = result.stderr().replace('/', '.');
                assertThat(keys)
                        .as("helm %s %s", helm.majorVersion(), chart)
                        .contains(
                                "jobs.apps.nightly.schedule",
                                "jobs.apps.nightly.timeZone",
                                "jobs.apps.nightly.concurrencyPolicy");
            }
            SparkLine line = SparkLine.parse(chart.getFileName().toString().replace("spark-", ""));
            List<Problem> problems = GENERATOR.validate(bad, line, Repo.ROOT.resolve("presets"));
            assertThat(problems)
                    .extracting(Problem::path)
                    .contains(
                            "jobs.apps.nightly.schedule",
                            "jobs.apps.nightly.timeZone",
                            "jobs.apps.nightly.concurrencyPolicy");
        }
    }

    @Test
    void goodScheduleValuesRender() throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), GOOD);
        for (Path chart : Repo.charts()) {
            Rendered rendered = Rendered.of(chart, List.of(good), Map.of());
            assertThat(rendered.objects())
                    .anyMatch(o -> "CronJob".equals(o.get("kind"))
                            && String.valueOf(o.get("spec")).contains("timeZone=Asia/Kolkata")
                            && String.valueOf(o.get("spec")).contains("concurrencyPolicy=Replace"));
            SparkLine line = SparkLine.parse(chart.getFileName().toString().replace("spark-", ""));
            assertThat(GENERATOR.validate(good, line, Repo.ROOT.resolve("presets")))
                    .isEmpty();
        }
    }
}
