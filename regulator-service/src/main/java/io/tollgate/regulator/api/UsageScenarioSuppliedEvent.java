package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The buyer supplied a usage scenario the CN import rule accepts, and the category of necessity it
 * declared with it ({@code necessityCategory}; absent when it declared none, and from events stored
 * before categories existed).
 */
@Revision("1")
public record UsageScenarioSuppliedEvent(String orderId, String usageScenario, Instant suppliedAt,
                                         @JsonInclude(JsonInclude.Include.NON_NULL) String necessityCategory) {

    /** A scenario supplied without a category (as stored before categories). */
    public UsageScenarioSuppliedEvent(String orderId, String usageScenario, Instant suppliedAt) {
        this(orderId, usageScenario, suppliedAt, null);
    }
}
