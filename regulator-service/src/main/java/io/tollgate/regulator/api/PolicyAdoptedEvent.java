package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A policy version became the one new decisions use; earlier decisions keep theirs. */
@Revision("1")
public record PolicyAdoptedEvent(String registerId, Policy policy, String adoptedBy,
                                 Instant adoptedAt) {
}
