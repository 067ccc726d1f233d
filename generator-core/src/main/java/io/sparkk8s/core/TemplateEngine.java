package io.sparkk8s.core;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.lexer.Syntax;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.Loader;
import io.sparkk8s.api.Block;
import io.sparkk8s.api.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pebble, configured for generating Helm templates: strict variables, no auto-escaping, UTF-8, and
 * delimiters ({@code {= =}}, {@code {% %}}, {@code {## ##}}), no newline trimming, that leave Helm's {@code {{ }}} alone.
 */
final class TemplateEngine {

    static final String CORE_FOLDER = "io/sparkk8s/core/templates/";

    private final PebbleEngine engine;

    TemplateEngine(List<Block> blocks) {
        Set<ClassLoader> classLoaders = new LinkedHashSet<>();
        for (Block block : blocks) {
            classLoaders.add(block.getClass().getClassLoader());
        }
        List<Loader<?>> loaders = new ArrayList<>();
        ClasspathLoader core = new ClasspathLoader(TemplateEngine.class.getClassLoader());
        core.setPrefix(CORE_FOLDER);
        loaders.add(core);
        for (ClassLoader classLoader : classLoaders) {
            loaders.add(new ClasspathLoader(classLoader));
        }
        DelegatingLoader loader = new DelegatingLoader(loaders);
        loader.setCharset(StandardCharsets.UTF_8.name());
        Syntax syntax = new Syntax.Builder()
                .setPrintOpenDelimiter("{=")
                .setPrintCloseDelimiter("=}")
                .setExecuteOpenDelimiter("{%")
                .setExecuteCloseDelimiter("%}")
                .setCommentOpenDelimiter("{##")
                .setCommentCloseDelimiter("##}")
                .setEnableNewLineTrimming(false)
                .build();
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .syntax(syntax)
                .strictVariables(true)
                .autoEscaping(false)
                .newLineTrimming(false)
                .defaultLocale(Locale.ROOT)
                .cacheActive(true)
                .build();
    }

    /**
     * Renders a template. The variables must not change after the call: the text is kept for them.
     *
     * @param name the template name: {@code root/…} for the engine's own, a classpath path for a block's
     * @throws TemplateException naming the template and Pebble's message
     */
    String render(String name, Map<String, Object> context) {
        return rendered.get(new Rendering(name, context), r -> evaluate(r.name(), r.context()));
    }

    /**
     * What a rendering is a function of: the template, which Pebble reads once per engine and keeps
     * ({@code cacheActive}), and the variables (maps, lists, strings, numbers, booleans and records of them,
     * compared by value). The callers build the variables for the call ({@link TemplateVariables}, {@code Map.of})
     * and change them no more after it, so the kept key stays what it was (copying them at every depth cost more
     * than half of what keeping the text saves).
     */
    private record Rendering(String name, Map<String, Object> context) {}

    /**
     * Texts of recent renderings of this engine (issue 18, warm generation: the templates of an unchanged chart
     * render to the same text on each generation; see {@link Memo}). A failing rendering is not kept.
     */
    private final Memo<Rendering, String> rendered = new Memo<>(8192);

    private String evaluate(String name, Map<String, Object> context) {
        try {
            StringWriter out = new StringWriter();
            engine.getTemplate(name).evaluate(out, context, Locale.ROOT);
            return out.toString();
        } catch (PebbleException e) {
            throw new TemplateException("template " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TemplateException("template " + name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
