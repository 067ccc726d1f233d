package io.sparkk8s.acceptance.tools;

/** An external process or a language-server request did not finish within its time limit. */
public final class ToolTimeoutException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which command or request timed out, after how long, and what it had printed
     */
    public ToolTimeoutException(String message) {
        super(message);
    }
}
