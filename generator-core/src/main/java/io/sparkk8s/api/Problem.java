package io.sparkk8s.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One problem with an input: where it is and how to fix it.
 *
 * @param source the file (or other source) that holds the bad value
 * @param path the key path, e.g. {@code connect.backendMode}; empty for the whole file
 * @param message what is wrong, with the bad value, what is allowed and how to fix it
 */
public record Problem(String source, String path, String message) {

    public Problem {
        Objects.requireNonNull(source, "source");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : "`" + path + "` in ") + source + ": " + message;
    }

    static String describe(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems:\n" + problems.stream().map(p -> "  - " + p)
                .collect(Collectors.joining("\n"));
    }
}
