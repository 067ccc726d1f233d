package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.acceptance.tools.LanguageServerClient;
import io.sparkk8s.acceptance.tools.LanguageServerClient.CompletionItem;
import io.sparkk8s.acceptance.tools.LanguageServerClient.Diagnostic;
import io.sparkk8s.acceptance.tools.LanguageServerClient.Hover;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Issue 7's IDE proof: the real yaml-language-server (the engine of VS Code's YAML support) against the
 * GENERATED {@code values.schema.json} of every committed chart, named by the same modeline the generated
 * presets carry. Each chart's schema is copied next to in-memory values files; the generated presets are
 * opened where they are.
 */
class GeneratedSchemaInEditorTest {

    private static final String MODELINE = "# yaml-language-server: $schema=../values.schema.json\n";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path workspace;

    private static LanguageServerClient server;

    @BeforeAll
    static void startServer() {
        server = LanguageServerClient.start(Repo.ROOT);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyChart() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chart : Repo.charts()) {
            String name = chart.getFileName().toString();
            Path dir = Files.createDirectories(workspace.resolve(name).resolve("values"));
            Files.copy(chart.resolve("values.schema.json"), dir.getParent().resolve("values.schema.json"));
            Map<String, Object> connect = connectSchema(chart);
            tests.add(DynamicTest.dynamicTest(
                    name + ": completion under connect: offers its keys with descriptions",
                    () -> completion(dir, connect)));
            tests.add(DynamicTest.dynamicTest(
                    name + ": hover on backendMode shows its description", () -> hover(dir, connect)));
            Map<String, Object> root = schema(chart);
            tests.add(DynamicTest.dynamicTest(
                    name + ": keys sharing a definition keep their own descriptions",
                    () -> sharedDefinitions(dir, root)));
            tests.add(DynamicTest.dynamicTest(name + ": misspelt keys are reported by name", () -> misspelt(dir)));
            tests.add(DynamicTest.dynamicTest(
                    name + ": completion inside a jobs.apps entry offers the entry model's keys",
                    () -> completionInAnApplication(dir)));
            tests.add(DynamicTest.dynamicTest(
                    name + ": a bad cron, an unknown time zone and a bad concurrency policy are reported by key",
                    () -> badSchedule(dir)));
            tests.add(DynamicTest.dynamicTest(
                    name + ": a bad enum value and an out-of-range number are reported", () -> outOfSchema(dir)));
            tests.add(DynamicTest.dynamicTest(
                    name + ": a broken composition rule names its reason and the key to change",
                    () -> brokenRule(dir)));
            for (Path preset : Repo.presets(chart)) {
                tests.add(DynamicTest.dynamicTest(
                        name + ": preset " + preset.getFileName() + " has no diagnostics", () -> cleanPreset(preset)));
            }
        }
        return tests.stream();
    }

    private static void completion(Path dir, Map<String, Object> connect) {
        URI uri = dir.resolve("completion.yaml").toUri();
        server.open(uri, MODELINE + "connect:\n  enabled: true\n  \n");

        List<CompletionItem> items = server.completion(uri, 3, 2);

        assertThat(items)
                .extracting(CompletionItem::label)
                .contains("driver", "executor", "backendMode", "eventLog", "sparkConf")
                .doesNotContain("enabled"); // already in the document
        assertThat(items)
                .filteredOn(item -> item.label().equals("backendMode"))
                .singleElement()
                .satisfies(item ->
                        assertThat(item.documentation() + item.detail()).contains(description(connect, "backendMode")));
        assertThat(items)
                .filteredOn(item -> item.label().equals("driver"))
                .singleElement()
                .satisfies(item ->
                        assertThat(item.documentation() + item.detail()).contains(description(connect, "driver")));
    }

    private static void hover(Path dir, Map<String, Object> connect) {
        URI uri = dir.resolve("hover.yaml").toUri();
        server.open(uri, MODELINE + "connect:\n  backendMode: k8s\n  executor:\n    memoryLimit: 4Gi\n");

        Hover backendMode = server.hover(uri, 2, 4).orElseThrow(() -> new AssertionError("no hover on backendMode"));
        Hover memoryLimit = server.hover(uri, 4, 6).orElseThrow(() -> new AssertionError("no hover on memoryLimit"));

        assertThat(unescape(backendMode.text())).contains(description(connect, "backendMode"));
        @SuppressWarnings("unchecked")
        Map<String, Object> executor =
                (Map<String, Object>) ((Map<String, Object>) connect.get("properties")).get("executor");
        assertThat(unescape(memoryLimit.text())).contains(description(executor, "memoryLimit"), "Example", "2Gi");
    }

    /**
     * Issue 18: {@code connect.image.tag} and {@code historyServer.image.tag} (two Spark workloads' tags, which
     * follow {@code global.spark.image} when empty; likewise the resources and the label maps) refer to one shared
     * definition; hover and completion still show each key's own text, and the shared
     * constraint still marks a bad value.
     */
    private static void sharedDefinitions(Path dir, Map<String, Object> root) {
        List<String> tag = List.of("connect", "image", "tag");
        List<String> historyServerTag = List.of("historyServer", "image", "tag");
        List<String> memory = List.of("connect", "resources", "requests", "memory");
        List<String> labels = List.of("connect", "podLabels");
        List<String> volumes = List.of("connect", "extraVolumes");
        List<String> historyServerVolumes = List.of("historyServer", "extraVolumes");
        for (List<String> path : List.of(tag, historyServerTag, memory, labels, volumes, historyServerVolumes)) {
            assertThat(node(root, path))
                    .as("%s refers to a shared definition", path)
                    .containsKey("$ref");
        }
        assertThat(node(root, tag).get("$ref"))
                .isEqualTo(node(root, historyServerTag).get("$ref"));
        assertThat(description(root, tag)).isNotEqualTo(description(root, historyServerTag));
        // a shape of two schema objects (an array of objects) is shared too, each key keeping its own text
        assertThat(node(root, volumes).get("$ref"))
                .isEqualTo(node(root, historyServerVolumes).get("$ref"));
        assertThat(description(root, volumes)).isNotEqualTo(description(root, historyServerVolumes));

        URI uri = dir.resolve("shared.yaml").toUri();
        server.open(
                uri,
                MODELINE + "connect:\n  image:\n    tag: my-build\n  resources:\n    requests:\n      memory: 2Gi\n"
                        + "  podLabels:\n    team: a\nhistoryServer:\n  image:\n    tag: x\n  extraVolumes: []\n");
        assertThat(server.diagnostics(uri)).as(server.serverLog()).isEmpty();
        assertThat(hoverText(uri, 3, 5)).contains(description(root, tag));
        assertThat(hoverText(uri, 6, 7)).contains(description(root, memory));
        assertThat(hoverText(uri, 7, 3)).contains(description(root, labels));
        assertThat(hoverText(uri, 11, 5))
                .contains(description(root, historyServerTag))
                .doesNotContain(description(root, tag));
        assertThat(hoverText(uri, 12, 5))
                .contains(description(root, historyServerVolumes))
                .doesNotContain(description(root, volumes));

        URI complete = dir.resolve("shared-completion.yaml").toUri();
        server.open(complete, MODELINE + "connect:\n  resources:\n    requests:\n      \n");
        assertThat(server.completion(complete, 4, 6))
                .filteredOn(item -> item.label().equals("memory"))
                .singleElement()
                .satisfies(item -> assertThat(unescape(item.documentation() + item.detail()))
                        .contains(description(root, memory)));

        URI bad = dir.resolve("shared-bad.yaml").toUri();
        // the tag definition's limits: latest (its not/const), and a tag one character over the 128 that its
        // maxLength allows (the pattern itself has no counted repetition, which RE2 would unroll)
        server.open(
                bad,
                MODELINE + "connect:\n  image:\n    tag: latest\n  podLabels:\n    \"bad key!\": a\n"
                        + "historyServer:\n  image:\n    tag: " + "a".repeat(129) + "\n  resources:\n    requests:\n"
                        + "      memory: " + "b".repeat(129) + "\n");
        List<Diagnostic> diagnostics = server.awaitDiagnostics(bad, list -> list.size() >= 4, TIMEOUT);
        assertThat(diagnostics)
                .as(server.serverLog())
                .extracting(Diagnostic::line)
                .contains(3, 5, 8, 11);
    }

    private static String hoverText(URI uri, int line, int character) {
        return unescape(server.hover(uri, line, character)
                .orElseThrow(() -> new AssertionError("no hover at line " + line))
                .text());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> node(Map<String, Object> root, List<String> path) {
        Map<String, Object> at = root;
        for (String key : path) {
            at = (Map<String, Object>) ((Map<String, Object>) at.get("properties")).get(key);
        }
        return at;
    }

    private static String description(Map<String, Object> root, List<String> path) {
        return (String) node(root, path).get("description");
    }

    private static void completionInAnApplication(Path dir) {
        URI uri = dir.resolve("jobs-completion.yaml").toUri();
        server.open(uri, MODELINE + "jobs:\n  apps:\n    nightly:\n      schedule: \"@daily\"\n      \n");

        List<CompletionItem> items = server.completion(uri, 5, 6);

        assertThat(items)
                .extracting(CompletionItem::label)
                .contains("runner", "timeZone", "concurrencyPolicy", "mainApplicationFile", "executor", "eventLog")
                .doesNotContain("schedule", "enabled");
        assertThat(items)
                .filteredOn(item -> item.label().equals("concurrencyPolicy"))
                .singleElement()
                .satisfies(item -> assertThat(item.documentation() + item.detail())
                        .contains("What a scheduled run does while the previous one still runs"));
    }

    private static void badSchedule(Path dir) {
        URI uri = dir.resolve("jobs-bad.yaml").toUri();
        server.open(
                uri,
                MODELINE
                        + "jobs:\n  apps:\n    nightly:\n      schedule: \"61 * * * *\"\n      timeZone: Europe/Berlinn\n"
                        + "      concurrencyPolicy: Sometimes\n      script: print(1)\n");

        List<Diagnostic> diagnostics = server.awaitDiagnostics(uri, list -> list.size() >= 3, TIMEOUT);

        assertThat(diagnostics)
                .as(server.serverLog())
                .extracting(Diagnostic::line, Diagnostic::text)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(4, "\"61 * * * *\""),
                        org.assertj.core.groups.Tuple.tuple(5, "Europe/Berlinn"),
                        org.assertj.core.groups.Tuple.tuple(6, "Sometimes"));
    }

    private static void misspelt(Path dir) {
        URI uri = dir.resolve("misspelt.yaml").toUri();
        server.open(uri, MODELINE + "conect:\n  enabled: true\nconnect:\n  backendMod: k8s\n");

        List<Diagnostic> diagnostics = server.awaitDiagnostics(uri, list -> list.size() >= 2, TIMEOUT);

        assertThat(diagnostics)
                .as(server.serverLog())
                .extracting(Diagnostic::line, Diagnostic::text, Diagnostic::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1, "conect", "Property conect is not allowed."),
                        org.assertj.core.groups.Tuple.tuple(4, "backendMod", "Property backendMod is not allowed."));
    }

    private static void outOfSchema(Path dir) {
        URI uri = dir.resolve("bad-values.yaml").toUri();
        server.open(uri, MODELINE + "connect:\n  backendMode: k9s\n  executor:\n    instances: 5000\n");

        List<Diagnostic> diagnostics = server.awaitDiagnostics(uri, list -> list.size() >= 2, TIMEOUT);

        assertThat(diagnostics).as(server.serverLog()).hasSize(2);
        assertThat(diagnostics).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.text()).isEqualTo("k9s");
            assertThat(d.message()).contains("\"k8s\"", "\"standalone\"", "\"local\"");
        });
        assertThat(diagnostics).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.text()).isEqualTo("5000");
            assertThat(d.message()).contains("1000");
        });
    }

    private static void brokenRule(Path dir) {
        URI uri = dir.resolve("broken-rule.yaml").toUri();
        server.open(uri, MODELINE + "airflow:\n  enabled: true\npostgresql:\n  enabled: false\n");

        List<Diagnostic> diagnostics = server.awaitDiagnostics(uri, list -> list.size() >= 2, TIMEOUT);

        assertThat(diagnostics).as(server.serverLog()).anySatisfy(d -> assertThat(d.message())
                .contains("airflow needs postgresql (it keeps its metadata in PostgreSQL): set postgresql.enabled=true")
                .contains("[rule airflow-needs-postgresql]"));
        assertThat(diagnostics).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.text()).isEqualTo("false");
        });
    }

    private static void cleanPreset(Path preset) throws IOException {
        String text = Files.readString(preset);
        assertThat(text).startsWith(MODELINE);
        URI uri = server.open(preset);

        assertThat(server.diagnostics(uri)).as(server.serverLog()).isEmpty();
        // the schema really applied: its first top-level key has the schema's description on hover
        List<String> lines = text.lines().toList();
        int line = 0;
        while (line < lines.size()
                && (lines.get(line).startsWith("#") || lines.get(line).isBlank())) {
            line++;
        }
        assertThat(server.hover(uri, line, 1))
                .as("hover on %s", lines.get(line))
                .get()
                .extracting(Hover::text)
                .asString()
                .isNotBlank();
        server.close(uri);
    }

    /** Hover text is markdown: the server escapes punctuation such as {@code +}. */
    private static String unescape(String markdown) {
        return markdown.replaceAll("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>])", "$1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> connectSchema(Path chart) {
        return (Map<String, Object>) ((Map<String, Object>) schema(chart).get("properties")).get("connect");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Path chart) {
        try {
            return (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(chart.resolve("values.schema.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String description(Map<String, Object> object, String key) {
        Map<String, Object> property = (Map<String, Object>) ((Map<String, Object>) object.get("properties")).get(key);
        return (String) property.get("description");
    }
}
