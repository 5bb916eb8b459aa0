package io.tollgate.audit.ledger;

/** The ledger's API could not be read: unreachable, refused, or answered something unexpected. */
public final class LedgerApiException extends RuntimeException {

    public LedgerApiException(String message) {
        super(message);
    }

    public LedgerApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
