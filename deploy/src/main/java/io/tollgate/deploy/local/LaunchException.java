package io.tollgate.deploy.local;

/**
 * A start-up or operating failure the user can act on: the message says what failed and why, and
 * {@link #detail()} carries evidence such as the tail of a log file.
 */
public final class LaunchException extends RuntimeException {

    private final String detail;

    public LaunchException(String message) {
        this(message, "");
    }

    public LaunchException(String message, String detail) {
        super(message);
        this.detail = detail == null ? "" : detail;
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
        this.detail = "";
    }

    /** Evidence for the failure (log tail, command output); empty when there is none. */
    public String detail() {
        return detail;
    }
}
