package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.HelmCli;
import io.sparkk8s.api.KubernetesVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Issue 18 item 4: a 3.5 subchart installed alone ({@code helm template charts/connect --set …}) answers a broken
 * composition rule with a message whose keys its own schema accepts: its own keys without the block's prefix,
 * {@code global.*} as is, and another block's key marked as the umbrella's (the subchart has no such key). Run
 * with the Helm 3 and Helm 4 CLIs; following the message's own advice then renders.
 */
class SubchartAloneMessagesTest {

    private static final List<HelmCli> HELMS = List.of(HelmCli.helm3(), HelmCli.helm4());
    private static final Path UMBRELLA = Repo.CHARTS.resolve("spark-3.5");
    /** A dotted key in a message; "spark-3.5" and "spark://<host>:7077" are not keys. */
    private static final Pattern KEY =
            Pattern.compile("(?<![\\w./-])[a-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+(?![\\w-])");

    private static final String UMBRELLA_KEY = "the spark-3.5 umbrella's ";

    private static final Map<String, String> S3 = Map.of(
            "global.s3.endpoint",
            "http://s3.example.com:9000",
            "global.s3.accessKey",
            "access-key",
            "global.s3.secretKey",
            "secret-key-1234");

    /**
     * One broken rule of a subchart installed alone.
     *
     * @param subchart the folder under charts/
     * @param broken the --set values that break the rule
     * @param rule the rule id the message names
     * @param named a key of the subchart the message must ask for, as the subchart spells it
     * @param fix the --set values the message asks for, which make the chart render
     */
    record Case(String subchart, Map<String, String> broken, String rule, String named, Map<String, String> fix) {}

    private static final List<Case> CASES = List.of(
            new Case(
                    "connect",
                    with(S3, "backendMode", "standalone"),
                    "connect-standalone-needs-master",
                    "standalone.masterUrl",
                    with(with(S3, "backendMode", "standalone"), "standalone.masterUrl", "spark://master:7077")),
            new Case(
                    "jupyter",
                    Map.of(),
                    "jupyter-needs-spark-connect",
                    "connectUrl",
                    Map.of("connectUrl", "sc://connect:15002")),
            new Case("history-server", Map.of(), "history-server-needs-s3", "global.s3.endpoint", S3),
            new Case("hive-metastore", S3, "hive-metastore-needs-postgresql", "database.jdbcUrl", null),
            new Case("airflow", Map.of(), "airflow-needs-postgresql", "database.host", null),
            new Case("mlflow", S3, "mlflow-needs-postgresql", "database.host", null));

    @Test
    void everyKeyARuleMessageNamesIsAcceptedByTheSubchartsOwnSchema() throws IOException {
        for (Case c : CASES) {
            Path chart = UMBRELLA.resolve("charts").resolve(c.subchart());
            Map<String, Object> schema = schema(chart);
            for (HelmCli helm : HELMS) {
                HelmCli.HelmResult result = template(helm, chart, c.broken());
                assertThat(result.succeeded())
                        .as("helm %s accepted %s alone with %s", helm.majorVersion(), c.subchart(), c.broken())
                        .isFalse();
                String message = result.stderr();
                assertThat(message)
                        .as(c.subchart())
                        .contains("[rule " + c.rule() + "]")
                        .contains("installed alone");
                assertThat(message).as(c.subchart()).containsPattern(" " + Pattern.quote(c.named()) + "[ =]");
                assertThat(declares(schema, c.named()))
                        .as("%s declares %s", c.subchart(), c.named())
                        .isTrue();
                assertThat(unknownKeys(message, schema))
                        .as("keys of %s's message its schema rejects: %s", c.subchart(), message)
                        .isEmpty();
                if (c.fix() != null) {
                    HelmCli.HelmResult fixed = template(helm, chart, c.fix());
                    assertThat(fixed.succeeded())
                            .as("the message's fix %s: %s", c.fix(), fixed.describe())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void theCheckCatchesTheWordingBeforeItem4() throws IOException {
        // the text a standalone connect subchart printed before messages were generated per layout
        String before = "backendMode standalone needs a master: set standalone.enabled=true or "
                + "standalone.masterUrl=spark://<host>:7077 (this subchart is installed alone: its own keys have no "
                + "connect. prefix) [rule connect-standalone-needs-master]";
        assertThat(unknownKeys(before, schema(UMBRELLA.resolve("charts/connect"))))
                .containsExactly("standalone.enabled");
    }

    @Test
    void theUmbrellaSaysTheSameRuleWithAbsoluteKeys() {
        Map<String, String> sets = new LinkedHashMap<>(S3);
        sets.put("connect.backendMode", "standalone");
        HelmCli.HelmResult result = template(HelmCli.helm4(), UMBRELLA, sets);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr())
                .contains("set standalone.enabled=true or connect.standalone.masterUrl=")
                .doesNotContain("umbrella's");
    }

    /** The keys a message names as this chart's own, in order (the umbrella's keys left out). */
    private static List<String> ownKeys(String message) {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(message);
        while (m.find()) {
            boolean umbrellas = message.substring(0, m.start()).endsWith(UMBRELLA_KEY);
            if (!umbrellas) {
                keys.add(m.group());
            }
        }
        return keys;
    }

    private static List<String> unknownKeys(String message, Map<String, Object> schema) {
        return ownKeys(message).stream().filter(k -> !declares(schema, k)).toList();
    }

    @SuppressWarnings("unchecked")
    private static boolean declares(Map<String, Object> schema, String key) {
        Map<String, Object> node = schema;
        for (String part : key.split("\\.")) {
            Object properties = node.get("properties");
            if (!(properties instanceof Map<?, ?> props) || !(props.get(part) instanceof Map<?, ?> child)) {
                return false;
            }
            node = (Map<String, Object>) child;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Path chart) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(chart.resolve("values.schema.json")));
    }

    private static HelmCli.HelmResult template(HelmCli helm, Path chart, Map<String, String> sets) {
        return helm.template(chart, Rendered.RELEASE, Rendered.NAMESPACE, KubernetesVersions.HIGHEST, List.of(), sets);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.put(key, value);
        return out;
    }
}
