package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A register entry as the API shows it, with the units granted per quarter and who designated,
 * revoked and last changed it (principals; absent for changes made before authentication existed),
 * and the four-eyes record of the latest change: its proposal, proposer and approver (absent for
 * changes made before proposals existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesignationView(String customerId, String name, String country, Long unitCapPerQuarter,
                              String status, Instant designatedAt, String designatedBy, Instant revokedAt,
                              String revokedBy, Instant updatedAt, String updatedBy, String proposalId,
                              String proposedBy, String approvedBy,
                              Map<String, Long> unitsGrantedByQuarter, @JsonIgnore long rowNo) {
}
