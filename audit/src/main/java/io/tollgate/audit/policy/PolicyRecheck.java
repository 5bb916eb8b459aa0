package io.tollgate.audit.policy;

import io.tollgate.audit.replay.Replay;
import io.tollgate.audit.rules.Source;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code recheck-policy}: every recorded grant and denial held to docs/policy-rules.md by the
 * audit's own {@link PolicyRules}, from the order's facts on the topics and the versions as
 * published (§4 of that document). Fed by a replay in merge order; each decision event is judged
 * once (a redelivered record with the same event id is not judged again).
 */
public final class PolicyRecheck implements Replay.Listener {

    /** Decisions listed one by one in the report; every one is counted. */
    public static final int LISTED_MAX = 1_000;

    /** Clauses every version shares that the recheck knows are decided by the register or an officer. */
    private static final Set<String> REGISTER_CLAUSES = Set.of("designated-register", "unit-cap");
    private static final String OFFICER_CLAUSE = "officer-review";
    private static final Set<String> REGISTER_CODES = Set.of("CUSTOMER_NOT_DESIGNATED", "CUSTOMER_REVOKED",
            "UNIT_CAP_EXCEEDED");
    private static final String POLICY = "policy";

    public enum Verdict {
        AGREES,
        DIFFERS,
        TRUSTED
    }

    /** One decision judged: {@code why} says what differs or what is taken on trust. */
    public record Finding(Verdict verdict, String orderId, String eventId, String outcome, String policyVersion,
                          String clause, String decidedBy, Instant decidedAt, String why) {
    }

    /** What the topics say of one order so far. */
    private static final class Order {
        final OrderRequestedV2 request;
        String scenario;
        /** The regulator asked for a scenario and none came on the orders topic since. */
        boolean scenarioAskedSinceSupplied;

        Order(OrderRequestedV2 request) {
            this.request = request;
            this.scenario = request.usageScenario();
        }
    }

    private final PolicyLibrary policies;
    private final Map<String, Order> orders = new HashMap<>();
    private final Set<String> judged = new HashSet<>();
    private final List<Finding> listed = new ArrayList<>();
    private final Map<Verdict, Long> counts = new TreeMap<>();
    private final Map<String, Long> trusted = new TreeMap<>();
    private long decisions;

    public PolicyRecheck(PolicyLibrary policies) {
        this.policies = policies;
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0L);
        }
    }

    @Override
    public void advanceClock(Instant to) {
        // Decisions are judged by their own facts; the replay clock decides nothing here.
    }

    @Override
    public void accept(Source source, WireEvent event) {
        if (event instanceof OrderRequested r) {
            OrderRequestedV2 v2 = r.asV2();
            orders.putIfAbsent(v2.orderId(), new Order(v2));
        } else if (event instanceof UsageScenarioSuppliedV1 s) {
            Order o = orders.get(s.orderId());
            if (o != null) {
                o.scenario = s.usageScenario();
                o.scenarioAskedSinceSupplied = false;
            }
        } else if (event instanceof AuthorizationPendingV1 p) {
            Order o = orders.get(p.orderId());
            if (o != null && AuthorizationPendingV1.USAGE_SCENARIO.equals(p.waitingFor())) {
                o.scenarioAskedSinceSupplied = true;
            }
        } else if (event instanceof AuthorizationGrantedV1 g && judged.add(source.eventId())) {
            record(granted(g, source));
        } else if (event instanceof AuthorizationDeniedV1 d && judged.add(source.eventId())) {
            record(denied(d, source));
        }
    }

    private Finding granted(AuthorizationGrantedV1 g, Source source) {
        Check check = check(g.orderId(), g.policyVersion(), g.policyClause(), "GRANTED", g.decidedBy(),
                g.occurredAt(), source);
        if (check.finding != null) {
            return check.finding;
        }
        PolicyVersion v = check.version;
        String conditions = conditionsDiffer(v, g.conditions());
        if (conditions != null) {
            return check.differs(conditions);
        }
        PolicyRules.Expectation e = check.expectation;
        if (e.refusal() != null) {
            return check.differs("granted, but " + e.refusal().why() + ": " + e.refusal().code()
                    + " under clause " + e.refusal().clause());
        }
        if (g.policyClause() != null && !g.policyClause().equals(e.licenceClause())) {
            return check.differs("granted under clause " + g.policyClause() + ", but the product is licensed"
                    + " by clause " + e.licenceClause());
        }
        if (!POLICY.equals(g.decidedBy())) {
            return e.waitsFor() == null ? check.agrees()
                    : check.trusted("officer", "an officer granted what the rules sent to review: " + e.waitsFor());
        }
        if (e.waitsFor() == null) {
            return check.agrees();
        }
        if (e.scenarioWait() && check.order.scenarioAskedSinceSupplied) {
            return check.trusted("scenario supplied to the regulator", "the rules would wait ("
                    + e.waitsFor() + "); the application waited for a usage scenario and none followed on the"
                    + " orders topic, so it was supplied to the regulator directly");
        }
        return check.differs("the rules granted, but " + e.waitsFor() + " (clause " + e.waitClause() + ")");
    }

    private Finding denied(AuthorizationDeniedV1 d, Source source) {
        Check check = check(d.orderId(), d.policyVersion(), d.policyClause(), "DENIED", d.decidedBy(),
                d.occurredAt(), source);
        if (check.finding != null) {
            return check.finding;
        }
        PolicyRules.Expectation e = check.expectation;
        List<String> codes = d.reasons().stream().map(DenialReason::code).toList();
        if (e.refusal() != null) {
            PolicyRules.Refusal r = e.refusal();
            if (d.policyClause() != null && !d.policyClause().equals(r.clause())) {
                return check.differs("denied under clause " + d.policyClause() + ", but " + r.why()
                        + " decides it: " + r.code() + " under clause " + r.clause());
            }
            if (!codes.get(0).equals(r.code())) {
                return check.differs("denied for " + codes.get(0) + ", but " + r.why() + " decides it: "
                        + r.code());
            }
            return check.agrees();
        }
        String clause = d.policyClause();
        if (clause != null ? REGISTER_CLAUSES.contains(clause) : REGISTER_CODES.contains(codes.get(0))) {
            return check.trusted("register", "denied by the designated register (" + codes.get(0)
                    + "), which is not on the topics");
        }
        if (clause != null ? clause.equals(OFFICER_CLAUSE) : codes.get(0).equals("OFFICER_DENIED")) {
            return check.trusted("officer", "denied by a compliance officer in review");
        }
        if (clause != null && check.version.trustedClauses().containsKey(clause)) {
            String what = check.version.trustedClauses().get(clause);
            return check.trusted(what, "denied under clause " + clause + " (" + codes.get(0) + "), which decides by "
                    + what + ", not on the topics");
        }
        if (clause == null || check.version.ownClauses().contains(clause) || clause.equals("product-catalogue")) {
            return check.differs("denied" + (clause == null ? " for " + codes.get(0) : " under clause " + clause)
                    + ", but the destination and product rules allow the order (licensed by clause "
                    + e.licenceClause() + ")");
        }
        return check.trusted("clause not evaluated", "clause " + clause + " is not one the recheck evaluates"
                + (check.version.sectionsNotChecked().isEmpty() ? ""
                        : " (sections not checked: " + check.version.sectionsNotChecked() + ")"));
    }

    /** The common part: the order, the version named, the version in force, the expectation. */
    private Check check(String orderId, String version, String clause, String outcome, String decidedBy,
                        Instant at, Source source) {
        Check c = new Check(new Finding(null, orderId, source.eventId(), outcome, version, clause, decidedBy,
                at, null));
        c.order = orders.get(orderId);
        if (c.order == null) {
            c.finding = c.differs("no order request for this decision on the orders topic");
            return c;
        }
        Optional<PolicyVersion> named = policies.find(version);
        if (named.isEmpty()) {
            c.finding = c.differs("version " + version + " is not among the versions given");
            return c;
        }
        c.version = named.get();
        Instant requested = c.order.request.occurredAt();
        Optional<PolicyVersion> inForce = policies.inForceAt(requested);
        if (inForce.isPresent() && !inForce.get().version().equals(version)) {
            c.finding = c.differs("decided under " + version + ", but " + inForce.get().version()
                    + " was in force when the order was requested (" + requested + ")");
            return c;
        }
        c.expectation = PolicyRules.expect(c.version, c.order.request, c.order.scenario);
        return c;
    }

    private static String conditionsDiffer(PolicyVersion v, GrantConditions c) {
        boolean rate = new BigDecimal(c.revenueShareRate()).compareTo(new BigDecimal(v.revenueShareRate())) == 0;
        if (!rate || !c.payee().equals(v.payee())) {
            return "granted with " + c.revenueShareRate() + " to " + c.payee() + ", but version " + v.version()
                    + " sets " + v.revenueShareRate() + " to " + v.payee();
        }
        return null;
    }

    private void record(Finding f) {
        decisions++;
        counts.merge(f.verdict(), 1L, Long::sum);
        if (f.verdict() != Verdict.AGREES && listed.size() < LISTED_MAX) {
            listed.add(f);
        }
    }

    /** One decision being judged. */
    private final class Check {
        final Finding base;
        Order order;
        PolicyVersion version;
        PolicyRules.Expectation expectation;
        Finding finding;

        Check(Finding base) {
            this.base = base;
        }

        Finding with(Verdict verdict, String why) {
            return new Finding(verdict, base.orderId(), base.eventId(), base.outcome(), base.policyVersion(),
                    base.clause(), base.decidedBy(), base.decidedAt(), why);
        }

        Finding agrees() {
            return with(Verdict.AGREES, null);
        }

        Finding differs(String why) {
            return with(Verdict.DIFFERS, why);
        }

        Finding trusted(String what, String why) {
            trusted.merge(what, 1L, Long::sum);
            return with(Verdict.TRUSTED, why);
        }
    }

    public long decisions() {
        return decisions;
    }

    public long count(Verdict verdict) {
        return counts.get(verdict);
    }

    /** Decisions taken on trust, by what was trusted. */
    public Map<String, Long> trusted() {
        return Map.copyOf(trusted);
    }

    /** The decisions that differ or were taken on trust, in replay order, up to {@link #LISTED_MAX}. */
    public List<Finding> listed() {
        return List.copyOf(listed);
    }

    /** Orders requested on the topics. */
    public int orders() {
        return orders.size();
    }
}
