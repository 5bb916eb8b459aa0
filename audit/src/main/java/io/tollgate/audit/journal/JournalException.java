package io.tollgate.audit.journal;

/** An exported journal that cannot be read back: not one the tool wrote, or changed since. */
public final class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
