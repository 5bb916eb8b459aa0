package io.tollgate.regulator.api;

/**
 * A document or usage scenario for an application that was granted, denied or withdrawn: both
 * count only before the decision.
 */
public class ApplicationNotOpenException extends RegulatorRejection {

    public ApplicationNotOpenException(String orderId, ApplicationStatus status) {
        this(orderId, status, "a document");
    }

    /** @param what what was supplied, e.g. "a usage scenario" */
    public ApplicationNotOpenException(String orderId, ApplicationStatus status, String what) {
        super("APPLICATION_NOT_OPEN", "Cannot supply " + what + " for application " + orderId + ": it is "
                + status + ", and " + what + " counts only before the decision");
    }
}
