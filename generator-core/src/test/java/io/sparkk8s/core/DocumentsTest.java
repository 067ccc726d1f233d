package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart documents rendered from their Mustache templates and view models. */
class DocumentsTest {

    private static ReadmeView readme(boolean umbrella, List<ReadmeView.RecipeItem> recipes) {
        return new ReadmeView(
                "Generated.",
                "spark-4.1",
                "4.1.2",
                "4.1",
                "2.13",
                "3.4.2",
                "1.29.0",
                "1.34.0",
                umbrella,
                "apache/spark:4.1.2",
                "Why.",
                List.of(new ReadmeView.BlockRow(
                        "connect", "connect", "true", "Spark Connect named <release>-connect & co", "grpc 15002")),
                List.of(),
                List.of(new ReadmeView.ValueRow("connect.replicas", "integer", "`1`", "Replicas.")),
                List.of(),
                !recipes.isEmpty(),
                recipes);
    }

    @Test
    void markdownIsWrittenAsIsWithoutHtmlEscaping() {
        String md = Documents.readme(readme(false, List.of()));
        assertThat(md)
                .startsWith("<!-- Generated. -->\n# spark-4.1\n\n")
                .contains(
                        "| connect | `connect.enabled` | true | Spark Connect named <release>-connect & co | grpc 15002 |\n")
                .contains("| `connect.replicas` | integer | `1` | Replicas. |\n")
                .doesNotContain("&lt;")
                .doesNotContain("&amp;");
    }

    @Test
    void sectionsFollowTheViewsFlagsAndLists() {
        String toggle = Documents.readme(readme(false, List.of()));
        assertThat(toggle)
                .contains("switched on or off by `<block>.enabled`")
                .doesNotContain("umbrella chart")
                .contains("No preset of the catalog applies to this line.\n")
                .doesNotContain("## Operations recipes");
        String umbrella = Documents.readme(readme(
                true,
                List.of(new ReadmeView.RecipeItem(
                        "Driver OOM",
                        "Raise it.",
                        "helm upgrade --install spark ./spark-4.1 --reuse-values -f -",
                        "connect:\n  replicas: 2\n"))));
        assertThat(umbrella)
                .contains("This is an umbrella chart")
                .endsWith(
                        "\n### Driver OOM\n\nRaise it.\n\n```shell\n"
                                + "helm upgrade --install spark ./spark-4.1 --reuse-values -f - <<'EOF'\nconnect:\n  replicas: 2\nEOF\n```\n");
    }

    @Test
    void notesKeepHelmsBracesAndWarnOnlyOnAPythonMismatch() {
        NotesView view = new NotesView(
                "spark-4.1",
                List.of(new NotesView.Endpoint(".Values.connect", "Spark Connect (gRPC)", "sc", "connect", 15002)),
                false,
                "apache/spark",
                "4.1.2",
                "3.13",
                "3.10",
                false,
                false,
                List.of(),
                List.of(),
                List.of());
        String notes = Documents.notes(view);
        assertThat(notes)
                .startsWith("spark-4.1 (Spark {{ .Chart.AppVersion }}) is installed as release")
                .contains("\n{{- if .Values.connect.enabled }}\n\nSpark Connect (gRPC):\n  sc://{{ include "
                        + "\"sparkk8s.fullname\" (dict \"context\" . \"component\" \"connect\") }}.{{ .Release.Namespace "
                        + "}}.svc:15002\n")
                .doesNotContain("WARNING");
        String warned = Documents.notes(new NotesView(
                "spark-4.1",
                List.of(),
                true,
                "apache/spark",
                "4.1.2",
                "3.13",
                "3.10",
                false,
                false,
                List.of(new NotesView.RuntimeCheck(
                        "connect",
                        "connect.driver.memory",
                        "connect.driver.memoryOverhead",
                        true,
                        "connect.resources.limits.memory",
                        "connect.dynamicAllocation.enabled",
                        "connect.dynamicAllocation.minExecutors",
                        "connect.dynamicAllocation.maxExecutors",
                        true)),
                List.of(new NotesView.Inert(
                        "connect.dynamicAllocation.minExecutors",
                        "connect",
                        "connect.dynamicAllocation.enabled",
                        "0",
                        "has no effect: dynamic allocation is off")),
                List.of()));
        assertThat(warned)
                .contains("(.Values.connect.image.repository | default .Values.global.spark.image.repository)")
                .contains("(ne (toString .Values.connect.dynamicAllocation.minExecutors) \"0\")")
                .contains("{{- with .Values.connect.driver.memoryOverhead }}")
                .contains("(gt (int .Values.connect.dynamicAllocation.minExecutors) (int "
                        + ".Values.connect.dynamicAllocation.maxExecutors))")
                .contains(
                        "NOTE: connect.dynamicAllocation.minExecutors={{ .Values.connect.dynamicAllocation.minExecutors }} "
                                + "has no effect: dynamic allocation is off.")
                .contains("the Jupyter image runs Python 3.13, the executors of connect.image Python 3.10");
    }
}
