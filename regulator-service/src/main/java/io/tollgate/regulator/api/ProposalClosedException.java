package io.tollgate.regulator.api;

/** A proposal already approved, rejected or withdrawn cannot be decided again. */
public class ProposalClosedException extends RegulatorRejection {
    public ProposalClosedException(String proposalId, ProposalStatus status) {
        super("PROPOSAL_CLOSED", "Proposal " + proposalId + " is already " + status);
    }
}
