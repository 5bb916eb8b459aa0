package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * How a policy version came into force: who adopted it and when, and its four-eyes record (the
 * proposal, its proposer and approver; absent for the shipped seed and versions adopted before
 * proposals existed, whose {@code adoptedBy} is then the one officer who adopted them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyAdoptionView(String version, String adoptedBy, Instant adoptedAt, String proposalId,
                                 String proposedBy, String approvedBy) {
}
