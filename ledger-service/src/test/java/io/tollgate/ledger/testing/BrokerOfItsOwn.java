package io.tollgate.ledger.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.TollgateTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An application on a Kafka broker of its own (and its own database), for the tests that stop the
 * broker: the JVM's shared broker serves every other test. The broker is injected into the test's
 * {@link KafkaBroker} field.
 */
public final class BrokerOfItsOwn implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    /** The test kit's resource with the broker replaced by one started for this application. */
    public static final class Resource extends TollgateTestResource {
        private KafkaBroker broker;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            broker = KafkaBroker.start();
            broker.createTopics(3, (short) 1, Topics.ORDERS.name(), Topics.AUTHORIZATIONS.name(),
                    Topics.LEDGER_CHECKPOINTS.name());
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            return config;
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(broker, new TestInjector.MatchesType(KafkaBroker.class));
        }

        @Override
        public void stop() {
            try {
                super.stop();
            } finally {
                broker.close();
            }
        }
    }
}
