package io.tollgate.regulator.rest;

import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.regulator.api.FourEyesRequiredException;
import io.tollgate.regulator.api.IllegalTransitionException;
import io.tollgate.regulator.api.NotTheProposerException;
import io.tollgate.regulator.api.OfficerOverrideRefusedException;
import io.tollgate.regulator.api.PolicyVersionExistsException;
import io.tollgate.regulator.api.RegulatorRejection;
import io.tollgate.regulator.api.UnitsUnavailableException;
import io.tollgate.regulator.api.UsageScenarioUnacceptableException;
import java.util.function.Supplier;

/** Turns the aggregates' named rejections into problem+json answers, and checks common inputs. */
final class Problems {

    /** Ids in paths (order, customer, policy version); checked by {@code @Pattern} on each. */
    static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,200}";

    private Problems() {
    }

    /** Runs {@code action}; a business rejection becomes the matching 4xx problem. */
    static <T> T refusing(Supplier<T> action) {
        try {
            return action.get();
        } catch (RegulatorRejection e) {
            throw toProblem(e);
        }
    }

    static ProblemException toProblem(RegulatorRejection e) {
        if (e instanceof UsageScenarioUnacceptableException) {
            return new ProblemException(422, e.code(), "usageScenario", e.getMessage());
        }
        if (e instanceof OfficerOverrideRefusedException) {
            return new ProblemException(409, e.code(), "decision", e.getMessage());
        }
        if (e instanceof PolicyVersionExistsException) {
            return new ProblemException(409, e.code(), "version", e.getMessage());
        }
        if (e instanceof FourEyesRequiredException || e instanceof NotTheProposerException) {
            // Authenticated and in the right role, but not allowed to decide this proposal.
            return new ProblemException(403, e.code(), null, e.getMessage());
        }
        if (e instanceof UnitsUnavailableException) {
            // The register changed under this decision (a concurrent grant or revocation): nothing
            // was stored; the same request again sees the new state.
            return new ProblemException(409, "CONCURRENT_DECISION", null, e.getMessage() + "; retry");
        }
        if (e instanceof IllegalTransitionException) {
            return new ProblemException(409, e.code(), null, e.getMessage());
        }
        return new ProblemException(409, e.code(), null, e.getMessage());
    }

    static <T> T body(T body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON request body is required");
        }
        return body;
    }

    static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        if (value.length() > maxLength) {
            throw ProblemException.badRequest(field, field + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
