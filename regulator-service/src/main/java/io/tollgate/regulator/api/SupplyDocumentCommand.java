package io.tollgate.regulator.api;

import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.UsVolumeStanding;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a document for an open application; one that waits for documents is evaluated again at
 * once, under the version of {@code policies} in force when its order was requested, at
 * {@code suppliedAt}; a grant must fit within {@code usVolume}. The same document supplied again
 * changes nothing.
 */
public record SupplyDocumentCommand(@TargetAggregateIdentifier String orderId, SuppliedDocument document,
                                    PolicyHistory policies, CustomerStanding standing,
                                    String authorizationId, Instant suppliedAt, UsVolumeStanding usVolume) {
}
