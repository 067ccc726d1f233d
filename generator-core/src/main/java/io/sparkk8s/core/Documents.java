package io.sparkk8s.core;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The documents of a chart (its README and NOTES.txt) rendered from logic-less Mustache templates under
 * {@code io/sparkk8s/core/documents/}, fed by documented view models ({@link ReadmeView}, {@link NotesView}). Markdown, not HTML: the
 * factory writes values as they are (no HTML escaping); templates are read as UTF-8 and compiled once.
 */
final class Documents {

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("io/sparkk8s/core/documents") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final Mustache README = FACTORY.compile("README.md.mustache");
    private static final Mustache NOTES = FACTORY.compile("NOTES.txt.mustache");

    private Documents() {}

    /** The chart README. */
    static String readme(ReadmeView view) {
        StringWriter out = new StringWriter();
        README.execute(out, view);
        return out.toString();
    }

    /** A chart's templates/NOTES.txt (a Helm template: Helm fills in the release's names). */
    static String notes(NotesView view) {
        StringWriter out = new StringWriter();
        NOTES.execute(out, view);
        return out.toString();
    }
}
