package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.InvalidInputException;
import io.sparkk8s.api.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The start-up and warm-generation shortcuts of issue 18 give what the code they replace gave: the cross-check's
 * scan of template reads finds what its regular expressions found, and YAML parsed once with the depth counted on
 * the way gives the same values and the same depth error as a depth pass followed by a load.
 */
class ColdPathEquivalenceTest {

    @Nested
    class TemplateReads {

        private static final Pattern READ = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)");
        private static final Pattern ENTRY_READ =
                Pattern.compile(Pattern.quote(Value.ENTRY_VARIABLE) + "((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

        /** What the regular expressions of the cross-check found, as it used them. */
        private static List<String> byRegex(String text, boolean entry) {
            List<String> found = new ArrayList<>();
            Matcher m = (entry ? ENTRY_READ : READ).matcher(text);
            while (m.find()) {
                if (!m.group(1).isEmpty()) {
                    found.add(m.group(1).substring(1));
                }
            }
            return found;
        }

        private static List<String> byScan(String text, boolean entry) {
            return entry
                    ? CrossCheck.reads(text, Value.ENTRY_VARIABLE, true)
                    : CrossCheck.reads(text, ".Values", false);
        }

        @Test
        void edgeCasesReadTheSame() {
            List<String> texts = List.of(
                    "",
                    ".Values",
                    ".Values.",
                    ".Values.a",
                    ".Values.a.",
                    ".Values.a..b",
                    ".Values.9a",
                    ".Values._x9.y_.Z",
                    ".Values.Values.a",
                    ".Values.a.Values.b",
                    "{{ .Values.connect.enabled }}{{.Values.x}}.Values",
                    "$app",
                    "$app.",
                    "$app$app.name",
                    "$app.name.$app.x",
                    "$apple.x $app.image.tag|$app.9",
                    "(index .Values.jobs.apps $name).x $app.spec.driver.cores");
            for (String text : texts) {
                assertThat(byScan(text, false)).as(text).isEqualTo(byRegex(text, false));
                assertThat(byScan(text, true)).as(text).isEqualTo(byRegex(text, true));
            }
            assertThat(byScan("{{ .Values.a.b }} .Values. $app.c.d", false)).containsExactly("a.b");
            assertThat(byScan("{{ .Values.a.b }} .Values. $app.c.d", true)).containsExactly("c.d");
        }

        @Test
        void randomTextsReadTheSame() {
            String[] pieces = {".Values", "$app", ".", "a", "Z", "_", "9", " ", "{{", "}}", "$", "ap", "p", ".V"};
            Random random = new Random(18);
            for (int i = 0; i < 20_000; i++) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(12); n >= 0; n--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                String t = text.toString();
                assertThat(byScan(t, false)).as(t).isEqualTo(byRegex(t, false));
                assertThat(byScan(t, true)).as(t).isEqualTo(byRegex(t, true));
            }
        }

        @Test
        void everyCommittedTemplateReadsTheSame() throws IOException {
            Path charts = Path.of("..", "generated-charts").toAbsolutePath().normalize();
            List<Path> templates;
            try (Stream<Path> files = Files.walk(charts)) {
                templates = files.filter(p -> p.toString().endsWith(".yaml")
                                || p.toString().endsWith(".tpl")
                                || p.toString().endsWith(".txt"))
                        .filter(p -> p.toString().contains("/templates/"))
                        .toList();
            }
            assertThat(templates).hasSizeGreaterThan(20);
            int reads = 0;
            for (Path template : templates) {
                String text = Files.readString(template);
                assertThat(byScan(text, false)).as(template.toString()).isEqualTo(byRegex(text, false));
                assertThat(byScan(text, true)).as(template.toString()).isEqualTo(byRegex(text, true));
                reads += byScan(text, false).size();
            }
            assertThat(reads).isGreaterThan(100);
        }
    }

    @Nested
    class OnePassYaml {

        private static String nested(int levels, boolean flow) {
            StringBuilder text = new StringBuilder();
            if (flow) {
                return "a: " + "[".repeat(levels - 1) + "1" + "]".repeat(levels - 1) + "\n";
            }
            for (int i = 0; i < levels; i++) {
                text.append("  ".repeat(i)).append("k").append(i).append(":\n");
            }
            return text.append("  ".repeat(levels)).append("leaf\n").toString();
        }

        @Test
        void oneHundredLevelsLoadAndOneMoreIsRefusedWithItsLine() {
            assertThat(Yaml.load(nested(Yaml.MAX_DEPTH, false), "ok.yaml")).isInstanceOf(Map.class);
            assertThat(Yaml.load(nested(Yaml.MAX_DEPTH, true), "ok.yaml")).isInstanceOf(Map.class);
            assertThatThrownBy(() -> Yaml.load(nested(Yaml.MAX_DEPTH + 1, false), "deep.yaml"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("deep.yaml")
                    .hasMessageContaining("nested more than 100 levels deep at line 101");
            assertThatThrownBy(() -> Yaml.load(nested(Yaml.MAX_DEPTH + 1, true), "deep.yaml"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("nested more than 100 levels deep at line 1, column");
        }

        @Test
        void aVeryDeepFileIsRefusedInsteadOfOverflowingTheStack() {
            assertThatThrownBy(() -> Yaml.load("a: " + "[".repeat(200_000), "huge.yaml"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("nested more than 100 levels");
        }

        @Test
        void siblingsDoNotAddUp() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 3 * Yaml.MAX_DEPTH; i++) {
                text.append("k").append(i).append(": {a: [1, {b: [2]}]}\n");
            }
            assertThat((Map<?, ?>) Yaml.load(text.toString(), "wide.yaml")).hasSize(3 * Yaml.MAX_DEPTH);
        }

        @Test
        void syntaxErrorsAndDuplicateKeysStillNameTheProblem() {
            assertThatThrownBy(() -> Yaml.load("a: [1, 2\nb: 3\n", "broken.yaml"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("not valid YAML at line");
            assertThatThrownBy(() -> Yaml.load("a: 1\na: 2\n", "twice.yaml"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("twice.yaml");
        }
    }

    @Nested
    class PresetReads {

        @org.junit.jupiter.api.io.TempDir
        Path dir;

        @Test
        void anUnchangedFileIsNotParsedAgainAChangedOneIs() throws IOException {
            Path file = dir.resolve("demo.yaml");
            Files.writeString(file, "name: demo\ndescription: The first text.\nlines: [\"4.1\"]\nvalues:\n  a: 1\n");
            Preset first = PresetCatalog.read(file, "presets/demo.yaml");
            assertThat(PresetCatalog.read(file, "presets/demo.yaml")).isSameAs(first);
            // the same text under another label is another preset (problems and sources name the label)
            assertThat(PresetCatalog.read(file, "other/demo.yaml").source()).isEqualTo("other/demo.yaml");
            Files.writeString(file, "name: demo\ndescription: The second text.\nlines: [\"3.5\"]\nvalues:\n  a: 2\n");
            Preset second = PresetCatalog.read(file, "presets/demo.yaml");
            assertThat(second.description()).isEqualTo("The second text.");
            assertThat(second.values()).containsEntry("a", 2);
        }

        /** A kept preset serves later generations: no write reaches it, at any depth, through a merged tree either. */
        @Test
        @SuppressWarnings("unchecked")
        void aKeptPresetCannotBeChangedAtAnyDepth() throws IOException {
            Path file = dir.resolve("deep.yaml");
            Files.writeString(
                    file,
                    "name: deep\ndescription: Nested values.\nlines: [\"4.1\"]\nvalues:\n"
                            + "  jobs:\n    apps:\n      nightly: {args: [a]}\n");
            Preset preset = PresetCatalog.read(file, "presets/deep.yaml");
            Map<String, Object> merged = Values.merge(Map.of("jobs", Map.of("apps", Map.of())), preset.values());
            Map<String, Object> nightly = (Map<String, Object>) Values.get(merged, "jobs.apps.nightly");
            assertThatThrownBy(() -> nightly.put("schedule", "@daily"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ((List<Object>) nightly.get("args")).add("b"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(PresetCatalog.read(file, "presets/deep.yaml").values()).isEqualTo(preset.values());
        }

        @Test
        void aBrokenFileFailsEveryTime() throws IOException {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, "name: bad\ndescription: A bad preset file.\nlines: [\"9.9\"]\nvalues: {}\n");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> PresetCatalog.read(file, "presets/bad.yaml"))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("presets/bad.yaml");
            }
            Path misnamed = dir.resolve("other.yaml");
            Files.writeString(misnamed, "name: bad\ndescription: A bad preset file.\nlines: [\"4.1\"]\nvalues: {}\n");
            Files.writeString(file, Files.readString(misnamed));
            PresetCatalog.read(file, "presets/bad.yaml");
            // the same text in a file of another name is checked again: its name differs from the file name
            assertThatThrownBy(() -> PresetCatalog.read(misnamed, "presets/bad.yaml"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("differs from the file name");
        }
    }
}
