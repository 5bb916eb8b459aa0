package io.tollgate.regulator.api;

/** Only the proposer may withdraw a proposal; others reject it. */
public class NotTheProposerException extends RegulatorRejection {
    public NotTheProposerException(String proposalId, String principal) {
        super("NOT_THE_PROPOSER", "Proposal " + proposalId + " was not made by " + principal
                + "; only its proposer may withdraw it (others may reject it)");
    }
}
