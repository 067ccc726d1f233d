package io.sparkk8s.core;

import io.sparkk8s.api.TemplateException;
import io.sparkk8s.api.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Stage 5: the values model and the templates agree. Every {@code .Values} path a rendered template reads
 * is declared, and every declared value is read by some template.
 */
final class CrossCheck {

    /** What a template reads below {@code .Values}: {@code .Values} then dotted names, found by {@link #reads}. */
    private static final String VALUES = ".Values";

    private CrossCheck() {}

    /**
     * A template file whose reads map to absolute paths of the chart model.
     *
     * @param file the file's path in the generated output, for messages
     * @param text the rendered Helm template
     * @param toAbsolute maps a path read below {@code .Values} to the chart model's absolute path
     */
    record Source(String file, String text, Function<String, String> toAbsolute) {}

    /**
     * Checks the templates against the model.
     *
     * @throws TemplateException listing every undeclared read (with its file) and every unread value (with
     *     its block)
     */
    static void check(String chart, ChartModel model, List<Source> sources) {
        Set<String> read = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        Declared declared = new Declared(model);
        Map<String, Set<String>> seen = new HashMap<>();
        for (Source source : sources) {
            for (String relative : reads(source.text(), VALUES, false)) {
                String path = source.toAbsolute().apply(relative);
                Set<String> covered = seen.computeIfAbsent(path, declared::covering);
                if (covered.isEmpty()) {
                    errors.add(source.file() + " reads .Values." + relative + " (" + path
                            + "), which no values model of " + chart + " declares; declare it in the block's "
                            + "values() or fix the template");
                } else {
                    read.addAll(covered);
                }
            }
        }
        checkEntryReads(chart, model, sources, errors);
        for (ChartModel.Entry entry : model.entries()) {
            // chart-level values are read by engine templates that exist only when a block needs them
            if (!read.contains(entry.path()) && !entry.owner().equals("chart")) {
                errors.add("value " + entry.path() + " is declared by " + entry.owner() + " but no template of " + chart
                        + " reads it; read it in a template or remove the declaration");
            }
        }
        if (!errors.isEmpty()) {
            throw new TemplateException(
                    "values model and templates of " + chart + " disagree:\n  - "
                            + String.join("\n  - ", new LinkedHashSet<>(errors)),
                    null);
        }
    }

    /**
     * Templates read one entry of a map of a nested model through {@code $app} ({@link Value#ENTRY_VARIABLE}):
     * every {@code $app.<path>} read is declared by the entry model of one of the chart's maps, and every value of
     * an entry model is read (a read covers what is below it, as with {@code .Values}).
     */
    private static void checkEntryReads(String chart, ChartModel model, List<Source> sources, List<String> errors) {
        List<ChartModel.Entry> maps =
                model.entries().stream().filter(e -> e.value().entry() != null).toList();
        if (maps.isEmpty()) {
            return;
        }
        NavigableSet<String> declared = new TreeSet<>();
        Set<String> open = new HashSet<>();
        maps.forEach(map -> map.value().entry().values().forEach(v -> {
            declared.add(v.path());
            if (v.type().isOpen()) {
                open.add(v.path());
            }
        }));
        Set<String> read = new HashSet<>();
        for (Source source : sources) {
            for (String path : reads(source.text(), Value.ENTRY_VARIABLE, true)) {
                Set<String> covered = new LinkedHashSet<>();
                if (declared.contains(path)) {
                    covered.add(path);
                }
                covered.addAll(declared.subSet(path + ".", true, path + "/", false));
                for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                    if (open.contains(path.substring(0, dot))) {
                        covered.add(path.substring(0, dot));
                    }
                }
                if (covered.isEmpty()) {
                    errors.add(source.file() + " reads " + Value.ENTRY_VARIABLE + "." + path
                            + ", which the entry model "
                            + "of " + maps.stream().map(ChartModel.Entry::path).toList() + " does not declare; "
                            + "declare it in the entry model or fix the template");
                }
                read.addAll(covered);
            }
        }
        for (ChartModel.Entry map : maps) {
            for (Value value : map.value().entry().values()) {
                if (!read.contains(value.path())) {
                    errors.add("value " + map.path() + "." + Value.ENTRY_PLACEHOLDER + "." + value.path()
                            + " is declared by " + map.owner() + " but no template of " + chart + " reads "
                            + Value.ENTRY_VARIABLE + "." + value.path() + "; read it in a template or remove the "
                            + "declaration");
                }
            }
        }
    }

    /**
     * The dotted paths read after each {@code prefix} in a text, without the leading dot, in text order: what the
     * regular expression {@code prefix((?:\.[A-Za-z_][A-Za-z0-9_]*)*)} finds, written as a scan since it ran
     * over every rendered template of every generate (issue 18: a tenth of a warm generation). A {@code prefix}
     * followed by no name gives nothing; one that must be followed by a name ({@code named}) is then looked for
     * again from its next character, as the expression's {@code +} would.
     */
    static List<String> reads(String text, String prefix, boolean named) {
        List<String> reads = new ArrayList<>();
        int at = text.indexOf(prefix);
        while (at >= 0) {
            int start = at + prefix.length();
            int end = start;
            while (end + 1 < text.length() && text.charAt(end) == '.' && nameStart(text.charAt(end + 1))) {
                end += 2;
                while (end < text.length() && namePart(text.charAt(end))) {
                    end++;
                }
            }
            if (end > start) {
                reads.add(text.substring(start + 1, end));
            }
            at = text.indexOf(prefix, end > start || !named ? end : at + 1);
        }
        return reads;
    }

    private static boolean nameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9');
    }

    /** The declared paths, indexed so that finding what a read covers does not scan every entry. */
    private static final class Declared {
        private final NavigableSet<String> paths = new TreeSet<>();
        private final Set<String> open = new HashSet<>();

        Declared(ChartModel model) {
            for (ChartModel.Entry entry : model.entries()) {
                paths.add(entry.path());
                if (entry.value().type().isOpen()) {
                    open.add(entry.path());
                }
            }
        }

        /** The declared paths a read of {@code path} covers: itself, everything below it, or an open map above it. */
        Set<String> covering(String path) {
            Set<String> covered = new LinkedHashSet<>();
            if (paths.contains(path)) {
                covered.add(path);
            }
            // every "path.x…" sorts between "path." and "path/" ('/' follows '.')
            covered.addAll(paths.subSet(path + ".", true, path + "/", false));
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                String above = path.substring(0, dot);
                if (open.contains(above)) {
                    covered.add(above);
                }
            }
            return covered;
        }
    }
}
