package io.sparkk8s.acceptance.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.acceptance.tools.LanguageServerClient.CompletionItem;
import io.sparkk8s.acceptance.tools.LanguageServerClient.Diagnostic;
import io.sparkk8s.acceptance.tools.LanguageServerClient.Hover;
import io.sparkk8s.acceptance.tools.LanguageServerClient.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real yaml-language-server, one process for the class, against a fixture schema named by a relative
 * {@code $schema} modeline in each values file.
 */
class LanguageServerClientTest {

    private static final String MODELINE = "# yaml-language-server: $schema=../values.schema.json\n";
    private static final String BACKEND_MODE_DESCRIPTION =
            "Where Spark Connect runs its executors: k8s pods, a standalone cluster, or local threads.";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static Path valuesDir;
    private static LanguageServerClient server;

    @BeforeAll
    static void startServer() throws URISyntaxException {
        valuesDir = Path.of(LanguageServerClientTest.class
                        .getResource("/tools/lsp/values/valid.yaml")
                        .toURI())
                .getParent();
        server = LanguageServerClient.start(valuesDir.getParent());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void completionUnderConnectOffersBackendModeWithItsDescription() {
        URI uri = valuesDir.resolve("completion-in-memory.yaml").toUri();
        server.open(uri, MODELINE + "connect:\n  enabled: true\n  \n");

        List<CompletionItem> items = server.completion(uri, 3, 2);

        assertThat(items)
                .extracting(CompletionItem::label)
                .contains("backendMode", "replicas")
                .doesNotContain("enabled"); // already present
        assertThat(items)
                .filteredOn(item -> item.label().equals("backendMode"))
                .singleElement()
                .satisfies(
                        item -> assertThat(item.documentation() + item.detail()).contains(BACKEND_MODE_DESCRIPTION));
    }

    @Test
    void hoverOnBackendModeShowsItsDescription() {
        URI uri = server.open(valuesDir.resolve("valid.yaml"));

        Hover hover = server.hover(uri, 3, 4).orElseThrow();

        assertThat(hover.text()).contains(BACKEND_MODE_DESCRIPTION);
    }

    @Test
    void misspeltKeyIsReportedByName() {
        URI uri = server.open(valuesDir.resolve("misspelt-key.yaml"));

        List<Diagnostic> diagnostics = server.awaitDiagnostics(uri, list -> !list.isEmpty(), TIMEOUT);

        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).isEqualTo("Property replics is not allowed.");
            assertThat(d.text()).isEqualTo("replics");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.source()).contains("Fixture values"); // the schema's title: the modeline's schema applied
        });
    }

    @Test
    void valueOutsideTheEnumIsReportedByName() {
        URI uri = server.open(valuesDir.resolve("bad-enum.yaml"));

        List<Diagnostic> diagnostics = server.awaitDiagnostics(uri, list -> !list.isEmpty(), TIMEOUT);

        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.character()).isEqualTo("  backendMode: ".length());
            // the message lists the allowed values; the offending one is what the range covers
            assertThat(d.message()).contains("\"k8s\", \"standalone\", \"local\"");
            assertThat(d.text()).isEqualTo("k9s");
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void validFileHasNoDiagnostics() {
        URI uri = server.open(valuesDir.resolve("valid.yaml"));

        assertThat(server.diagnostics(uri)).isEmpty();
        // and the schema was really applied: the same document knows the descriptions
        assertThat(server.hover(uri, 2, 4))
                .get()
                .extracting(Hover::text)
                .asString()
                .contains("Deploy the Spark Connect server.");
    }

    @Test
    void missingSchemaIsReportedRatherThanIgnored() {
        URI uri = valuesDir.resolve("wrong-modeline-in-memory.yaml").toUri();
        server.open(uri, "# yaml-language-server: $schema=../no-such.schema.json\nconnect:\n  enabled: true\n");

        List<Diagnostic> diagnostics = server.awaitDiagnostics(uri, list -> !list.isEmpty(), TIMEOUT);

        assertThat(diagnostics).extracting(Diagnostic::message).anySatisfy(message -> assertThat(message)
                .contains("no-such.schema.json"));
    }

    @Test
    void fixingADocumentClearsItsDiagnostics() {
        URI uri = valuesDir.resolve("edited-in-memory.yaml").toUri();
        server.open(uri, MODELINE + "connect:\n  backendMode: k9s\n");
        assertThat(server.awaitDiagnostics(uri, list -> !list.isEmpty(), TIMEOUT))
                .isNotEmpty();

        server.change(uri, MODELINE + "connect:\n  backendMode: local\n");

        assertThat(server.awaitDiagnostics(uri, List::isEmpty, TIMEOUT)).isEmpty();
    }

    @Test
    void aServerThatDiesDuringStartupFailsWithItsExitCodeAndOutput() {
        List<String> command = List.of(
                ToolCache.executable("node", "for this test").toString(),
                "-e",
                "console.error('boom: unsupported engine'); process.exit(3)");

        assertThatThrownBy(() ->
                        LanguageServerClient.start(command, valuesDir, LanguageServerClient.defaultYamlSettings()))
                .isInstanceOf(LanguageServerException.class)
                .hasMessageContaining("initialize")
                .hasMessageContaining("exited (code 3)")
                .hasMessageContaining("boom: unsupported engine");
    }
}
