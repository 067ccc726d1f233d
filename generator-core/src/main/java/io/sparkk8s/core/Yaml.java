package io.sparkk8s.core;

import io.sparkk8s.api.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Structured YAML in and out, with snakeyaml-engine; never string substitution of user text. */
final class Yaml {

    private Yaml() {}

    /**
     * Parses one YAML document into maps, lists and scalars.
     *
     * @throws YamlException naming the source and the line when the text is not YAML
     */
    static Object load(String text, String source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setAllowDuplicateKeys(false)
                .setUseMarks(true)
                .setCodePointLimit(InputFiles.MAX_BYTES)
                // the whole text in one window: the reader's default 1 KB window makes long scalars quadratic
                .setBufferSize(Math.max(1024, text.length() + 1))
                .build();
        try {
            return new Load(settings) {
                @Override
                protected Composer createComposer(String yaml) {
                    return new Composer(settings, new DepthLimitedParser(settings, yaml, source));
                }
            }.loadFromString(text);
        } catch (StackOverflowError e) {
            throw new YamlException(
                    new Problem(
                            source,
                            "",
                            "is nested too deeply to read; values are nested at " + "most " + MAX_DEPTH + " levels"),
                    null);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark()
                    .map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse("");
            throw new YamlException(
                    new Problem(source, "", "not valid YAML at " + where + ": " + e.getProblem() + " — fix the syntax"),
                    e);
        } catch (YamlEngineException e) {
            throw new YamlException(new Problem(source, "", "not valid YAML: " + e.getMessage()), e);
        }
    }

    /** The deepest nesting of mappings and lists a YAML input may have (values use about 10). */
    static final int MAX_DEPTH = 100;

    /** Parses every document of a multi-document stream, skipping empty ones. */
    static List<Object> loadAll(String text, String source) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).build();
        List<Object> documents = new ArrayList<>();
        for (Object document : new Load(settings).loadAllFromString(text)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** Dumps a value as a block-style YAML document. */
    static String dump(Object value) {
        return new Dump(BLOCK).dumpToString(value);
    }

    // immutable; building them creates the scalar resolver's patterns, so build each once
    private static final DumpSettings BLOCK = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setDefaultScalarStyle(ScalarStyle.PLAIN)
            .setIndent(2)
            .setIndicatorIndent(0)
            .setWidth(4000)
            .setSplitLines(false)
            .build();
    private static final DumpSettings FLOW = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.FLOW)
            .setDefaultScalarStyle(ScalarStyle.PLAIN)
            .setWidth(4000)
            .setSplitLines(false)
            .build();

    /** Dumps a scalar or an empty collection as inline YAML, e.g. {@code "true"}, {@code {}}. */
    static String inline(Object value) {
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        if (!scalar) {
            return dumpInline(value);
        }
        // values.yaml writes the same defaults on every generation: remember the scalars' text (exact: the same
        // scalar always dumps the same), bounded so a long-lived JVM cannot grow it without end
        String text = INLINE.get(value);
        if (text == null) {
            text = dumpInline(value);
            if (INLINE.size() > 20_000) {
                INLINE.clear();
            }
            INLINE.put(value, text);
        }
        return text;
    }

    private static final java.util.concurrent.ConcurrentHashMap<Object, String> INLINE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String dumpInline(Object value) {
        String text = new Dump(FLOW).dumpToString(value);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** A value as a map, or a problem naming the path. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String source, String path) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new YamlException(new Problem(source, path, "expected a mapping, found " + describe(value)), null);
    }

    /** A short description of a value's YAML type and text, for messages. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "the string '" + s + "'";
        }
        return (value instanceof Boolean ? "the boolean " : "the number ") + value;
    }

    /** A YAML input problem. */
    static final class YamlException extends io.sparkk8s.api.InvalidInputException {
        public YamlException(Problem problem, Throwable cause) {
            super(List.of(problem), cause);
        }
    }
}
