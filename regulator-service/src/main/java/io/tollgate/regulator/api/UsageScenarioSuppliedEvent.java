package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The buyer supplied a usage scenario the CN import rule accepts. */
@Revision("1")
public record UsageScenarioSuppliedEvent(String orderId, String usageScenario, Instant suppliedAt) {
}
