package io.sparkk8s.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.api.Value;
import io.sparkk8s.api.ValuesModel;
import io.sparkk8s.core.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The jobs block's typed pieces that the schema and the templates share. */
class JobsBlockTest {

    private static final Generator GENERATOR =
            Generator.of(List.of(new JobsBlock(), new ConnectBlock()), GenerationListener.SILENT);

    private static final Pattern CRON = Pattern.compile(JobsBlock.CRON_PATTERN);

    @Test
    void theCronPatternAcceptsWhatKubernetesSchedulesAndRejectsTheRest() {
        for (String good : List.of(
                "",
                "0 2 * * *",
                "*/15 * * * *",
                "0 0 1,15 * MON-FRI",
                "30 6 * JAN-MAR 1",
                "0 22 * * 1-5",
                "5 4 * * SUN",
                "@daily",
                "@hourly",
                "@yearly",
                "@midnight")) {
            assertThat(CRON.matcher(good).matches()).as(good).isTrue();
        }
        for (String bad : List.of(
                "61 * * * *",
                "0 24 * * *",
                "0 0 32 * *",
                "0 0 * 13 *",
                "0 0 * * 8",
                "* * * *",
                "* * * * * *",
                "@every 5m",
                "@nightly",
                "TZ=UTC 0 2 * * *",
                "0 2 * * * ; rm -rf /")) {
            assertThat(CRON.matcher(bad).matches()).as(bad).isFalse();
        }
    }

    @Test
    void timeZonesAreIanaNamesAfterNone() {
        List<String> zones = List.of(JobsBlock.timeZones());
        assertThat(zones.get(0)).isEmpty();
        assertThat(zones).contains("Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC");
        assertThat(zones).doesNotContain("Europe/Berlinn", "CET", "EST", "SystemV/AST4");
        assertThat(zones).doesNotHaveDuplicates();
    }

    /**
     * Helm fills in values.yaml defaults for declared keys only, not inside the entries of jobs.apps: the templates
     * apply jobs.appDefaults, which must say exactly what the entry model says (the schema, README and explain show
     * the model's defaults).
     */
    @ParameterizedTest
    @EnumSource(SparkLine.class)
    void theTemplatesDefaultsOfAnApplicationAreTheModels(SparkLine line) throws IOException {
        SparkProfile profile = GENERATOR.profile(line);
        Path tpl = Path.of(
                "..",
                "generated-charts",
                line.chartName(),
                line == SparkLine.SPARK_4_1 ? "templates/_jobs.tpl" : "charts/jobs/templates/_jobs.tpl");
        Matcher m = Pattern.compile(
                        "\\{\\{- define \"jobs.appDefaults\" -\\}\\}\\n(.*?)\\{\\{- end -\\}\\}", Pattern.DOTALL)
                .matcher(Files.readString(tpl));
        assertThat(m.find()).as("jobs.appDefaults in " + tpl).isTrue();
        // the one-line regions' markers are Helm comments, which render as nothing
        String body = m.group(1).replaceAll("\\{\\{- /\\*.*?\\*/\\}\\}", "");
        Object written = new Load(LoadSettings.builder().build()).loadFromString(body);
        assertThat(written).isEqualTo(defaults(JobsBlock.app(profile).on(line)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaults(ValuesModel model) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Value value : model.values()) {
            String[] parts = value.path().split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
            }
            Object def = value.defaultValue();
            node.put(parts[parts.length - 1], def instanceof Long l ? Integer.valueOf(l.intValue()) : def);
        }
        return tree;
    }
}
