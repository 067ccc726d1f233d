package io.sparkk8s.acceptance.tools;

/** The language server answered a request with an error, broke the protocol, or exited. */
public final class LanguageServerException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which request failed and what the server said
     */
    public LanguageServerException(String message) {
        super(message);
    }

    /**
     * @param message which request failed and what the server said
     * @param cause the underlying failure
     */
    public LanguageServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
