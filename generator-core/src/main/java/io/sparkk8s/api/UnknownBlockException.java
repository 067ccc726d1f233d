package io.sparkk8s.api;

import java.util.List;

/** A block id is unknown, or two blocks claim the same id or values key. */
public class UnknownBlockException extends GenerationException {

    public UnknownBlockException(String message, List<String> knownIds) {
        super(message + "; known blocks: " + String.join(", ", knownIds.stream().sorted().toList()), null);
    }
}
