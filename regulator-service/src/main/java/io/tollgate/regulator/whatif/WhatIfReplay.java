package io.tollgate.regulator.whatif;

import io.tollgate.contracts.TransactionKind;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.api.DocumentSuppliedEvent;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioSuppliedEvent;
import io.tollgate.regulator.command.Application;
import io.tollgate.regulator.command.RegisterReplay;
import io.tollgate.regulator.policy.ApplicationFacts;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.DocumentsOnFile;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyEvaluator;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.policy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One what-if run as a fold over the event store's history in global order: it rebuilds the
 * register ({@link RegisterReplay}) and the facts of each selected application, and at each
 * recorded decision evaluates the draft with the facts and the customer's standing of that moment
 * (the decision's own unit reservation follows it in the history, so it is not counted yet).
 * A pure function of the events it is given: it reads nothing and writes nothing itself.
 */
public final class WhatIfReplay {

    private static final Set<Class<?>> DECISION_TYPES = Set.of(UsageScenarioSuppliedEvent.class,
            UsageScenarioRequestedEvent.class, ReviewRequestedEvent.class, ApplicationGrantedEvent.class,
            ApplicationDeniedEvent.class, DocumentSuppliedEvent.class, DocumentsRequestedEvent.class);

    private final Policy draft;
    private final Instant requestedFrom;
    private final Instant requestedTo;
    private final long afterPosition;
    private final int applicationsMax;
    private final RegisterReplay register = new RegisterReplay();
    private final Map<String, Facts> selected = new HashMap<>();
    private final List<ChangedDecision> changes = new ArrayList<>();
    private final List<OfficerDecisionReview> officerDecisions = new ArrayList<>();
    private long eventsRead;
    private long lastSelectedPosition;
    private boolean more;
    private int decisions;
    private int unchanged;
    private int scenarioNotRecorded;

    /**
     * @param draft           a validated policy version
     * @param requestedFrom   first request instant read (inclusive); null: from the first
     * @param requestedTo     end of the request instants read (exclusive); null: to the last
     * @param afterPosition   read applications received after this position of the store only (a cursor)
     * @param applicationsMax read at most this many applications; the next one sets the cursor
     */
    public WhatIfReplay(Policy draft, Instant requestedFrom, Instant requestedTo, long afterPosition,
                        int applicationsMax) {
        this.draft = Objects.requireNonNull(draft, "draft");
        if (requestedFrom != null && requestedTo != null && !requestedFrom.isBefore(requestedTo)) {
            throw new IllegalArgumentException("requestedFrom must be before requestedTo");
        }
        if (afterPosition < 0 || applicationsMax < 1) {
            throw new IllegalArgumentException("afterPosition >= 0 and applicationsMax >= 1 required");
        }
        this.requestedFrom = requestedFrom;
        this.requestedTo = requestedTo;
        this.afterPosition = afterPosition;
        this.applicationsMax = applicationsMax;
    }

    /**
     * Whether an event of {@code payloadType} of aggregate {@code aggregateId} matters, asked before
     * its payload is deserialized: events of applications not selected are skipped unread.
     */
    public boolean wants(Class<?> payloadType, String aggregateId) {
        return RegisterReplay.EVENT_TYPES.contains(payloadType) || payloadType == ApplicationReceivedEvent.class
                || (DECISION_TYPES.contains(payloadType) && selected.containsKey(aggregateId));
    }

    /** Counts an event the store gave, whether wanted or not. */
    public void read() {
        eventsRead++;
    }

    /** Applies one wanted event at {@code position} of the store (positions only ever grow). */
    public void accept(long position, Object event) {
        if (RegisterReplay.EVENT_TYPES.contains(event.getClass())) {
            register.apply(event);
        } else if (event instanceof ApplicationReceivedEvent) {
            receive(position, (ApplicationReceivedEvent) event);
        } else if (event instanceof UsageScenarioSuppliedEvent) {
            UsageScenarioSuppliedEvent supplied = (UsageScenarioSuppliedEvent) event;
            Facts facts = selected.get(supplied.orderId());
            facts.usageScenario = supplied.usageScenario();
            if (supplied.necessityCategory() != null) {
                facts.necessityCategory = supplied.necessityCategory();
            }
            facts.awaitingScenario = false;
        } else if (event instanceof DocumentSuppliedEvent) {
            DocumentSuppliedEvent supplied = (DocumentSuppliedEvent) event;
            selected.get(supplied.orderId()).documents.add(supplied.document());
        } else if (event instanceof DocumentsRequestedEvent) {
            DocumentsRequestedEvent request = (DocumentsRequestedEvent) event;
            compare(selected.get(request.orderId()), RecordedDecision.of(Outcome.NEEDS_DOCUMENTS,
                    request.policyVersion(), request.policyClause(), request.reasons(), request.usExport(), null,
                    Application.POLICY, request.requestedAt()));
        } else if (event instanceof UsageScenarioRequestedEvent) {
            scenarioRequested((UsageScenarioRequestedEvent) event);
        } else if (event instanceof ReviewRequestedEvent) {
            ReviewRequestedEvent review = (ReviewRequestedEvent) event;
            compare(selected.get(review.orderId()), RecordedDecision.of(Outcome.NEEDS_REVIEW,
                    review.policyVersion(), review.policyClause(), List.of(), review.usExport(),
                    review.cnImport(), Application.POLICY, review.requestedAt()));
        } else if (event instanceof ApplicationGrantedEvent) {
            ApplicationGrantedEvent grant = (ApplicationGrantedEvent) event;
            decided(grant.orderId(), RecordedDecision.of(Outcome.GRANT, grant.policyVersion(), grant.policyClause(),
                    List.of(), grant.usExport(), grant.cnImport(), decider(grant.decidedBy()), grant.decidedAt()));
        } else if (event instanceof ApplicationDeniedEvent) {
            ApplicationDeniedEvent denial = (ApplicationDeniedEvent) event;
            decided(denial.orderId(), RecordedDecision.of(Outcome.DENY, denial.policyVersion(),
                    denial.policyClause(), denial.reasons(), denial.usExport(), denial.cnImport(),
                    decider(denial.decidedBy()), denial.decidedAt()));
        } else {
            throw new IllegalArgumentException("not an event a what-if reads: " + event.getClass().getName());
        }
    }

    /** The answer so far (the whole answer once the history has been read). */
    public WhatIfReport report() {
        int changed = changes.size();
        WhatIfTotals totals = new WhatIfTotals(selected.size(), decisions, unchanged + changed, unchanged, changed,
                new NotComparable(officerDecisions.size(), scenarioNotRecorded));
        return new WhatIfReport(draft.version(), requestedFrom, requestedTo, totals, changes, officerDecisions,
                eventsRead, more ? PageCursor.encode(lastSelectedPosition) : null);
    }

    private void receive(long position, ApplicationReceivedEvent received) {
        Instant at = received.requestedAt();
        boolean inRange = position > afterPosition && (requestedFrom == null || !at.isBefore(requestedFrom))
                && (requestedTo == null || at.isBefore(requestedTo));
        if (!inRange) {
            return;
        }
        if (selected.size() == applicationsMax) {
            more = true; // the next page starts after the last one read
            return;
        }
        selected.put(received.orderId(), new Facts(received));
        lastSelectedPosition = position;
    }

    private void scenarioRequested(UsageScenarioRequestedEvent request) {
        Facts facts = selected.get(request.orderId());
        if (facts.awaitingScenario) {
            // Asked again about a scenario the ERP sent and the rules refused: its text was not kept.
            decisions++;
            scenarioNotRecorded++;
        } else {
            compare(facts, RecordedDecision.of(Outcome.NEEDS_USAGE_SCENARIO, request.policyVersion(),
                    request.policyClause(), List.of(request.reason()), request.usExport(), request.cnImport(),
                    Application.POLICY, request.requestedAt()));
        }
        facts.awaitingScenario = true;
    }

    private void decided(String orderId, RecordedDecision recorded) {
        Facts facts = selected.get(orderId);
        if (Application.POLICY.equals(recorded.decidedBy())) {
            compare(facts, recorded);
            return;
        }
        decisions++;
        CustomerStanding standing = facts.standing(register);
        ApplicationFacts then = facts.facts(recorded.decidedAt());
        DraftDecision rules = DraftDecision.of(evaluate(then, standing, PolicyEvaluator.Mode.RULES));
        DraftDecision officerGrant = recorded.outcome() != Outcome.GRANT ? null
                : DraftDecision.of(evaluate(then, standing, PolicyEvaluator.Mode.OFFICER_GRANT));
        officerDecisions.add(new OfficerDecisionReview(facts.orderId, facts.customerId, facts.requestedAt,
                recorded, rules, officerGrant));
    }

    private void compare(Facts facts, RecordedDecision recorded) {
        decisions++;
        DraftDecision draftDecision = DraftDecision.of(evaluate(facts.facts(recorded.decidedAt()),
                facts.standing(register), PolicyEvaluator.Mode.RULES));
        ChangeKind change = draftDecision.changeFrom(recorded);
        if (change == null) {
            unchanged++;
        } else {
            changes.add(new ChangedDecision(facts.orderId, facts.customerId, facts.requestedAt, change, recorded,
                    draftDecision));
        }
    }

    /** The one call of the evaluator: a parameter it gains is passed here, and only here. */
    private Verdict evaluate(ApplicationFacts facts, CustomerStanding standing, PolicyEvaluator.Mode mode) {
        return PolicyEvaluator.evaluate(draft, facts, standing, mode);
    }

    /** Decisions stored before officers were named carry no decider: the rules made them. */
    private static String decider(String decidedBy) {
        return decidedBy == null ? Application.POLICY : decidedBy;
    }

    /** What the Application aggregate knows of its order when it decides, from the same events. */
    private static final class Facts {
        final String orderId;
        final String customerId;
        final Instant requestedAt;
        final String quarter;
        final String productSku;
        final long quantity;
        final String destination;
        final TransactionKind transactionKind;
        final String buyerHeadquarters;
        final String ultimateParentHeadquarters;
        String usageScenario;
        String necessityCategory;
        boolean awaitingScenario;
        /** The documents supplied so far, judged at each decision's instant as the aggregate does. */
        final List<SuppliedDocument> documents = new ArrayList<>();

        Facts(ApplicationReceivedEvent e) {
            orderId = e.orderId();
            customerId = e.customerId();
            requestedAt = e.requestedAt();
            quarter = e.quarter();
            productSku = e.productSku();
            quantity = e.quantity();
            usageScenario = e.usageScenario();
            destination = e.destination();
            transactionKind = e.transactionKind();
            buyerHeadquarters = e.buyerHeadquarters();
            ultimateParentHeadquarters = e.ultimateParentHeadquarters();
        }

        ApplicationFacts facts(Instant at) {
            return new ApplicationFacts(productSku, quantity, usageScenario, necessityCategory, destination,
                    transactionKind, buyerHeadquarters, ultimateParentHeadquarters,
                    new DocumentsOnFile(documents, at));
        }

        CustomerStanding standing(RegisterReplay register) {
            return register.standing(customerId, quarter);
        }
    }
}
