package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A customer is (again) on the register with these details; a null cap means no cap. */
@Revision("1")
public record CustomerDesignatedEvent(String customerId, String name, String country,
                                      Long unitCapPerQuarter, Instant designatedAt) {
}
