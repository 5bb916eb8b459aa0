package io.tollgate.regulator.api;

/**
 * The room a grant was decided on is gone (a concurrent grant of the same class and period took
 * it): like a customer's units, the whole decision rolls back and is tried again with fresh figures.
 */
public class UsVolumeUnavailableException extends UnitsUnavailableException {
    public UsVolumeUnavailableException(String message) {
        super(ReasonCode.US_VOLUME_CAP_EXCEEDED, message);
    }
}
