package io.tollgate.regulator.api;

import java.util.List;

/** Business rejections of the regulator's aggregates; each carries a stable code. */
public final class RegulatorExceptions {

    private RegulatorExceptions() {
    }

    /** Base: a refused command; {@link #code()} is stable, the message is for people. */
    public static class RegulatorRejection extends RuntimeException {
        private final String code;

        public RegulatorRejection(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The command is not allowed in the application's (or designation's) current state. */
    public static class IllegalTransitionException extends RegulatorRejection {
        public IllegalTransitionException(String code, String message) {
            super(code, message);
        }
    }

    /** A second, different request for an order that already has an application. */
    public static class DuplicateOrderException extends RegulatorRejection {
        public DuplicateOrderException(String orderId, String existingEventId, String newEventId) {
            super("DUPLICATE_ORDER", "Order " + orderId + " was already requested by event "
                    + existingEventId + "; event " + newEventId + " asks again");
        }
    }

    /** A supplied usage scenario does not meet the CN import rule; nothing was stored. */
    public static class UsageScenarioUnacceptableException extends RegulatorRejection {
        private final Reason reason;

        public UsageScenarioUnacceptableException(Reason reason) {
            super(reason.code().name(), reason.text());
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** An officer GRANT that a hard rule forbids (prohibited or unknown product, register, cap). */
    public static class OfficerOverrideRefusedException extends RegulatorRejection {
        private final List<Reason> reasons;

        public OfficerOverrideRefusedException(List<Reason> reasons) {
            super(reasons.get(0).code().name(), "A compliance officer cannot grant this application: "
                    + reasons.get(0).text());
            this.reasons = List.copyOf(reasons);
        }

        public List<Reason> reasons() {
            return reasons;
        }
    }

    /** The customer's register entry changed under a grant (revoked, or cap reached meanwhile). */
    public static class UnitsUnavailableException extends RegulatorRejection {
        public UnitsUnavailableException(ReasonCode code, String message) {
            super(code.name(), message);
        }
    }

    /** A policy version is adopted at most once. */
    public static class PolicyVersionExistsException extends RegulatorRejection {
        public PolicyVersionExistsException(String version) {
            super("POLICY_VERSION_EXISTS", "Policy version " + version + " was already adopted");
        }
    }
}
