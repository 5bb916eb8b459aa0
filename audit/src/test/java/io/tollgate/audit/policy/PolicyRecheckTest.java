package io.tollgate.audit.policy;

import static io.tollgate.audit.fixture.PolicyFixture.AFTER;
import static io.tollgate.audit.fixture.PolicyFixture.BEFORE;
import static io.tollgate.audit.fixture.PolicyFixture.BASE;
import static io.tollgate.audit.fixture.PolicyFixture.GOOD;
import static io.tollgate.audit.fixture.PolicyFixture.LICENSED;
import static io.tollgate.audit.fixture.PolicyFixture.NEW;
import static io.tollgate.audit.fixture.PolicyFixture.deny;
import static io.tollgate.audit.fixture.PolicyFixture.grant;
import static io.tollgate.audit.fixture.PolicyFixture.order;
import static io.tollgate.audit.fixture.PolicyFixture.orderTo;
import static io.tollgate.audit.fixture.PolicyFixture.pending;
import static io.tollgate.audit.fixture.PolicyFixture.supplied;
import static io.tollgate.audit.fixture.PolicyFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;


import io.tollgate.audit.fixture.PolicyFixture;
import io.tollgate.audit.policy.PolicyRecheck.Finding;
import io.tollgate.audit.policy.PolicyRecheck.Verdict;
import io.tollgate.audit.rules.Source;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.contracts.WireEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recheck's verdict on one order's history at a time, against the versions regulator-service
 * ships (docs/policy-rules.md §3 and §4): a table of histories, each with the verdict and the words
 * its reason must contain.
 */
class PolicyRecheckTest {

    static final PolicyLibrary LIBRARY = PolicyLibrary.load(PolicyFixture.SHIPPED);

    static Stream<Arguments> histories() {
        return Stream.of(
            row("a rules grant of an H200 export to China", Verdict.AGREES, null,
                order("o1", "H200-NVL", 10, GOOD, AFTER), grant("o1", NEW, LICENSED, "policy", "0.25")),
            row("a grant under the version in force the day after it was requested", Verdict.DIFFERS,
                "baseline.1 was in force",
                order("o2", "H200-NVL", 10, GOOD, BEFORE), grant("o2", NEW, LICENSED, "policy", "0.25")),
            row("the baseline's denial the day before the rule", Verdict.AGREES, null,
                order("o3", "H200-NVL", 10, GOOD, BEFORE),
                deny("o3", BASE, "presumption-of-denial", "PRODUCT_PROHIBITED", "policy")),
            row("a Blackwell grant", Verdict.DIFFERS, "PRODUCT_PROHIBITED under clause above-h200-class",
                order("o4", "B200", 1, GOOD, AFTER), grant("o4", NEW, LICENSED, "policy", "0.25")),
            row("an H200 denied as a prohibited product", Verdict.DIFFERS,
                "the destination and product rules allow the order",
                order("o5", "H200-NVL", 1, GOOD, AFTER),
                deny("o5", NEW, "above-h200-class", "PRODUCT_PROHIBITED", "policy")),
            row("a grant with a fifth instead of a quarter", Verdict.DIFFERS, "sets 0.25 to US-TREASURY",
                order("o6", "H200-NVL", 1, GOOD, AFTER), grant("o6", NEW, LICENSED, "policy", "0.20")),
            row("a reexport denied under its clause", Verdict.AGREES, null,
                orderTo("o7", "CN", TransactionKind.REEXPORT, null, null),
                deny("o7", NEW, "reexport-transfer-presumption-of-denial", "TRANSACTION_PRESUMPTION_OF_DENIAL",
                    "policy")),
            row("a reexport denied under another clause", Verdict.DIFFERS, "reexport-transfer-presumption-of-denial",
                orderTo("o8", "CN", TransactionKind.REEXPORT, null, null),
                deny("o8", NEW, "outside-licensing-scope", "OUTSIDE_LICENSING_SCOPE", "policy")),
            row("an export to Malaysia for a buyer headquartered in Macau", Verdict.AGREES, null,
                orderTo("o9", "MY", TransactionKind.EXPORT, "MO", "MO"),
                deny("o9", NEW, "macau-d5-headquarters", "HEADQUARTERS_LICENCE_REQUIRED", "policy")),
            row("an export to Germany granted", Verdict.DIFFERS, "OUTSIDE_LICENSING_SCOPE",
                orderTo("o10", "DE", TransactionKind.EXPORT, "DE", "US"),
                grant("o10", NEW, LICENSED, "policy", "0.25")),
            row("a rules grant of a thin scenario never asked about", Verdict.DIFFERS, "names none of the workloads",
                order("o11", "H200-NVL", 1, "We need accelerators for our new datacenter in Hangzhou", AFTER),
                grant("o11", NEW, LICENSED, "policy", "0.25")),
            row("a thin scenario, asked for, supplied to the regulator directly", Verdict.TRUSTED,
                "supplied to the regulator directly",
                order("o12", "H200-NVL", 1, "we need GPUs", AFTER), pending("o12"),
                grant("o12", NEW, LICENSED, "policy", "0.25")),
            row("a thin scenario, asked for, supplied by the ERP on the orders topic", Verdict.AGREES, null,
                order("o13", "H200-NVL", 1, "we need GPUs", AFTER), pending("o13"), supplied("o13", GOOD),
                grant("o13", NEW, LICENSED, "policy", "0.25")),
            row("a thin scenario supplied again, still thin, then granted by the rules", Verdict.DIFFERS,
                "fewer than 40",
                order("o14", "H200-NVL", 1, "we need GPUs", AFTER), pending("o14"), supplied("o14", "inference"),
                grant("o14", NEW, LICENSED, "policy", "0.25")),
            row("a workload named only inside another word", Verdict.DIFFERS, "names none of the workloads",
                order("o15", "H200-NVL", 1, "Preinference pipelines for our retrainings of search models", AFTER),
                grant("o15", NEW, LICENSED, "policy", "0.25")),
            row("above the review threshold, granted by the rules", Verdict.DIFFERS, "above the review threshold",
                order("o16", "H200-NVL", 1500, GOOD, AFTER), grant("o16", NEW, LICENSED, "policy", "0.25")),
            row("above the review threshold, granted by an officer", Verdict.TRUSTED, "an officer granted",
                order("o17", "H200-NVL", 1500, GOOD, AFTER), grant("o17", NEW, LICENSED, "officer-1", "0.25")),
            row("a Rubin order granted by an officer", Verdict.DIFFERS, "PRODUCT_PROHIBITED",
                order("o18", "VR200", 1, GOOD, AFTER), grant("o18", NEW, LICENSED, "officer-1", "0.25")),
            row("a customer off the register", Verdict.TRUSTED, "designated register",
                order("o19", "H200-NVL", 1, GOOD, AFTER),
                deny("o19", NEW, "designated-register", "CUSTOMER_NOT_DESIGNATED", "policy")),
            row("a clause the recheck does not evaluate", Verdict.TRUSTED, "us-volume-cap",
                order("o20", "H200-NVL", 1, GOOD, AFTER),
                deny("o20", NEW, "us-volume-cap", "US_VOLUME_CAP_EXPIRED", "policy")),
            row("a wait for US volume that expired", Verdict.TRUSTED, "US-volume feed",
                order("o25", "H200-NVL", 1, GOOD, AFTER),
                deny("o25", NEW, "us-volume-50-percent", "US_VOLUME_WAIT_EXPIRED", "policy")),
            row("a version nobody published", Verdict.DIFFERS, "v9 is not among the versions given",
                order("o21", "H200-NVL", 1, GOOD, AFTER), grant("o21", "v9", LICENSED, "policy", "0.25")),
            row("a decision without a request", Verdict.DIFFERS, "no order request",
                grant("o22", NEW, LICENSED, "policy", "0.25")),
            row("an order of wire version 1 (an export to China)", Verdict.AGREES, null,
                new OrderRequestedV1("o23", "c-1", "Customer", "H200-NVL", "hopper", 10, usd("30000.00"),
                    usd("300000.00"), GOOD, "PO-o23", AFTER, "erp"),
                grant("o23", NEW, LICENSED, "policy", "0.25")),
            row("a grant that names no clause (published before clauses)", Verdict.AGREES, null,
                order("o24", "H200-NVL", 10, GOOD, AFTER), grant("o24", NEW, null, "policy", "0.25")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void eachRecordedDecisionIsJudgedByTheRulesAsPublished(String name, Verdict verdict, String why,
                                                           List<WireEvent> history) {
        // given
        PolicyRecheck recheck = new PolicyRecheck(LIBRARY);

        // when
        replay(recheck, history);

        // then
        assertThat(recheck.decisions()).isEqualTo(1);
        assertThat(recheck.count(verdict)).as(String.valueOf(recheck.listed())).isEqualTo(1);
        if (verdict == Verdict.AGREES) {
            assertThat(recheck.listed()).isEmpty();
        } else {
            Finding finding = recheck.listed().get(0);
            assertThat(finding.why()).contains(why);
            assertThat(finding.orderId()).isEqualTo(history.get(history.size() - 1).orderId());
        }
    }

    @Test
    void aRedeliveredDecisionIsJudgedOnce() {
        // given
        PolicyRecheck recheck = new PolicyRecheck(LIBRARY);
        WireEvent request = order("r1", "H200-NVL", 10, GOOD, AFTER);
        WireEvent grant = grant("r1", NEW, LICENSED, "policy", "0.25");

        // when: the grant's record is delivered twice, with the same event id
        recheck.accept(source("e-1", Topics.ORDERS.name()), request);
        recheck.accept(source("e-2", Topics.AUTHORIZATIONS.name()), grant);
        recheck.accept(source("e-2", Topics.AUTHORIZATIONS.name()), grant);

        // then
        assertThat(recheck.decisions()).isEqualTo(1);
        assertThat(recheck.count(Verdict.AGREES)).isEqualTo(1);
    }

    @Test
    void whatIsTakenOnTrustIsCountedByWhatWasTrusted() {
        // given
        PolicyRecheck recheck = new PolicyRecheck(LIBRARY);

        // when
        replay(recheck, List.of(order("t1", "H200-NVL", 1, GOOD, AFTER),
                deny("t1", NEW, "designated-register", "CUSTOMER_REVOKED", "policy"),
                order("t2", "H200-NVL", 1, GOOD, AFTER),
                deny("t2", NEW, "unit-cap", "UNIT_CAP_EXCEEDED", "policy"),
                order("t3", "H200-NVL", 1, GOOD, AFTER),
                deny("t3", NEW, "officer-review", "OFFICER_DENIED", "officer-2")));

        // then
        assertThat(recheck.trusted()).containsEntry("register", 2L).containsEntry("officer", 1L);
    }

    private static final AtomicLong IDS = new AtomicLong();

    private static void replay(PolicyRecheck recheck, List<WireEvent> history) {
        for (WireEvent event : history) {
            String topic = event instanceof AuthorizationGrantedV1 || event instanceof AuthorizationDeniedV1
                    || event instanceof AuthorizationPendingV1 ? Topics.AUTHORIZATIONS.name() : Topics.ORDERS.name();
            recheck.accept(source("e" + IDS.incrementAndGet(), topic), event);
        }
    }

    private static Source source(String eventId, String topic) {
        return new Source(eventId, topic, 0, 0, AFTER, null);
    }

    private static Arguments row(String name, Verdict verdict, String why, WireEvent... history) {
        return Arguments.of(name, verdict, why, List.of(history));
    }
}
