package io.tollgate.regulator.api;

import java.util.Objects;

/**
 * The four-eyes record of a rule change: the proposal it came from, the compliance principal who
 * proposed it and the different one who approved it. Events stored before proposals existed carry
 * none (null): one officer's request took effect directly, as its principal metadata shows.
 */
public record Approval(String proposalId, String proposedBy, String approvedBy) {

    public Approval {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(proposedBy, "proposedBy");
        Objects.requireNonNull(approvedBy, "approvedBy");
        if (proposedBy.equals(approvedBy)) {
            // The proposal refuses this first (FourEyesRequiredException); reaching here is a bug.
            throw new IllegalArgumentException("proposal " + proposalId + " approved by its own proposer "
                    + proposedBy);
        }
    }
}
