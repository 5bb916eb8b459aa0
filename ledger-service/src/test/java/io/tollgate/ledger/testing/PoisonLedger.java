package io.tollgate.ledger.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Another application of its own, for the tests that publish records the ledger cannot hold. */
public final class PoisonLedger implements QuarkusTestProfile {
}
