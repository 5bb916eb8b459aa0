package io.tollgate.ledger.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A test profile of its own, without the Kafka consumers: the tests that use it drive the writers
 * themselves on a database apart from the other component tests (they wipe the journal), and the
 * topics other tests filled must neither be consumed nor rebuilt into it.
 */
public final class OwnLedger implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tollgate.consumers.enabled", "false");
    }
}
