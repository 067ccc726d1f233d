package io.sparkk8s.acceptance.tools;

/** A tool could not be fetched or started: a prerequisite (node, npm, tar) is missing, or a download failed. */
public final class ToolUnavailableException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing, which command failed and how to fix it
     */
    public ToolUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what is missing, which command failed and how to fix it
     * @param cause the underlying failure
     */
    public ToolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
