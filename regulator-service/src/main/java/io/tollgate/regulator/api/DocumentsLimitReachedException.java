package io.tollgate.regulator.api;

/** The application holds as many documents as one application records; nothing more is stored. */
public class DocumentsLimitReachedException extends RegulatorRejection {
    public DocumentsLimitReachedException(String orderId, int max) {
        super("DOCUMENTS_LIMIT_REACHED", "Application " + orderId + " holds " + max
                + " documents, the most one application records");
    }
}
