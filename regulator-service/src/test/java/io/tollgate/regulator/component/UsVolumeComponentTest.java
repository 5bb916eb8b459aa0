package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.rest.Replayed;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.UsVolumeCap;
import io.tollgate.regulator.testdata.Mother;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The US-volume cap in a running regulator, with a real broker and database of its own (a profile
 * of its own, so its reports and versions meet no other test's): orders wait in AWAITING_US_VOLUME
 * with the wait published, the ERP's report makes room and they are granted oldest first on the
 * authorizations topic, a report is idempotent by its id, a cancelled grant gives its units back,
 * and a wait that outlives its version's limit is denied.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(UsVolumeComponentTest.OwnApplication.class)
class UsVolumeComponentTest {

    /** A profile of its own: Quarkus starts this test a separate application and database. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProbe kafka;

    /**
     * The shipped version as of its own instant, adopted after it (so it decides every order here)
     * without the documents it requires, whose waits have tests of their own: here a grant the rules
     * make meets the cap at once.
     */
    @BeforeEach
    void withoutDocuments() {
        if (CAP_ONLY_ADOPTED.compareAndSet(false, true)) {
            Policy shipped = Mother.policy2026();
            RuleChangeCalls.adopt(Mother.policy2026As("us-cap-only-" + shortId(), shipped.effectiveFrom())
                    .withDocuments(null)).statusCode(200);
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean CAP_ONLY_ADOPTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void ordersWaitForUsVolumeAndAreGrantedOldestFirstWhenTheErpReportsUsShipments() {
        // given: two orders of one class and quarter, and no US shipments reported
        String customer = designate();
        Envelope first = request(customer, "H100-SXM-80GB", 10, Instant.now());
        kafka.send(Topics.ORDERS.name(), first);
        awaitStatus(first.subject(), "AWAITING_US_VOLUME");
        Envelope second = request(customer, "H100-PCIE", 4, Instant.now());
        kafka.send(Topics.ORDERS.name(), second);
        awaitStatus(second.subject(), "AWAITING_US_VOLUME");
        AuthorizationPendingV1 waiting = await().atMost(WAIT).until(() -> pendings(first.subject()), l -> !l.isEmpty())
                .get(0);
        assertThat(waiting.waitingFor()).isEqualTo(AuthorizationPendingV1.US_VOLUME);
        assertThat(waiting.code()).isEqualTo("US_VOLUME_CAP_EXCEEDED");
        assertThat(waiting.policyClause()).isEqualTo("us-volume-50-percent");
        assertThat(waiting.requirement()).contains("10 units of H100", "0 units reported");
        String period = Quarter.of(Instant.now());

        // when: 20 US units make room for the first (10 of 10), not yet for the second
        report("erp-h100-1-" + shortId(), "H100", period, 20).statusCode(201);

        // then
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(first.subject()).event();
        assertThat(grant.policyClause()).isEqualTo("case-by-case-h200-class");
        assertThat(application(first.subject()).getList("history.event"))
                .containsExactly("RECEIVED", "US_VOLUME_AWAITED", "GRANTED");
        assertThat(application(second.subject()).getString("status")).isEqualTo("AWAITING_US_VOLUME");
        JsonPath volume = volume("H100", period);
        assertThat(volume.getLong("items[0].usUnitsReported")).isEqualTo(20);
        assertThat(volume.getLong("items[0].authorizedUnits")).isEqualTo(10);
        assertThat(volume.getLong("items[0].ordersWaiting")).isEqualTo(1);
        assertThat(volume.getLong("items[0].headroom")).isEqualTo(-4);

        // when: 8 more make room for the second
        report("erp-h100-2-" + shortId(), "H100", period, 8).statusCode(201);

        // then
        assertThat(awaitDecision(second.subject()).event()).isInstanceOf(AuthorizationGrantedV1.class);
        assertThat(volume("H100", period).getLong("items[0].authorizedUnits")).isEqualTo(14);
    }

    @Test
    void aReportIsIdempotentByItsIdAndItsFieldsAreChecked() {
        // given
        String period = Quarter.of(Instant.now());
        String reportId = "erp-idem-" + shortId();

        // when / then: first recorded, the same again answered as recorded, other figures refused
        report(reportId, "Instinct MI325X", period, 100).statusCode(201)
                .header("Location", containsString("/api/v1/us-volume/reports/" + reportId))
                .body("units", equalTo(100)).body("reportedBy", equalTo(Roles.ERP));
        report(reportId, "Instinct MI325X", period, 100).statusCode(200)
                .header(Replayed.HEADER, "true").body("units", equalTo(100));
        report(reportId, "Instinct MI325X", period, 101).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("US_SHIPMENT_REPORT_ID_REUSED")).body("field", equalTo("reportId"));
        report(reportId, "H200", period, 100).statusCode(409).body("code", equalTo("US_SHIPMENT_REPORT_ID_REUSED"));
        assertThat(volume("Instinct MI325X", period).getLong("items[0].usUnitsReported")).isEqualTo(100);
        as(Roles.AUDITOR).when().get("/api/v1/us-volume/reports/" + reportId).then().statusCode(200)
                .body("productClass", equalTo("Instinct MI325X"));

        // and bad fields are named
        report("erp-bad-" + shortId(), "MI325X", period, 1).statusCode(422).body("field", equalTo("productClass"));
        report("erp-bad-" + shortId(), "H200", "2026-Q5", 1).statusCode(422).body("field", equalTo("period"));
        report("erp-bad-" + shortId(), "H200", "2099-Q1", 1).statusCode(422).body("field", equalTo("period"));
        report("erp-bad-" + shortId(), "H200", period, 0).statusCode(422).body("field", equalTo("units"));
        report("erp-bad-" + shortId(), "H200", period, 1_000_000_001L).statusCode(422)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("field", equalTo("units"));
        report("bad id with spaces", "H200", period, 1).statusCode(422).body("field", equalTo("reportId"));
        as(Roles.COMPLIANCE).contentType(ContentType.JSON).body(body("erp-x-" + shortId(), "H200", period, 1))
                .when().post("/api/v1/us-volume/reports").then().statusCode(403);
    }

    @Test
    void aCancelledGrantGivesItsUnitsBackAndTheNextWaitingOrderIsGranted() {
        // given: 20 US units; a grant of 10 takes them all; a second order waits
        String customer = designate();
        String period = Quarter.of(Instant.now());
        report("erp-mi300-" + shortId(), "Instinct MI300X", period, 20).statusCode(201);
        Envelope granted = request(customer, "MI300X", 10, Instant.now());
        kafka.send(Topics.ORDERS.name(), granted);
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(granted.subject()).event();
        Envelope waiting = request(customer, "MI300X-OAM", 5, Instant.now());
        kafka.send(Topics.ORDERS.name(), waiting);
        awaitStatus(waiting.subject(), "AWAITING_US_VOLUME");

        // when: the granted order is cancelled
        kafka.send(Topics.ORDERS.name(), Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service",
                new OrderCancelledV1(granted.subject(), "AUTHORIZED", grant.authorizationId(), "customer withdrew",
                        Instant.now(), "erp")));

        // then: its 10 units are back, and the sweep grants the waiting order
        assertThat(awaitDecision(waiting.subject()).event()).isInstanceOf(AuthorizationGrantedV1.class);
        assertThat(application(granted.subject()).getBoolean("unitsReturned")).isTrue();
        assertThat(volume("Instinct MI300X", period).getLong("items[0].authorizedUnits")).isEqualTo(5);
    }

    @Test
    void aWaitLongerThanItsVersionAllowsIsDeniedWithTheCapsClause() {
        // given: from 1 February 2026 a version whose waits last 2 seconds, from 1 March the usual one
        Policy shipped = Mother.policy2026();
        UsVolumeCap cap = shipped.usVolumeCap();
        Policy shortWait = Mother.policy2026As("us-short-wait-" + shortId(), Instant.parse("2026-02-01T00:00:00Z"))
                .withDocuments(null).withUsVolumeCap(new UsVolumeCap(cap.clause(), cap.text(), cap.ratio(), cap.destinations(),
                        cap.period(), "PT2S"));
        Policy usual = Mother.policy2026As("us-usual-" + shortId(), Instant.parse("2026-03-01T00:00:00Z"))
                .withDocuments(null);
        RuleChangeCalls.adopt(shortWait).statusCode(200);
        RuleChangeCalls.adopt(usual).statusCode(200);
        Envelope order = request(designate(), "H200-NVL", 10, Instant.parse("2026-02-10T09:00:00Z"));

        // when
        kafka.send(Topics.ORDERS.name(), order);

        // then
        AuthorizationDeniedV1 denial = (AuthorizationDeniedV1) awaitDecision(order.subject()).event();
        assertThat(denial.policyVersion()).isEqualTo(shortWait.version());
        assertThat(denial.policyClause()).isEqualTo("us-volume-50-percent");
        assertThat(denial.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("US_VOLUME_WAIT_EXPIRED");
            assertThat(r.text()).contains("H200", "2026-Q1");
        });
        assertThat(application(order.subject()).getList("history.event"))
                .containsExactly("RECEIVED", "US_VOLUME_AWAITED", "DENIED");
    }

    private static ValidatableResponse report(String reportId, String productClass, String period, long units) {
        return as(Roles.ERP).contentType(ContentType.JSON).body(body(reportId, productClass, period, units))
                .when().post("/api/v1/us-volume/reports").then();
    }

    private static String body(String reportId, String productClass, String period, long units) {
        return "{\"reportId\":\"" + reportId + "\",\"productClass\":\"" + productClass + "\",\"period\":\"" + period
                + "\",\"units\":" + units + ",\"reference\":\"DN-" + reportId.length() + "\"}";
    }

    private static JsonPath volume(String productClass, String period) {
        return as(Roles.AUDITOR).queryParam("productClass", productClass).queryParam("period", period)
                .when().get("/api/v1/us-volume").then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.password(user));
    }

    private static String designate() {
        String customer = "cust-" + shortId();
        RuleChangeCalls.designate(customer, "{\"name\":\"Example AI Lab\",\"country\":\"CN\"}").statusCode(200);
        return customer;
    }

    private static Envelope request(String customer, String sku, long quantity, Instant requestedAt) {
        Money unit = new Money("31500.00", "USD");
        OrderRequestedV1 order = new OrderRequestedV1("order-" + UUID.randomUUID(), customer, "Example AI Lab", sku,
                "family", quantity, unit, unit.times(quantity), Mother.GOOD_SCENARIO, "PO-" + shortId(), requestedAt,
                "erp");
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service", order);
    }

    private static JsonPath application(String orderId) {
        return as(TestUsers.TESTER).when().get("/api/v1/applications/" + orderId).then().statusCode(200)
                .extract().jsonPath();
    }

    private static void awaitStatus(String orderId, String status) {
        await().atMost(WAIT).until(() -> status.equals(as(TestUsers.TESTER).when()
                .get("/api/v1/applications/" + orderId).then().extract().path("status")));
    }

    private static Envelope awaitDecision(String orderId) {
        return await().atMost(WAIT).until(() -> published(orderId).stream()
                .filter(e -> !(e.event() instanceof AuthorizationPendingV1)).collect(Collectors.toList()),
                l -> !l.isEmpty()).get(0);
    }

    private static List<AuthorizationPendingV1> pendings(String orderId) {
        return published(orderId).stream().map(Envelope::event).filter(AuthorizationPendingV1.class::isInstance)
                .map(AuthorizationPendingV1.class::cast).collect(Collectors.toList());
    }

    private static List<Envelope> published(String orderId) {
        return kafka.readEnvelopes(Topics.AUTHORIZATIONS.name(), Duration.ofSeconds(10)).stream()
                .filter(e -> e.subject().equals(orderId)).collect(Collectors.toList());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
