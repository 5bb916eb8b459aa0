package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Events of the {@code Designation} aggregate. */
public final class DesignationEvents {

    private DesignationEvents() {
    }

    /** A customer is (again) on the register with these details; a null cap means no cap. */
    @Revision("1")
    public record CustomerDesignatedEvent(String customerId, String name, String country,
                                          Long unitCapPerQuarter, Instant designatedAt) {
    }

    @Revision("1")
    public record DesignationRevokedEvent(String customerId, Instant revokedAt) {
    }

    /** A grant's units now count against the customer's cap for {@code quarter}. */
    @Revision("1")
    public record UnitsReservedEvent(String customerId, String orderId, String quarter, long units,
                                     Instant reservedAt) {
    }

    /** A cancelled grant's units no longer count. */
    @Revision("1")
    public record UnitsReturnedEvent(String customerId, String orderId, String quarter, long units,
                                     Instant returnedAt) {
    }
}
