package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.kafka.OrderEventsConsumer;
import io.tollgate.regulator.policy.Licensing;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.testdata.Mother;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The regulator as a running Quarkus service against a real in-process Kafka broker and a real
 * database (H2, or PostgreSQL with -Dtollgate.test.db=pg): orders in on tollgate.orders.v1,
 * decisions out on tollgate.authorizations.v1, the HTTP API in between.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class RegulatorComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String H200 = "H200-SXM-141GB";
    private static final String DLT = Topics.deadLetterFor(OrderEventsConsumer.GROUP).name();
    private static KafkaProbe kafka;

    @Inject
    Databases databases;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    /** Orders of H200 to China are held within 50% of its US shipments: report ample ones. */
    @BeforeEach
    void usShipmentsReported() {
        UsShipments.ample("H200");
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aLicensableOrderOfADesignatedCustomerIsGrantedWithTheConditionsOfThePolicy() {
        // given
        String customer = designate(null);
        Envelope request = request(customer, H200, 10, Mother.GOOD_SCENARIO);
        String policyVersion = currentPolicyVersion();

        // when
        kafka.send(Topics.ORDERS.name(), request);
        DocumentCalls.supplyBothWhenAsked(request.subject());

        // then
        Envelope decision = awaitDecision(request.subject());
        assertThat(decision.source()).isEqualTo("/tollgate/regulator-service");
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) decision.event();
        assertThat(grant.requestEventId()).isEqualTo(request.id());
        assertThat(grant.conditions().revenueShareRate()).isEqualTo("0.25");
        assertThat(grant.conditions().payee()).isEqualTo("US-TREASURY");
        assertThat(grant.decidedBy()).isEqualTo("policy");
        assertThat(grant.policyVersion()).isEqualTo(policyVersion);
        assertThat(grant.usExport().outcome()).isEqualTo(TrackDecision.APPROVED);
        assertThat(grant.cnImport().outcome()).isEqualTo(TrackDecision.APPROVED);
        UUID.fromString(grant.authorizationId());
        JsonPath app = application(request.subject());
        assertThat(app.getString("status")).isEqualTo("GRANTED");
        assertThat(app.getString("authorizationId")).isEqualTo(grant.authorizationId());
        assertThat(app.getList("history.event")).containsExactlyElementsOf(documentedThen("GRANTED"));
        assertThat(unitsGranted(customer)).isEqualTo(10);
    }

    @Test
    void v2OrdersAreDecidedByTheirDestinationAndPartiesNamingTheClause() {
        // given: V2 requests of one designated customer
        String customer = designate(null);
        Envelope macau = requestV2(customer, "MO", TransactionKind.EXPORT, null, null);
        Envelope reexport = requestV2(customer, "CN", TransactionKind.REEXPORT, "CN", "CN");
        Envelope chineseParent = requestV2(customer, "MY", TransactionKind.EXPORT, "MY", "CN");

        // when
        kafka.send(Topics.ORDERS.name(), macau);
        kafka.send(Topics.ORDERS.name(), reexport);
        kafka.send(Topics.ORDERS.name(), chineseParent);
        DocumentCalls.supplyBothWhenAsked(macau.subject());

        // then
        assertThat(awaitDecision(macau.subject()).event()).isInstanceOf(AuthorizationGrantedV1.class);
        AuthorizationDeniedV1 refusedReexport = (AuthorizationDeniedV1) awaitDecision(reexport.subject()).event();
        assertThat(refusedReexport.policyClause()).isEqualTo("reexport-transfer-presumption-of-denial");
        assertThat(codes(awaitDecision(reexport.subject()))).containsExactly("TRANSACTION_PRESUMPTION_OF_DENIAL");
        AuthorizationDeniedV1 refusedParent = (AuthorizationDeniedV1) awaitDecision(chineseParent.subject()).event();
        assertThat(refusedParent.policyClause()).isEqualTo("macau-d5-headquarters");
        assertThat(refusedParent.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("HEADQUARTERS_LICENCE_REQUIRED");
            assertThat(r.text()).contains("ultimate parent", "CN");
        });
        assertThat(unitsGranted(customer)).isEqualTo(10);
    }

    @Test
    void aProhibitedProductForAnUndesignatedCustomerIsDeniedNamingBothReasons() {
        // given
        Envelope request = request("never-designated-" + UUID.randomUUID(), "B200", 10, Mother.GOOD_SCENARIO);

        // when
        kafka.send(Topics.ORDERS.name(), request);

        // then
        AuthorizationDeniedV1 denial = (AuthorizationDeniedV1) awaitDecision(request.subject()).event();
        assertThat(denial.reasons().stream().map(DenialReason::code))
                .containsExactly("PRODUCT_PROHIBITED", "CUSTOMER_NOT_DESIGNATED");
        assertThat(denial.reasons()).allSatisfy(r -> assertThat(r.track()).isEqualTo("US_EXPORT"));
        assertThat(denial.requestEventId()).isEqualTo(request.id());
        assertThat(denial.usExport().outcome()).isEqualTo(TrackDecision.REFUSED);
        assertThat(denial.decidedBy()).isEqualTo("policy");
    }

    @Test
    void anUnknownProductAndARevokedCustomerAreDenied() {
        // given
        String revoked = designate(null);
        RuleChangeCalls.revoke(revoked).statusCode(200).body("status", equalTo("APPROVED"));
        asTester().when().get("/api/v1/designations/" + revoked).then().body("status", equalTo("REVOKED"));
        Envelope unknown = request(designate(null), "A100-80GB", 1, Mother.GOOD_SCENARIO);
        Envelope ofRevoked = request(revoked, H200, 1, Mother.GOOD_SCENARIO);

        // when
        kafka.send(Topics.ORDERS.name(), unknown);
        kafka.send(Topics.ORDERS.name(), ofRevoked);

        // then
        assertThat(codes(awaitDecision(unknown.subject()))).containsExactly("PRODUCT_UNKNOWN");
        assertThat(codes(awaitDecision(ofRevoked.subject()))).containsExactly("CUSTOMER_REVOKED");
    }

    @Test
    void aRedeliveredRequestProducesNothingTwice() {
        // given
        String customer = designate(null);
        Envelope request = request(customer, H200, 3, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), request);
        DocumentCalls.supplyBothWhenAsked(request.subject());
        awaitDecision(request.subject());

        // when: the same envelope again, then a different envelope for the same order (same key,
        // so same partition: once it is dead-lettered, the redelivery before it was consumed too)
        kafka.send(Topics.ORDERS.name(), request);
        Envelope again = Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service", request.event());
        kafka.send(Topics.ORDERS.name(), again);

        // then
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(
                () -> deadLetter(request.subject()), r -> r != null);
        assertThat(header(dead, Topics.DLT_REASON_HEADER)).startsWith("DUPLICATE_ORDER");
        assertThat(decisions(request.subject())).hasSize(1);
        assertThat(application(request.subject()).getList("history.event")).containsExactlyElementsOf(documentedThen("GRANTED"));
        assertThat(unitsGranted(customer)).isEqualTo(3);
    }

    @Test
    void aBuyerClaimingTheUniversityExemptionIsSentToAnOfficerWhoGrantsIt() {
        // given an application waiting for detail
        Envelope request = request(designate(null), H200, 10, Mother.THIN_SCENARIO);
        kafka.send(Topics.ORDERS.name(), request);
        DocumentCalls.supplyBothWhenAsked(request.subject());
        String orderId = request.subject();
        awaitStatus(orderId, "USAGE_SCENARIO_REQUESTED");
        String path = "/api/v1/applications/" + orderId + "/usage-scenario";

        // when a malformed or an unknown category is declared, then nothing changes
        asTester().contentType(ContentType.JSON).body("{\"usageScenario\":\"x\",\"necessityCategory\":\"no such\"}")
                .when().post(path).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("necessityCategory"));
        asTester().contentType(ContentType.JSON).body("{\"usageScenario\":\"" + Mother.GOOD_SCENARIO
                        + "\",\"necessityCategory\":\"MILITARY\"}")
                .when().post(path).then().statusCode(422).body("code", equalTo("USAGE_SCENARIO_UNACCEPTABLE"))
                .body("detail", containsString("UNIVERSITY_RESEARCH"));
        assertThat(application(orderId).getString("status")).isEqualTo("USAGE_SCENARIO_REQUESTED");

        // when the buyer claims the university exemption with a short description
        asTester().contentType(ContentType.JSON).body("{\"usageScenario\":\"Tsinghua University physics\","
                        + "\"necessityCategory\":\"UNIVERSITY_RESEARCH\"}")
                .when().post(path).then().statusCode(200).body("status", equalTo("PENDING_REVIEW"))
                .body("policyClause", equalTo("university-rd-exemption"))
                .body("tracks.cnImport.code", equalTo("NECESSITY_EXEMPTION_CLAIMED"));

        // then an officer decides, and the grant names the product rule that licensed it
        decide(orderId, "GRANT", "Verified: a university laboratory").statusCode(200);
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(orderId).event();
        assertThat(grant.policyClause()).isEqualTo("case-by-case-h200-class");
    }

    @Test
    void aThinScenarioWaitsForTheBuyerThenASuppliedOneIsGranted() {
        // given
        Envelope request = request(designate(null), H200, 10, Mother.THIN_SCENARIO);
        kafka.send(Topics.ORDERS.name(), request);
        DocumentCalls.supplyBothWhenAsked(request.subject());
        String orderId = request.subject();
        awaitStatus(orderId, "USAGE_SCENARIO_REQUESTED");
        asTester().when().get("/api/v1/applications?status=USAGE_SCENARIO_REQUESTED&limit=500").then()
                .statusCode(200).body("items.orderId", hasItem(orderId));
        given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR)).when().get("/q/metrics").then()
                .body(containsString("tollgate_regulator_applications_awaiting_usage_scenario"));

        // when: still too thin, then good
        asTester().contentType(ContentType.JSON).body("{\"usageScenario\":\"GPUs for AI\"}")
                .when().post("/api/v1/applications/" + orderId + "/usage-scenario")
                .then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("usageScenario")).body("code", equalTo("USAGE_SCENARIO_UNACCEPTABLE"));
        assertThat(application(orderId).getString("status")).isEqualTo("USAGE_SCENARIO_REQUESTED");
        asTester().contentType(ContentType.JSON).body("{\"usageScenario\":\"" + Mother.GOOD_SCENARIO + "\"}")
                .when().post("/api/v1/applications/" + orderId + "/usage-scenario")
                .then().statusCode(200).body("status", equalTo("GRANTED"))
                .body("usageScenario", equalTo(Mother.GOOD_SCENARIO));

        // then
        assertThat(awaitDecision(orderId).event()).isInstanceOf(AuthorizationGrantedV1.class);
        assertThat(application(orderId).getList("history.event")).containsExactlyElementsOf(documentedThen(
                "USAGE_SCENARIO_REQUESTED", "USAGE_SCENARIO_SUPPLIED", "GRANTED"));
    }

    @Test
    void aLargeOrderWaitsForAnOfficerWhoseDecisionIsPublished() {
        // given
        String customer = designate(null);
        Envelope toGrant = request(customer, H200, 5000, Mother.GOOD_SCENARIO);
        Envelope toDeny = request(customer, "H200-NVL", 2000, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), toGrant);
        kafka.send(Topics.ORDERS.name(), toDeny);
        DocumentCalls.supplyBothWhenAsked(toGrant.subject());
        DocumentCalls.supplyBothWhenAsked(toDeny.subject());
        awaitStatus(toGrant.subject(), "PENDING_REVIEW");
        awaitStatus(toDeny.subject(), "PENDING_REVIEW");
        asTester().when().get("/api/v1/applications?status=PENDING_REVIEW").then().statusCode(200)
                .body("items.orderId", hasItem(toGrant.subject()));

        // when
        decide(toGrant.subject(), "GRANT", "Volume matches the published compute plan").statusCode(200)
                .body("status", equalTo("GRANTED")).body("decidedBy", equalTo(TestUsers.TESTER));
        decide(toDeny.subject(), "DENY", "End user could not be verified").statusCode(200)
                .body("status", equalTo("DENIED"));

        // then
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(toGrant.subject()).event();
        assertThat(grant.decidedBy()).isEqualTo(TestUsers.TESTER);
        AuthorizationDeniedV1 denial = (AuthorizationDeniedV1) awaitDecision(toDeny.subject()).event();
        assertThat(codes(denial)).containsExactly("OFFICER_DENIED");
        assertThat(denial.decidedBy()).isEqualTo(TestUsers.TESTER);
        decide(toGrant.subject(), "DENY", "changed my mind").statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("APPLICATION_NOT_IN_REVIEW"));
    }

    @Test
    void anOfficerDecidingOnAStaleReadIsRefusedWith412AndOnTheCurrentOneDecides() {
        // given: an application in review, read with its ETag
        Envelope order = request(designate(null), H200, 5000, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), order);
        DocumentCalls.supplyBothWhenAsked(order.subject());
        awaitStatus(order.subject(), "PENDING_REVIEW");
        String path = "/api/v1/applications/" + order.subject();
        String etag = asTester().when().get(path).then().statusCode(200).extract().header("ETag");
        asTester().header("If-None-Match", etag).when().get(path).then().statusCode(304);
        String body = "{\"decision\":\"GRANT\",\"reason\":\"end user verified\"}";
        // when / then: a stale version is refused and changes nothing
        asTester().contentType(ContentType.JSON).header("If-Match", "\"an-older-version\"").body(body)
                .when().post(path + "/decision").then().statusCode(412)
                .contentType("application/problem+json").body("code", equalTo("PRECONDITION_FAILED"));
        assertThat(application(order.subject()).getString("status")).isEqualTo("PENDING_REVIEW");
        asTester().contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .when().post(path + "/decision").then().statusCode(200).body("status", equalTo("GRANTED"));
        asTester().header("If-None-Match", etag).when().get(path).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(etag));
    }

    @Test
    void anOfficerGrantCannotOverrideARevokedCustomerOrAProhibitedProduct() {
        // given: two applications in review; then the customer of one is revoked, and the product
        // of the other becomes prohibited
        String revoked = designate(null);
        Envelope ofRevoked = request(revoked, H200, 5000, Mother.GOOD_SCENARIO);
        Envelope nvl = request(designate(null), "H200-NVL", 5000, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), ofRevoked);
        kafka.send(Topics.ORDERS.name(), nvl);
        DocumentCalls.supplyBothWhenAsked(ofRevoked.subject());
        DocumentCalls.supplyBothWhenAsked(nvl.subject());
        awaitStatus(ofRevoked.subject(), "PENDING_REVIEW");
        awaitStatus(nvl.subject(), "PENDING_REVIEW");
        RuleChangeCalls.revoke(revoked).statusCode(200);
        decide(ofRevoked.subject(), "GRANT", "looks fine").statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("CUSTOMER_REVOKED"))
                .body("field", equalTo("decision"));
        Policy before = currentPolicy();
        adopt(withLicensing(before, "v-nvl-banned-" + shortId())).statusCode(200);
        try {
            // when / then
            decide(nvl.subject(), "GRANT", "looks fine").statusCode(409)
                    .body("code", equalTo("PRODUCT_PROHIBITED"))
                    .body("detail", containsString("prohibited"));
            assertThat(application(ofRevoked.subject()).getString("status")).isEqualTo("PENDING_REVIEW");
            assertThat(application(nvl.subject()).getString("status")).isEqualTo("PENDING_REVIEW");
            assertThat(decisions(ofRevoked.subject())).isEmpty();
        } finally {
            adopt(renamed(before, "v-restored-" + shortId())).statusCode(200);
        }
    }

    @Test
    void concurrentOfficerGrantsForOneCustomerNeverPassItsCap() throws Exception {
        // given: two reviewed applications that fit the cap one at a time, not together
        String customer = designate(3000L);
        Envelope first = request(customer, H200, 2000, Mother.GOOD_SCENARIO);
        Envelope second = request(customer, "H200-NVL", 2000, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), first);
        kafka.send(Topics.ORDERS.name(), second);
        DocumentCalls.supplyBothWhenAsked(first.subject());
        DocumentCalls.supplyBothWhenAsked(second.subject());
        awaitStatus(first.subject(), "PENDING_REVIEW");
        awaitStatus(second.subject(), "PENDING_REVIEW");

        // when: an officer grants both at the same moment
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> decide(first.subject(), "GRANT", "ok").extract().statusCode());
            var b = pool.submit(() -> decide(second.subject(), "GRANT", "ok").extract().statusCode());
            List<Integer> statuses = List.of(a.get(60, java.util.concurrent.TimeUnit.SECONDS),
                    b.get(60, java.util.concurrent.TimeUnit.SECONDS));

            // then: one grant, one 409, and the register counts 2000 units
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(unitsGranted(customer)).isEqualTo(2000);
        List<String> outcomes = new ArrayList<>();
        for (Envelope request : List.of(first, second)) {
            outcomes.add(application(request.subject()).getString("status"));
        }
        assertThat(outcomes).containsExactlyInAnyOrder("GRANTED", "PENDING_REVIEW");
    }

    @Test
    void aPolicyChangeDoesNotAlterDecidedApplications() {
        // given
        String customer = designate(null);
        Envelope first = request(customer, H200, 1, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), first);
        DocumentCalls.supplyBothWhenAsked(first.subject());
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(first.subject()).event();
        Policy before = currentPolicy();
        String banned = "v-h200-banned-" + shortId();

        // when
        adopt(withLicensing(before, banned)).statusCode(200).body("subject", equalTo(banned))
                .body("status", equalTo("APPROVED"));
        try {
            Envelope second = request(customer, H200, 1, Mother.GOOD_SCENARIO);
            kafka.send(Topics.ORDERS.name(), second);

            // then
            AuthorizationDeniedV1 denial = (AuthorizationDeniedV1) awaitDecision(second.subject()).event();
            assertThat(denial.policyVersion()).isEqualTo(banned);
            assertThat(denial.policyClause()).isEqualTo(banned.toLowerCase(java.util.Locale.ROOT) + "-refused");
            assertThat(codes(denial)).containsExactly("PRODUCT_PROHIBITED");
            assertThat(grant.policyClause()).isEqualTo("case-by-case-h200-class");
            JsonPath decided = application(first.subject());
            assertThat(decided.getString("status")).isEqualTo("GRANTED");
            assertThat(decided.getString("policyVersion")).isEqualTo(grant.policyVersion());
            assertThat(decided.getString("policyClause")).isEqualTo("case-by-case-h200-class");
            assertThat(application(second.subject()).getString("policyClause")).isEqualTo(denial.policyClause());
            assertThat(decisions(first.subject())).hasSize(1);
            asTester().when().get("/api/v1/policy/versions/" + grant.policyVersion()).then().statusCode(200)
                    .body("version", equalTo(grant.policyVersion()));
            adopt(withLicensing(before, banned)).statusCode(409).body("code", equalTo("POLICY_VERSION_EXISTS"));
        } finally {
            adopt(renamed(before, "v-restored-" + shortId())).statusCode(200);
        }
    }

    @Test
    void cancellingAnUndecidedOrderWithdrawsItAndCancellingAGrantGivesItsUnitsBack() throws Exception {
        // given
        String customer = designate(100L);
        Envelope waiting = request(customer, H200, 10, null);
        Envelope granted = request(customer, H200, 100, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), waiting);
        kafka.send(Topics.ORDERS.name(), granted);
        DocumentCalls.supplyBothWhenAsked(waiting.subject());
        DocumentCalls.supplyBothWhenAsked(granted.subject());
        awaitStatus(waiting.subject(), "USAGE_SCENARIO_REQUESTED");
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(granted.subject()).event();
        Envelope overCap = request(customer, H200, 1, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), overCap);
        assertThat(codes(awaitDecision(overCap.subject()))).containsExactly("UNIT_CAP_EXCEEDED");

        // when
        kafka.send(Topics.ORDERS.name(), cancel(waiting.subject(), "REQUESTED", null));
        kafka.send(Topics.ORDERS.name(), cancel(granted.subject(), "AUTHORIZED", grant.authorizationId()));
        kafka.send(Topics.ORDERS.name(), paid(granted.subject(), grant.authorizationId()));

        // then
        awaitStatus(waiting.subject(), "WITHDRAWN");
        await().atMost(WAIT).until(() -> application(granted.subject()).getBoolean("unitsReturned"));
        assertThat(application(granted.subject()).getString("status")).isEqualTo("GRANTED");
        Envelope afterReturn = request(customer, H200, 100, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), afterReturn);
        DocumentCalls.supplyBothWhenAsked(afterReturn.subject());
        assertThat(awaitDecision(afterReturn.subject()).event()).isInstanceOf(AuthorizationGrantedV1.class);
        assertThat(snapshotsOf(customer)).as("decided on a snapshotted Designation").isPositive();
        assertThat(decisions(waiting.subject())).isEmpty();
        assertThat(deadLetter(granted.subject())).isNull();
    }

    @Test
    void badInputAnswersProblemJsonNamingTheFieldAndStoresNothing() {
        String customer = "bad-input-" + shortId();
        asTester().contentType(ContentType.JSON).body("{\"name\":\"X Lab\",\"country\":\"China\"}")
                .when().post("/api/v1/proposals/designations/" + customer)
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("country"));
        asTester().contentType(ContentType.JSON).body("{\"name\":\"X Lab\",\"country\":\"CN\",\"unitCapPerQuarter\":0}")
                .when().post("/api/v1/proposals/designations/" + customer)
                .then().statusCode(400).body("field", equalTo("unitCapPerQuarter"));
        asTester().contentType(ContentType.JSON).body("{\"name\":\"X Lab\",\"country\":\"CN\",\"unitCapPerQuarter\":\"lots\"}")
                .when().post("/api/v1/proposals/designations/" + customer)
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("unitCapPerQuarter"));
        asTester().contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/api/v1/proposals/designations/" + customer)
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        asTester().when().get("/api/v1/designations/" + customer).then().statusCode(404)
                .contentType("application/problem+json");
        asTester().when().post("/api/v1/proposals/revocations/" + customer).then().statusCode(404);
        asTester().when().get("/api/v1/proposals?status=PROPOSED&limit=500").then().statusCode(200)
                .body("items.subject", not(hasItem(customer)));

        asTester().when().get("/api/v1/applications?limit=501").then().statusCode(400).body("field", equalTo("limit"));
        asTester().when().get("/api/v1/applications?status=MAYBE").then().statusCode(400)
                .body("field", equalTo("status"));
        asTester().when().get("/api/v1/applications?cursor=abc").then().statusCode(400)
                .body("field", equalTo("cursor"));
        asTester().when().get("/api/v1/applications/no-such-order").then().statusCode(404);
        asTester().contentType(ContentType.JSON).body("{\"decision\":\"MAYBE\",\"reason\":\"x\"}")
                .when().post("/api/v1/applications/no-such-order/decision")
                .then().statusCode(400).body("field", equalTo("decision"));
        asTester().contentType(ContentType.JSON).body("{\"decision\":\"GRANT\"}")
                .when().post("/api/v1/applications/no-such-order/decision")
                .then().statusCode(400).body("field", equalTo("reason"));
        asTester().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/applications/no-such-order/usage-scenario")
                .then().statusCode(400).body("field", equalTo("usageScenario"));

        Policy before = currentPolicy();
        Policy badRate = new Policy("v-bad-" + shortId(), before.effectiveFrom(), before.productRules(), "2",
                before.payee(), before.necessity(), before.reviewThresholdQuantity(), before.source());
        adopt(badRate).statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("revenueShareRate"));
        asTester().contentType(ContentType.JSON).body(PolicyDocuments.write(before).replace("LICENSABLE", "MAYBE"))
                .when().post("/api/v1/proposals/policy").then().statusCode(400).body("field", containsString("licensing"));
        assertThat(currentPolicy()).isEqualTo(before);
    }

    @Test
    void theVersionInForceAtAnInstantIsTheShippedHistorysEitherSideOfTheFifteenthOfJanuary() {
        asTester().when().get("/api/v1/policy/in-force?at=2026-01-15T04:59:59.999999999Z").then().statusCode(200)
                .body("version", equalTo("baseline.1"));
        asTester().when().get("/api/v1/policy/in-force?at=2026-01-15T05:00:00Z").then().statusCode(200)
                .body("effectiveFrom", equalTo("2026-01-15T05:00:00Z"))
                .body("productRules.find { it.eligibility == 'CASE_BY_CASE' }.licensing", equalTo("LICENSABLE"));
        asTester().when().get("/api/v1/policy/in-force?at=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("at"));
        asTester().when().get("/api/v1/policy/in-force").then().statusCode(400).body("field", equalTo("at"));
    }

    @Test
    void aTypoOrALooseTypeInARequestIsRefusedNamingTheFieldAndChangesNothing() {
        // given
        Policy before = currentPolicy();
        String document = PolicyDocuments.write(renamed(before, "v-typo-" + shortId()));
        // the typo beside the real field: nothing is missing, only the unknown field is wrong
        String typo = document.replace("\"minLength\"", "\"minLenght\":0,\"minLength\"");
        // the typo instead of the real field: the field it leaves missing is named
        String typoAlone = document.replace("\"minLength\"", "\"minLenght\"");
        String looseNumber = PolicyDocuments.write(renamed(before, "v-loose-" + shortId()))
                .replace("\"reviewThresholdQuantity\":" + before.reviewThresholdQuantity(),
                        "\"reviewThresholdQuantity\":\"" + before.reviewThresholdQuantity() + "\"");
        String trailing = PolicyDocuments.write(renamed(before, "v-trailing-" + shortId())) + "{}";

        // when / then
        asTester().contentType(ContentType.JSON).body(typo).when().post("/api/v1/proposals/policy")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_FIELD"))
                .body("field", equalTo("necessity.categories[0].scenario.minLenght"));
        asTester().contentType(ContentType.JSON).body(typoAlone).when().post("/api/v1/proposals/policy")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("necessity.categories[0].scenario.minLength"));
        asTester().contentType(ContentType.JSON).body(looseNumber).when().post("/api/v1/proposals/policy")
                .then().statusCode(400).body("field", equalTo("reviewThresholdQuantity"));
        asTester().contentType(ContentType.JSON).body(trailing).when().post("/api/v1/proposals/policy")
                .then().statusCode(400).contentType("application/problem+json");
        asTester().contentType(ContentType.JSON)
                .body("{\"name\":\"X Lab\",\"country\":\"CN\",\"unitCapPerQuater\":5}")
                .when().post("/api/v1/proposals/designations/typo-" + shortId())
                .then().statusCode(422).body("field", equalTo("unitCapPerQuater"));
        assertThat(currentPolicy()).isEqualTo(before);
    }

    @Test
    void readsCarryingAJsonContentTypeAreAnsweredNormally() {
        // many HTTP client libraries send Content-Type on every request, even without a body
        asTester().contentType(ContentType.JSON).when().get("/api/v1/policy").then().statusCode(200);
        asTester().contentType(ContentType.JSON).when().get("/api/v1/applications/no-such-order")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aGarbageRecordIsDeadLetteredAndTheConsumerGoesOn() {
        // given
        String key = "garbage-" + UUID.randomUUID();
        Envelope after = request(designate(null), H200, 1, Mother.GOOD_SCENARIO);

        // when
        kafka.sendRaw(Topics.ORDERS.name(), key, "{not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        kafka.send(Topics.ORDERS.name(), after);
        DocumentCalls.supplyBothWhenAsked(after.subject());

        // then
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> deadLetter(key), r -> r != null);
        assertThat(header(dead, Topics.DLT_REASON_HEADER)).startsWith("CONTRACT_VIOLATION");
        assertThat(awaitDecision(after.subject()).event()).isInstanceOf(AuthorizationGrantedV1.class);
    }

    @Test
    void forgedOrderRequestsAreDeadLetteredWithTheirReasonAndOpenNoApplication() {
        // given requests of a designated customer: unsigned, by an untrusted key, and validly signed
        // by the regulator's own key (a right signature from the wrong service)
        String customer = designate(null);
        Envelope unsigned = request(customer, H200, 1, Mother.GOOD_SCENARIO);
        Envelope untrusted = request(customer, H200, 1, Mother.GOOD_SCENARIO);
        Envelope wrongKey = request(customer, H200, 1, Mother.GOOD_SCENARIO);

        // when they are produced straight onto the topic
        kafka.send(Topics.ORDERS.name(), unsigned, null);
        kafka.send(Topics.ORDERS.name(), untrusted, TestSigning.fresh("forger").signer());
        kafka.send(Topics.ORDERS.name(), wrongKey, TestSigning.keyOf("regulator-service").signer());

        // then each is dead-lettered with its reason, and no application exists for any of them
        assertThat(awaitReason(unsigned.subject())).startsWith("SIGNATURE_REJECTED").contains("unsigned");
        assertThat(awaitReason(untrusted.subject())).startsWith("SIGNATURE_REJECTED").contains("no trusted key");
        assertThat(awaitReason(wrongKey.subject())).startsWith("SIGNATURE_REJECTED")
                .contains("not by the claimed ce_source " + Provenance.ORDER_SERVICE);
        for (Envelope forged : List.of(unsigned, untrusted, wrongKey)) {
            asTester().get("/api/v1/applications/" + forged.subject()).then().statusCode(404);
        }
        // and the same request, signed by order-service, opens one
        kafka.send(Topics.ORDERS.name(), unsigned);
        DocumentCalls.supplyBothWhenAsked(unsigned.subject());
        assertThat(awaitDecision(unsigned.subject()).event()).isInstanceOf(AuthorizationGrantedV1.class);
    }

    private static String awaitReason(String key) {
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> deadLetter(key), r -> r != null);
        return header(dead, Topics.DLT_REASON_HEADER);
    }

    @Test
    void theErpsScenarioFromOrderServiceIsJudgedAThinOneAskedForAgainAGoodOneGranted() {
        // given an application waiting for a usage scenario, published as such
        String customer = designate(null);
        Envelope request = request(customer, H200, 10, null);
        String orderId = request.subject();
        kafka.send(Topics.ORDERS.name(), request);
        DocumentCalls.supplyBothWhenAsked(orderId);
        AuthorizationPendingV1 first = await().atMost(WAIT).until(() -> scenarioWaits(orderId), l -> !l.isEmpty())
                .get(0);
        assertThat(first.waitingFor()).isEqualTo(AuthorizationPendingV1.USAGE_SCENARIO);
        assertThat(first.code()).isEqualTo("USAGE_SCENARIO_MISSING");
        assertThat(first.track()).isEqualTo(TrackDecision.CN_IMPORT);
        assertThat(first.requirement()).contains("at least");
        assertThat(first.policyVersion()).isEqualTo(currentPolicyVersion());

        // when the ERP supplies a thin one
        kafka.send(Topics.ORDERS.name(), supplied(orderId, Mother.THIN_SCENARIO));

        // then the application still waits, and says why
        AuthorizationPendingV1 again = await().atMost(WAIT).until(() -> scenarioWaits(orderId), l -> l.size() == 2)
                .get(1);
        assertThat(again.waitingFor()).isEqualTo(AuthorizationPendingV1.USAGE_SCENARIO);
        assertThat(again.code()).isEqualTo("USAGE_SCENARIO_UNACCEPTABLE");
        assertThat(decisions(orderId)).isEmpty();
        assertThat(application(orderId).getString("status")).isEqualTo("USAGE_SCENARIO_REQUESTED");

        // when it supplies a good one
        kafka.send(Topics.ORDERS.name(), supplied(orderId, Mother.GOOD_SCENARIO));

        // then it is granted, and the units counted once
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(orderId).event();
        assertThat(grant.requestEventId()).isEqualTo(request.id());
        assertThat(application(orderId).getString("usageScenario")).isEqualTo(Mother.GOOD_SCENARIO);
        assertThat(unitsGranted(customer)).isEqualTo(10);
        // and the scenario it was granted on is recorded as the ERP's that supplied it
        assertThat(application(orderId).getList("history.findAll { it.event == 'USAGE_SCENARIO_SUPPLIED' }.actor"))
                .containsExactly("erp");
    }

    @Test
    void aScenarioAfterTheDecisionIsPassedOverWhileOneForAnOpenApplicationThatWaitsForNoneIsDeadLettered() {
        // given a granted application and one still waiting for its documents
        String customer = designate(null);
        Envelope request = request(customer, H200, 2, Mother.GOOD_SCENARIO);
        Envelope waiting = request(customer, H200, 3, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), request);
        kafka.send(Topics.ORDERS.name(), waiting);
        DocumentCalls.supplyBothWhenAsked(request.subject());
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(request.subject()).event();
        awaitStatus(waiting.subject(), "AWAITING_DOCUMENTS");
        String unknownOrder = "order-" + UUID.randomUUID();

        // when a scenario arrives for each (the late one delivered twice, then a late document), and
        // one for an order the regulator never saw; then the granted order is cancelled
        Envelope late = supplied(request.subject(), Mother.GOOD_SCENARIO);
        Envelope lateDocument = lateDocument(request.subject());
        kafka.send(Topics.ORDERS.name(), late);
        kafka.send(Topics.ORDERS.name(), late);
        kafka.send(Topics.ORDERS.name(), lateDocument);
        kafka.send(Topics.ORDERS.name(), supplied(waiting.subject(), Mother.GOOD_SCENARIO));
        kafka.send(Topics.ORDERS.name(), supplied(unknownOrder, Mother.GOOD_SCENARIO));
        kafka.send(Topics.ORDERS.name(), cancel(request.subject(), "AUTHORIZED", grant.authorizationId()));

        // then the late one is passed over: nothing recorded, nothing dead-lettered, and the
        // cancellation behind it is applied (its units given back), not held
        await().atMost(WAIT).until(() -> application(request.subject()).getBoolean("unitsReturned"));
        assertThat(deadLetter(request.subject())).isNull();
        assertThat(decisions(request.subject())).hasSize(1);
        assertThat(application(request.subject()).getList("history.event"))
                .containsExactlyElementsOf(documentedThen("GRANTED", "UNITS_RETURNED"));
        // and the ERP is told, once per supply record although the scenario came twice: the
        // document's record, passed over after both deliveries, is published after them
        List<SupplyPassedOverV1> passedOver = await().atMost(WAIT).until(() -> passedOver(request.subject()),
                l -> l.stream().anyMatch(p -> p.supplyEventId().equals(lateDocument.id())));
        assertThat(passedOver).extracting(SupplyPassedOverV1::supplyEventId)
                .containsExactly(late.id(), lateDocument.id());
        assertThat(passedOver.get(0)).isEqualTo(new SupplyPassedOverV1(request.subject(),
                SupplyPassedOverV1.USAGE_SCENARIO, late.id(), null, "GRANTED", passedOver.get(0).occurredAt()));
        assertThat(passedOver.get(1).documentKind()).isEqualTo(DocumentKind.LAB_TEST_REPORT);
        given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR)).when()
                .get("/q/metrics").then().body(containsString("tollgate_regulator_supplies_late_total{kind=\"usage_scenario\""));
        // the others are dead-lettered, naming why, and nothing is passed over for them
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(
                () -> deadLetter(waiting.subject()), r -> r != null);
        assertThat(header(dead, Topics.DLT_REASON_HEADER)).startsWith("APPLICATION_NOT_AWAITING_SCENARIO")
                .contains("AWAITING_DOCUMENTS");
        ConsumerRecord<String, byte[]> unknown = await().atMost(WAIT).until(
                () -> deadLetter(unknownOrder), r -> r != null);
        assertThat(header(unknown, Topics.DLT_REASON_HEADER)).startsWith("UNKNOWN_ORDER");
        assertThat(decisions(waiting.subject())).isEmpty();
        assertThat(passedOver(waiting.subject())).isEmpty();
    }

    @Test
    void anOrderAboveTheReviewThresholdIsPublishedAsWaitingForAnOfficer() {
        // given
        long above = currentPolicy().reviewThresholdQuantity() + 1;
        Envelope request = request(designate(null), H200, above, Mother.GOOD_SCENARIO);

        // when
        kafka.send(Topics.ORDERS.name(), request);
        DocumentCalls.supplyBothWhenAsked(request.subject());

        // then
        AuthorizationPendingV1 pending = await().atMost(WAIT).until(() -> pendings(request.subject()),
                l -> l.size() == 3).get(2);
        assertThat(pending.waitingFor()).isEqualTo(AuthorizationPendingV1.OFFICER_REVIEW);
        assertThat(pending.code()).isEqualTo("QUANTITY_ABOVE_REVIEW_THRESHOLD");
        assertThat(pending.track()).isEqualTo(TrackDecision.US_EXPORT);
        assertThat(pending.requirement()).contains("review threshold");
    }

    @Test
    void metricsShowApplicationsDecisionsAndQueues() {
        Envelope request = request("metrics-" + shortId(), "VR200", 1, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), request);
        awaitDecision(request.subject());
        await().atMost(WAIT).untilAsserted(() -> given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR)).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tollgate_regulator_applications_received_total"))
                .body(containsString("tollgate_regulator_applications_denied_total{reason=\"PRODUCT_PROHIBITED\"}"))
                .body(containsString("tollgate_regulator_review_queue"))
                .body(containsString("tollgate_regulator_decision_latency_seconds_count"))
                .body(not(containsString("tollgate_regulator_applications_denied_total{reason=\"null\"}"))));
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Behaviour, not authorization, is under test here: call as the user holding every role. */
    private static RequestSpecification asTester() {
        return given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER));
    }

    private static String designate(Long cap) {
        String customer = "cust-" + shortId();
        String body = "{\"name\":\"Example AI Lab\",\"country\":\"CN\""
                + (cap == null ? "" : ",\"unitCapPerQuarter\":" + cap) + "}";
        RuleChangeCalls.designate(customer, body).statusCode(200).body("status", equalTo("APPROVED"));
        asTester().when().get("/api/v1/designations/" + customer).then().statusCode(200)
                .body("status", equalTo("DESIGNATED"));
        return customer;
    }

    private static Envelope request(String customer, String sku, long quantity, String scenario) {
        String orderId = "order-" + UUID.randomUUID();
        Money unit = new Money("31500.00", "USD");
        OrderRequestedV1 order = new OrderRequestedV1(orderId, customer, "Example AI Lab", sku, "family", quantity,
                unit, unit.times(quantity), scenario, "PO-" + shortId(), Instant.now(), "erp");
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service", order);
    }

    private static Envelope requestV2(String customer, String destination, TransactionKind kind, String buyer,
                                      String parent) {
        String orderId = "order-" + UUID.randomUUID();
        Money unit = new Money("31500.00", "USD");
        OrderRequestedV2 order = new OrderRequestedV2(orderId, customer, "Example AI Lab", H200, "hopper", 10, unit,
                unit.times(10), Mother.GOOD_SCENARIO, "PO-" + shortId(), Instant.now(), "erp", destination, kind,
                buyer, parent);
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service", order);
    }

    private static Envelope cancel(String orderId, String previousStatus, String authorizationId) {
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service",
                new OrderCancelledV1(orderId, previousStatus, authorizationId, "customer withdrew", Instant.now(),
                        "erp"));
    }

    private static Envelope paid(String orderId, String authorizationId) {
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service",
                new RevenueSharePaidV1(orderId, UUID.randomUUID().toString(), authorizationId,
                        new Money("1.00", "USD"), "TRX-1", "US-TREASURY", Instant.now(), "treasury"));
    }

    private static io.restassured.response.ValidatableResponse decide(String orderId, String decision,
                                                                      String reason) {
        return asTester().contentType(ContentType.JSON)
                .body("{\"decision\":\"" + decision + "\",\"reason\":\"" + reason + "\"}")
                .when().post("/api/v1/applications/" + orderId + "/decision").then();
    }

    private static io.restassured.response.ValidatableResponse adopt(Policy policy) {
        return RuleChangeCalls.adopt(policy);
    }

    private static Policy currentPolicy() {
        return PolicyDocuments.read(asTester().when().get("/api/v1/policy").then().statusCode(200)
                .extract().asString());
    }

    private static String currentPolicyVersion() {
        return currentPolicy().version();
    }

    /** {@code policy} under a new version, effective with it, with the case-by-case products refused. */
    private static Policy withLicensing(Policy policy, String version) {
        return Mother.prohibitingCaseByCase(policy, version);
    }

    private static Policy renamed(Policy policy, String version) {
        return Mother.renamed(policy, version);
    }

    private static JsonPath application(String orderId) {
        return asTester().when().get("/api/v1/applications/" + orderId).then().statusCode(200).extract().jsonPath();
    }

    private static void awaitStatus(String orderId, String status) {
        await().atMost(WAIT).until(() -> status.equals(asTester().when().get("/api/v1/applications/" + orderId)
                .then().extract().path("status")));
    }

    private static Envelope awaitDecision(String orderId) {
        return await().atMost(WAIT).until(() -> decisions(orderId), list -> !list.isEmpty()).get(0);
    }

    /** The grants and denials published for the order (not the waits before them, nor passed-over supplies). */
    private static List<Envelope> decisions(String orderId) {
        return published(orderId).stream()
                .filter(e -> e.event() instanceof AuthorizationGrantedV1 || e.event() instanceof AuthorizationDeniedV1)
                .collect(Collectors.toList());
    }

    /** The supplies published as passed over for the order, oldest first. */
    private static List<SupplyPassedOverV1> passedOver(String orderId) {
        return published(orderId).stream().map(Envelope::event).filter(SupplyPassedOverV1.class::isInstance)
                .map(SupplyPassedOverV1.class::cast).collect(Collectors.toList());
    }

    /** The waits for a usage scenario published for the order, oldest first. */
    private static List<AuthorizationPendingV1> scenarioWaits(String orderId) {
        return pendings(orderId).stream().filter(p -> p.waitingFor().equals(AuthorizationPendingV1.USAGE_SCENARIO))
                .collect(Collectors.toList());
    }

    /**
     * The history of an application the 2026 version asked both documents of, supplied one after the
     * other ({@link DocumentCalls#supplyBothWhenAsked}), then {@code rest}.
     */
    private static List<String> documentedThen(String... rest) {
        List<String> events = new ArrayList<>(List.of("RECEIVED", "DOCUMENTS_REQUESTED", "DOCUMENTS_REQUESTED",
                "DOCUMENT_SUPPLIED", "DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED"));
        events.addAll(List.of(rest));
        return events;
    }

    /** The waits published for the order, oldest first. */
    private static List<AuthorizationPendingV1> pendings(String orderId) {
        return published(orderId).stream().map(Envelope::event).filter(AuthorizationPendingV1.class::isInstance)
                .map(AuthorizationPendingV1.class::cast).collect(Collectors.toList());
    }

    private static List<Envelope> published(String orderId) {
        return kafka.readEnvelopes(Topics.AUTHORIZATIONS.name(), Duration.ofSeconds(10)).stream()
                .filter(e -> e.subject().equals(orderId)).collect(Collectors.toList());
    }

    private static Envelope supplied(String orderId, String scenario) {
        return Envelope.of(UUID.randomUUID().toString(), Provenance.ORDER_SERVICE,
                new UsageScenarioSuppliedV1(orderId, scenario, "erp", Instant.now()));
    }

    private static Envelope lateDocument(String orderId) {
        LocalDate today = DocumentCalls.today();
        return Envelope.of(UUID.randomUUID().toString(), Provenance.ORDER_SERVICE, new DocumentSuppliedV1(orderId,
                DocumentKind.LAB_TEST_REPORT, "US Labs", today, today.plusDays(5), "LAB-LATE", "ab".repeat(32), "erp",
                Instant.now()));
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String key) {
        return kafka.readAll(DLT, Duration.ofSeconds(10)).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElse(null);
    }

    private static List<String> codes(Envelope decision) {
        return codes((AuthorizationDeniedV1) decision.event());
    }

    private static List<String> codes(AuthorizationDeniedV1 denial) {
        return denial.reasons().stream().map(DenialReason::code).collect(Collectors.toList());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Units granted to {@code customer} in the current quarter, as the register shows them. */
    private static long unitsGranted(String customer) {
        java.util.Map<String, Object> units = asTester().when().get("/api/v1/designations/" + customer).then()
                .statusCode(200).extract().jsonPath().getMap("unitsGrantedByQuarter");
        Object value = units.get(quarterNow());
        return value == null ? 0 : ((Number) value).longValue();
    }

    private long snapshotsOf(String aggregateId) throws java.sql.SQLException {
        try (var connection = databases.dataSource().getConnection();
             var statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")) {
            statement.setString(1, aggregateId);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String quarterNow() {
        return io.tollgate.regulator.api.Quarter.of(Instant.now());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
