package io.sparkk8s.api;

/** The output cannot be written, e.g. the output path is a file; the previous output is left intact. */
public class OutputException extends GenerationException {

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
