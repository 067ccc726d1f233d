package io.sparkk8s.acceptance.tools;

/** Base type of the failures of the external tools the acceptance tests drive (Helm, yaml-language-server). */
public class ToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the command and how to fix it
     */
    public ToolException(String message) {
        super(message);
    }

    /**
     * @param message what failed, with the command and how to fix it
     * @param cause the underlying failure
     */
    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
