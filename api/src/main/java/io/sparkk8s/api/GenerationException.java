package io.sparkk8s.api;

/**
 * The base of every failure the generator reports; each failure kind has its own subtype, which front ends
 * map to their own terms (an exit status, a Maven failure or error) by type: {@link TemplateException} is a
 * defect of a block, the others are bad input or an unusable output.
 */
public abstract class GenerationException extends RuntimeException {

    protected GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
