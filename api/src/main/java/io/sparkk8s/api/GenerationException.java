package io.sparkk8s.api;

/** The base of every failure the generator reports; each failure kind has its own subtype. */
public abstract class GenerationException extends RuntimeException {

    protected GenerationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exit status a command-line front end should use: 1 for bad input, 2 for usage, 3 for internal. */
    public int exitCode() {
        return 1;
    }
}
