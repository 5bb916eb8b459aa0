package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The customer is off the register: orders decided from now on are denied. */
@Revision("1")
public record DesignationRevokedEvent(String customerId, Instant revokedAt) {
}
