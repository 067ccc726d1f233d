package io.sparkk8s.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The image catalogue and the operations recipes as a chart's user reads them: the {@code ## Images} table and the
 * {@code ## Operations recipes} sections of the generated chart's {@code README.md}. The tests take these facts
 * from the generated file, not from the core's (package-private) readers of {@code images.yaml} and
 * {@code recipes.yaml}, so what they render and verify is what the README tells a user to run.
 */
final class ChartReadmeFacts {

    private static final Pattern COMMAND = Pattern.compile(
            "helm upgrade --install (\\S+) \\./(\\S+)(?: --namespace (\\S+) --create-namespace)? --reuse-values -f - <<'EOF'");

    private ChartReadmeFacts() {}

    /**
     * One row of the images table.
     *
     * @param image repository:tag as rendered with the default values
     * @param runs what it runs
     * @param python the Python major.minor of an image that runs Spark Python code, else empty
     * @param released the date of the pinned release, followed by {@code (usage)} or {@code (guess)} when it was
     *     not confirmed from a primary source
     */
    record Image(
            String image, String runs, String python, String source, String licence, String released, String why) {}

    /**
     * One recipe as the README shows it.
     *
     * @param title its heading
     * @param command the shell command above the overlay
     * @param release the release the command upgrades
     * @param namespace the namespace it names; empty for the current one
     * @param values the overlay the command feeds to Helm
     */
    record Recipe(String title, String command, String release, String namespace, Map<String, Object> values) {}

    /** The images table of a chart's README, row by row. */
    static List<Image> images(Path chart) {
        List<Image> out = new ArrayList<>();
        for (String row : section(chart, "## Images")) {
            if (!row.startsWith("| `")) {
                continue; // prose, the header and the separator row
            }
            // the why column escapes '|' as "\|"; split on the others
            String[] cells = row.substring(1, row.length() - 1).split("(?<!\\\\)\\|", -1);
            if (cells.length != 7) {
                throw new AssertionError(chart + "/README.md: an image row without 7 cells: " + row);
            }
            String python = cells[2].strip();
            out.add(new Image(
                    cells[0].strip().replace("`", ""),
                    cells[1].strip(),
                    python.equals("–") ? "" : python,
                    cells[3].strip(),
                    cells[4].strip(),
                    cells[5].strip(),
                    cells[6].strip().replace("\\|", "|")));
        }
        return out;
    }

    /** The row of an image in any committed chart's README. */
    static Optional<Image> image(String image) {
        return Repo.charts().stream()
                .flatMap(chart -> images(chart).stream())
                .filter(row -> row.image().equals(image))
                .findFirst();
    }

    /** The recipes of a chart's README, in order. */
    @SuppressWarnings("unchecked")
    static List<Recipe> recipes(Path chart) {
        List<Recipe> out = new ArrayList<>();
        List<String> lines = section(chart, "## Operations recipes");
        String title = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("### ")) {
                title = line.substring(4);
                continue;
            }
            Matcher command = COMMAND.matcher(line);
            if (!command.matches()) {
                continue;
            }
            if (title == null || !command.group(2).equals(chart.getFileName().toString())) {
                throw new AssertionError(
                        chart + "/README.md: a recipe command without its heading or for another " + "chart: " + line);
            }
            StringBuilder yaml = new StringBuilder();
            for (i++; !lines.get(i).equals("EOF"); i++) {
                yaml.append(lines.get(i)).append('\n');
            }
            Object values = new Load(LoadSettings.builder().build()).loadFromString(yaml.toString());
            out.add(new Recipe(
                    title,
                    line.substring(0, line.length() - " <<'EOF'".length()),
                    command.group(1),
                    command.group(3) == null ? "" : command.group(3),
                    (Map<String, Object>) values));
            title = null;
        }
        return out;
    }

    /** The lines of a README section, from its heading to the next heading of the same level. */
    private static List<String> section(Path chart, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(chart.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError(chart + "/README.md has no section " + heading);
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }
}
