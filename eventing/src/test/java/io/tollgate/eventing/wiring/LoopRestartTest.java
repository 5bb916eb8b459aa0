package io.tollgate.eventing.wiring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer loop whose thread is ended by an Error restarts with back-off and goes on; while it
 * stays down longer than the liveness bound, the liveness check fails.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(LoopRestartTest.ShortLivenessBound.class)
class LoopRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaProbe kafka;

    /** A liveness bound far below the restart back-off the test provokes (1 s, 2 s, 4 s). */
    public static class ShortLivenessBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tollgate.consumer.liveness-bound-ms", "2500");
        }
    }

    @Inject
    Databases databases;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void loopEndedByAnErrorRestartsAndLivenessFailsWhileItStaysDown() throws Exception {
        // given
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/live").then().statusCode(200));
        String order = UUID.randomUUID().toString();
        ProbeBatchConsumer.FATAL_FAILURES.set(3);

        // when: the handler throws an Error three times in a row
        kafka.send(Topics.AUTHORIZATIONS.name(), Probes.grant(order, "fatal-" + UUID.randomUUID()));

        // then: liveness fails while the loop is down, and the record is applied once it is back
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/live").then().statusCode(503));
        await().atMost(WAIT).until(() -> Probes.applied(databases, order).size() == 1);
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/live").then().statusCode(200));
        assertThat(ProbeBatchConsumer.FATAL_FAILURES.get()).isLessThan(0);
    }
}
