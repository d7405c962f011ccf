package io.chaoschain.core;

/**
 * An error caused by the user's input or environment (bad flag, unreachable RPC, wrong password). The CLI prints its
 * message as one line, without a stack trace, and exits with {@link #exitCode()}.
 */
public class UserFacingException extends RuntimeException {
    private final int exitCode;

    public UserFacingException(String message) {
        this(message, 2, null);
    }

    public UserFacingException(String message, Throwable cause) {
        this(message, 2, cause);
    }

    public UserFacingException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
