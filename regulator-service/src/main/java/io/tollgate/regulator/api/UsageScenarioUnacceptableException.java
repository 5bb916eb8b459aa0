package io.tollgate.regulator.api;

/** A supplied usage scenario does not meet the CN import rule; nothing was stored. */
public class UsageScenarioUnacceptableException extends RegulatorRejection {
    private final Reason reason;

    public UsageScenarioUnacceptableException(Reason reason) {
        super(reason.code().name(), reason.text());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
