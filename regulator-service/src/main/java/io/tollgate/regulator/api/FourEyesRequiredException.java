package io.tollgate.regulator.api;

/** The proposer of a rule change tried to approve (or reject) it: another principal must. */
public class FourEyesRequiredException extends RegulatorRejection {
    public FourEyesRequiredException(String proposalId, String principal) {
        super("FOUR_EYES_REQUIRED", "Proposal " + proposalId + " was made by " + principal
                + "; another compliance principal must approve or reject it");
    }
}
