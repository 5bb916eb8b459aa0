package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.command.ApplicationWorkflow;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.testdata.Mother;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: a measurement of what-if runs over {@code regulator.bench.whatif.applications}
 * applications (default 2,000), decided by the workflow as orders arriving from Kafka are (one
 * transaction each): 20 customers, 4 of them with a unit cap; nine in ten grants, the rest denied,
 * referred to an officer or asked for a usage scenario. Times three runs of the version that decided
 * them and three of a draft prohibiting the H200 class, through the HTTP API. Run:
 * {@code ./mvnw -B -pl regulator-service verify -Dgroups=benchmark -Dregulator.excluded.groups=
 * -Dtest=WhatIfBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Dtollgate.test.db=pg}
 * for PostgreSQL).
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@Tag("benchmark")
class WhatIfBenchmarkTest {

    private static final Logger LOG = Logger.getLogger(WhatIfBenchmarkTest.class);
    private static final int CUSTOMERS = 20;
    private static final int RUNS = 3;

    @Inject
    ApplicationWorkflow workflow;

    @Test
    void measureWhatIfRunsOverThousandsOfApplications() {
        // given
        int applications = Integer.getInteger("regulator.bench.whatif.applications", 2_000);
        String id = UUID.randomUUID().toString().substring(0, 8);
        Policy base = Mother.policy2026As("bench-" + id, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        RuleChangeCalls.adopt(base).statusCode(200);
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "bench-" + id + "-" + c;
            String cap = c % 5 == 0 ? ",\"unitCapPerQuarter\":2000" : "";
            RuleChangeCalls.designate(customer, "{\"name\":\"Lab " + c + "\",\"country\":\"CN\"" + cap + "}")
                    .statusCode(200);
            customers.add(customer);
        }
        Instant from = Instant.now();
        long recordStart = System.nanoTime();
        for (int i = 0; i < applications; i++) {
            workflow.onOrderRequested(UUID.randomUUID().toString(), order(customers.get(i % CUSTOMERS), i));
        }
        long recordMs = (System.nanoTime() - recordStart) / 1_000_000;
        Instant to = Instant.now().plusSeconds(1);
        Policy prohibiting = Mother.prohibitingCaseByCase(base, "bench-prohibit-" + id);

        // when
        List<Long> sameMs = new ArrayList<>();
        List<Long> draftMs = new ArrayList<>();
        JsonPath same = null;
        JsonPath draft = null;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            same = run(base, from, to);
            sameMs.add((System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
            draft = run(prohibiting, from, to);
            draftMs.add((System.nanoTime() - start) / 1_000_000);
        }

        // then
        assertThat(same.getInt("totals.applications")).isEqualTo(applications);
        assertThat(same.getInt("totals.changed")).isZero();
        assertThat(draft.getInt("totals.changed")).isPositive();
        LOG.infof("what-if benchmark: %d applications recorded in %d ms; %d decisions, %d events read;"
                        + " deciding version: %s ms (0 changed); H200-prohibiting draft: %s ms (%d changed)",
                applications, recordMs, same.getInt("totals.decisions"), same.getLong("eventsRead"), sameMs,
                draftMs, draft.getInt("totals.changed"));
    }

    private static JsonPath run(Policy draft, Instant from, Instant to) {
        return given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER))
                .contentType(ContentType.JSON).body(PolicyDocuments.write(draft))
                .queryParam("requestedFrom", from.toString()).queryParam("requestedTo", to.toString())
                .queryParam("limit", 5_000)
                .when().post("/api/v1/policy/what-if").then().statusCode(200).extract().jsonPath();
    }

    /** Nine in ten H200 grants of 10 units; the rest a B200, an order above the threshold, a thin scenario. */
    private static OrderRequestedV2 order(String customer, int i) {
        String sku = i % 10 == 1 ? "B200" : "H200-SXM-141GB";
        long quantity = i % 10 == 2 ? 1_500 : 10;
        String scenario = i % 10 == 3 ? Mother.THIN_SCENARIO : Mother.GOOD_SCENARIO;
        Money unit = new Money("31500.00", "USD");
        return new OrderRequestedV2("order-" + UUID.randomUUID(), customer, "Lab", sku, "hopper", quantity, unit,
                unit.times(quantity), scenario, "PO-" + i, Instant.now(), "erp", "CN", TransactionKind.EXPORT,
                null, null);
    }
}
