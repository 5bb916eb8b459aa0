package io.tollgate.regulator.api;

/**
 * A document for an application that was granted, denied or withdrawn: documents count only
 * before the decision. (One the ERP supplies through order-service after the decision is passed
 * over instead: {@link PassOverSupplyCommand}.)
 */
public class ApplicationNotOpenException extends RegulatorRejection {

    public ApplicationNotOpenException(String orderId, ApplicationStatus status) {
        super("APPLICATION_NOT_OPEN", "Cannot supply a document for application " + orderId + ": it is "
                + status + ", and a document counts only before the decision");
    }
}
