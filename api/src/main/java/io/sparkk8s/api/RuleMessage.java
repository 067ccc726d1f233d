package io.sparkk8s.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link Rule} tells the user, with the value keys it names kept as keys: each layout says a key the
 * way a values file of that chart spells it (the toggle chart and the umbrella {@code connect.backendMode}, the
 * {@code connect} subchart installed alone {@code backendMode}), so a message never asks for a key the chart's
 * own schema rejects.
 *
 * <p>Written as text with keys in braces: {@code "{connect.backendMode} standalone needs a master: set
 * {standalone.enabled}=true"}. Text without braces is one plain part.
 *
 * @param parts the text and the keys, in order
 */
public record RuleMessage(List<Part> parts) {

    /** A piece of a message. */
    public sealed interface Part permits Text, Key {}

    /**
     * Literal text.
     *
     * @param text the text, as is
     */
    public record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A value key, absolute as in the toggle chart ({@code connect.backendMode}, {@code global.s3.endpoint}).
     *
     * @param path the dotted path
     */
    public record Key(String path) implements Part {
        public Key {
            Objects.requireNonNull(path, "path");
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("'" + path + "' is not a dotted value key such as connect.enabled");
            }
        }
    }

    private static final Pattern PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern BRACED = Pattern.compile("\\{([^{}]*)}");

    public RuleMessage {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a rule message needs text");
        }
    }

    /**
     * Reads a message with keys in braces.
     *
     * @throws IllegalArgumentException when a brace holds no dotted key, or a brace is left open
     */
    public static RuleMessage of(String template) {
        Objects.requireNonNull(template, "template");
        List<Part> parts = new ArrayList<>();
        Matcher m = BRACED.matcher(template);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Text(template.substring(at, m.start())));
            }
            parts.add(new Key(m.group(1)));
            at = m.end();
        }
        if (at < template.length()) {
            parts.add(new Text(template.substring(at)));
        }
        parts.forEach(p -> {
            if (p instanceof Text t && (t.text().contains("{") || t.text().contains("}"))) {
                throw new IllegalArgumentException("unbalanced brace in rule message: " + template);
            }
        });
        return new RuleMessage(parts);
    }

    /** The keys the message names, in order. */
    public List<String> keys() {
        return parts.stream()
                .filter(Key.class::isInstance)
                .map(p -> ((Key) p).path())
                .toList();
    }

    /**
     * The message with each key said by {@code keyText}.
     *
     * @param keyText how a layout spells an absolute key
     */
    public String render(Function<String, String> keyText) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part instanceof Key k ? keyText.apply(k.path()) : ((Text) part).text());
        }
        return out.toString();
    }

    /** The message with absolute keys, as the toggle chart and the umbrella spell them. */
    @Override
    public String toString() {
        return render(Function.identity());
    }
}
