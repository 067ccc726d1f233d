package io.sparkk8s.api;

/**
 * A block's templates are broken: a Pebble error, or a values path that the templates read but the model
 * does not declare (or the reverse). This is a defect of a block, not of user input.
 */
public class TemplateException extends GenerationException {

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
