package io.tollgate.ledger.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * An application that anchors its chains every two seconds, on a broker of its own: the anchors
 * topic of the JVM's shared broker must not hold anchors of chains in another application's database.
 */
public final class AnchoredLedger implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tollgate.ledger.anchor-interval", "PT2S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(BrokerOfItsOwn.Resource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
