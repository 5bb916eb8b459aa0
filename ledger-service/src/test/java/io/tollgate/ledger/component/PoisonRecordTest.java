package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.testing.PoisonLedger;
import io.tollgate.ledger.testing.Rebuilds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A record the ledger cannot hold (an amount that overflows long minor units) neither stops live
 * posting nor a rebuild: it is refused with its reason, the order's later events wait, and every
 * other order is posted. In an application of its own, as it leaves a refused record behind.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(PoisonLedger.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonRecordTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The largest amount the wire allows: 10^20 cents overflow a long. */
    private static final String OVERFLOWING = "100000000000000000.00";
    private static KafkaProbe probe;
    private static String bootstrap;

    @BeforeAll
    static void connect() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        probe = new KafkaProbe(bootstrap);
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    @Order(1)
    void recordBeyondALimitIsDeadLetteredWithItsReasonAndPostingGoesOn() throws Exception {
        // given a poison request, a later event of its order, and an ordinary order on the same partition
        String poisoned = "order-" + UUID.randomUUID();
        String ordinary = sameOrdersPartitionAs(poisoned);
        send(requested(poisoned, "cust-p", OVERFLOWING, "USD"));
        send(granted(poisoned, "a-" + poisoned));
        send(requested(ordinary, "cust-o", "100.00", "USD"));
        send(granted(ordinary, "a-" + ordinary));
        // then the poison is dead-lettered once, naming the field and the limit
        await().atMost(WAIT).until(() -> !deadLettered(poisoned).isEmpty());
        assertThat(deadLettered(poisoned)).singleElement().satisfies(r -> assertThat(new String(
                r.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .startsWith("LEDGER_AMOUNT_OUT_OF_RANGE").contains("grossAmount").contains("1000000000000.00"));
        // and the ordinary order is posted while the poisoned one has nothing in the journal
        await().atMost(WAIT).until(() -> !entriesOf(ordinary).isEmpty());
        assertThat(entriesOf(poisoned)).isEmpty();
    }

    @Test
    @Order(2)
    void rebuildSkipsAndReportsARecordBeyondALimitAndHoldsItsOrder() {
        // given a poison request with a later grant, and an ordinary order
        String poisoned = "order-" + UUID.randomUUID();
        String ordinary = "order-" + UUID.randomUUID();
        send(requested(poisoned, "cust-p", OVERFLOWING, "USD"));
        send(granted(poisoned, "a-" + poisoned));
        send(requested(ordinary, "cust-o", "100.00", "USD"));
        send(granted(ordinary, "a-" + ordinary));
        // when the journal is rebuilt from the topics
        JsonPath report = Rebuilds.rebuild(Duration.ofSeconds(60)).setRootPath("outcome.replay");
        // then the poison is reported, the poisoned order's grant is held, and the rest is posted
        assertThat(report.getList("refusals.orderId")).contains(poisoned);
        assertThat(report.getList("refusals.code")).containsOnly("LEDGER_AMOUNT_OUT_OF_RANGE");
        assertThat(report.getLong("rejected")).isEqualTo(report.getList("refusals").size());
        assertThat(report.getLong("held")).isGreaterThanOrEqualTo(1);
        assertThat(entriesOf(ordinary)).isNotEmpty();
        assertThat(entriesOf(poisoned)).isEmpty();
        asAuditor().get("/api/v1/audit/verify").then().statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(true));
    }

    /** The dead-letter records of one order (the broker is shared with other test applications). */
    private static List<ConsumerRecord<String, byte[]>> deadLettered(String orderId) {
        return probe.readAll("tollgate.ledger-service.dlt", Duration.ofSeconds(5)).stream()
                .filter(r -> orderId.equals(r.key())).toList();
    }

    /** An order id whose key the default partitioner puts on the same orders partition. */
    private static String sameOrdersPartitionAs(String orderId) throws Exception {
        int partitions;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            partitions = admin.describeTopics(List.of(Topics.ORDERS.name())).allTopicNames().get()
                    .get(Topics.ORDERS.name()).partitions().size();
        }
        int target = partitionOf(orderId, partitions);
        for (int i = 0; i < 10_000; i++) {
            String candidate = "order-" + UUID.randomUUID();
            if (partitionOf(candidate, partitions) == target) {
                return candidate;
            }
        }
        throw new AssertionError("no order id on partition " + target + " in 10,000 tries");
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void send(WireEvent event) {
        probe.send(EventTypes.topicOf(event).name(), Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(event),
                event));
    }

    private static List<Map<String, Object>> entriesOf(String order) {
        return asAuditor().get("/api/v1/orders/" + order + "/entries").then().statusCode(200).extract().jsonPath()
                .getList("entries");
    }

    private static RequestSpecification asAuditor() {
        return given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER));
    }
}
