package io.sparkk8s.core;

import io.sparkk8s.api.Problem;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The parser the composer reads, counting the nesting of mappings and lists as it hands out their start events:
 * deeper than {@link Yaml#MAX_DEPTH} fails before the composer (which recurses per level) goes one level further,
 * so a text is parsed once, not once to check its depth and again to load it (issue 18: YAML reading was a tenth
 * of a cold generate).
 */
final class DepthLimitedParser implements Parser {

    private final Parser parser;
    private final String source;
    private int depth;

    DepthLimitedParser(LoadSettings settings, String text, String source) {
        // what Load.createComposer(String) builds, with this parser between the parser and the composer
        this.parser = new ParserImpl(settings, new StreamReader(settings, text));
        this.source = source;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > Yaml.MAX_DEPTH) {
                    throw tooDeep(event);
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {}
        }
        return event;
    }

    private Yaml.YamlException tooDeep(Event event) {
        String where = event.getStartMark()
                .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("");
        return new Yaml.YamlException(
                new Problem(
                        source,
                        "",
                        "is nested more than " + Yaml.MAX_DEPTH
                                + " levels deep" + where
                                + "; values files nest about 10 levels: check the file "
                                + "(a generated or truncated file?)"),
                null);
    }
}
