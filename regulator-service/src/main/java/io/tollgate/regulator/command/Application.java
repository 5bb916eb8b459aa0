package io.tollgate.regulator.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationNotOpenException;
import io.tollgate.regulator.api.DocumentsLimitReachedException;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.DecideApplicationCommand;
import io.tollgate.regulator.api.DecideAwaitingUsVolumeCommand;
import io.tollgate.regulator.api.DecideByOfficerCommand;
import io.tollgate.regulator.api.DocumentSuppliedEvent;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.api.DuplicateOrderException;
import io.tollgate.regulator.api.ExpireUsVolumeWaitCommand;
import io.tollgate.regulator.api.GrantedUnitsReturnedEvent;
import io.tollgate.regulator.api.IllegalTransitionException;
import io.tollgate.regulator.api.OfficerDecision;
import io.tollgate.regulator.api.OfficerOverrideRefusedException;
import io.tollgate.regulator.api.PassOverSupplyCommand;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReceiveApplicationCommand;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.api.SupplyDocumentCommand;
import io.tollgate.regulator.api.SupplyPassedOverEvent;
import io.tollgate.regulator.api.SupplyUsageScenarioCommand;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioSuppliedEvent;
import io.tollgate.regulator.api.UsageScenarioUnacceptableException;
import io.tollgate.regulator.api.UsVolumeAwaitedEvent;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.regulator.api.WithdrawApplicationCommand;
import io.tollgate.regulator.api.Withdrawal;
import io.tollgate.regulator.policy.ApplicationFacts;
import io.tollgate.regulator.policy.Clauses;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.DocumentCheck;
import io.tollgate.regulator.policy.DocumentsOnFile;
import io.tollgate.regulator.policy.NecessityCategory;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyEvaluator;
import io.tollgate.regulator.policy.UsVolumeCap;
import io.tollgate.regulator.policy.UsVolumeRule;
import io.tollgate.regulator.policy.UsVolumeStanding;
import io.tollgate.regulator.policy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One order's authorization application, event-sourced. Its id is the order id, so a request for
 * an order is received at most once; every decision names track, reason code, text, the policy
 * version that made it and the clause of that version that decided. The deciding version is the
 * one of the register's history in force when the order was requested (so a redelivery, a late
 * consumer or a replay finds the version the buyer applied under, and a version adopted later
 * reaches only applications requested after its effective instant that are still undecided).
 */
public class Application {

    /** {@code decidedBy} of decisions the rules made without an officer. */
    public static final String POLICY = "policy";

    @AggregateIdentifier
    private String orderId;
    private ApplicationStatus status;
    private String requestEventId;
    private String customerId;
    private String productSku;
    private long quantity;
    private String usageScenario;
    /** The category of necessity the buyer declared; null: the version's default. */
    private String necessityCategory;
    private String quarter;
    /** When the order was requested: the instant whose policy version decides the application. */
    private Instant requestedAt;
    private String authorizationId;
    private boolean unitsReturned;
    /** Where the order goes and who buys it (revision-1 events upcast: CN, EXPORT, not stated). */
    private String destination;
    private TransactionKind transactionKind;
    private String buyerHeadquarters;
    private String ultimateParentHeadquarters;
    /** Every document supplied, in order (bounded by {@link #DOCUMENTS_MAX}). */
    private final List<SuppliedDocument> documents = new ArrayList<>();

    /** Bound on the documents recorded for one application. */
    public static final int DOCUMENTS_MAX = 20;
    /** The latest wait for US volume (current while AWAITING_US_VOLUME). */
    private UsVolumeWaiting.Wait usVolumeWait;

    /** For Axon: rebuilt from events. */
    public Application() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveApplicationCommand command) {
        if (status != null) {
            if (!requestEventId.equals(command.requestEventId())) {
                throw new DuplicateOrderException(orderId, requestEventId, command.requestEventId());
            }
            return; // A redelivered request: the application exists already.
        }
        requireText("orderId", command.orderId());
        requireText("requestEventId", command.requestEventId());
        requireText("customerId", command.customerId());
        requireText("productSku", command.productSku());
        if (command.quantity() <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        requireText("destination", command.destination());
        if (command.transactionKind() == null) {
            throw new IllegalArgumentException("transactionKind is required");
        }
        apply(new ApplicationReceivedEvent(command.orderId(), command.requestEventId(),
                command.customerId(), command.customerName(), command.productSku(),
                command.productFamily(), command.quantity(), command.usageScenario(),
                Quarter.of(command.requestedAt()), command.requestedAt(), command.receivedAt(),
                command.destination(), command.transactionKind(), command.buyerHeadquarters(),
                command.ultimateParentHeadquarters()));
    }

    @CommandHandler
    public Outcome handle(DecideApplicationCommand command) {
        if (status != ApplicationStatus.RECEIVED) {
            return null; // Decided (or waiting) already: a repeated decide changes nothing.
        }
        Policy policy = command.policies().inForceAt(requestedAt);
        Verdict verdict = PolicyEvaluator.evaluate(policy, facts(command.decidedAt()), command.standing(),
                PolicyEvaluator.Mode.RULES);
        return record(verdict, policy, command.authorizationId(), POLICY, null, command.decidedAt(),
                command.usVolume());
    }

    @CommandHandler
    public Outcome handle(SupplyUsageScenarioCommand command) {
        requireStatus(ApplicationStatus.USAGE_SCENARIO_REQUESTED, "APPLICATION_NOT_AWAITING_SCENARIO",
                "supply a usage scenario");
        Policy policy = command.policies().inForceAt(requestedAt);
        String declared = command.necessityCategory() != null ? command.necessityCategory().trim()
                : necessityCategory;
        Optional<NecessityCategory> category = policy.necessityCategory(declared);
        // An exempt category needs no detail (an officer checks the claim); any other, enough of it.
        Optional<Reason> problem = category.isEmpty()
                ? Optional.of(PolicyEvaluator.unknownCategory(policy, declared))
                : category.get().exempt() ? Optional.empty()
                : category.get().scenario().check(command.usageScenario());
        if (problem.isPresent() && command.askAgain()) {
            // The scenario is not taken; the application asks again, saying why (it is published).
            ApplicationFacts asked = new ApplicationFacts(productSku, quantity, command.usageScenario(), declared,
                    destination, transactionKind, buyerHeadquarters, ultimateParentHeadquarters,
                    documentsAt(command.suppliedAt()));
            Verdict verdict = PolicyEvaluator.evaluate(policy, asked, command.standing(), PolicyEvaluator.Mode.RULES);
            return record(verdict, policy, command.authorizationId(), POLICY, null, command.suppliedAt(),
                    command.usVolume());
        }
        if (problem.isPresent()) {
            throw new UsageScenarioUnacceptableException(problem.get());
        }
        apply(new UsageScenarioSuppliedEvent(orderId, command.usageScenario().trim(), command.suppliedAt(),
                command.necessityCategory() == null ? null : category.get().name()));
        Verdict verdict = PolicyEvaluator.evaluate(policy, facts(command.suppliedAt()), command.standing(),
                PolicyEvaluator.Mode.RULES);
        return record(verdict, policy, command.authorizationId(), POLICY, null, command.suppliedAt(),
                command.usVolume());
    }

    @CommandHandler
    public Outcome handle(DecideByOfficerCommand command) {
        requireStatus(ApplicationStatus.PENDING_REVIEW, "APPLICATION_NOT_IN_REVIEW", "decide");
        requireText("officer", command.officer());
        requireText("reason", command.reason());
        Policy policy = command.policies().inForceAt(requestedAt);
        if (command.decision() == OfficerDecision.DENY) {
            Reason reason = new Reason(Track.US_EXPORT, ReasonCode.OFFICER_DENIED,
                    "Denied by a compliance officer: " + command.reason().trim());
            apply(new ApplicationDeniedEvent(orderId, command.authorizationId(), requestEventId,
                    List.of(reason), TrackOutcome.refused(reason),
                    TrackOutcome.approved(Track.CN_IMPORT, "Usage scenario accepted"),
                    policy.version(), command.officer(), command.decidedAt(),
                    Clauses.OFFICER_REVIEW));
            return Outcome.DENY;
        }
        Verdict verdict = PolicyEvaluator.evaluate(policy, facts(command.decidedAt()), command.standing(),
                PolicyEvaluator.Mode.OFFICER_GRANT);
        if (verdict.outcome() != Outcome.GRANT) {
            // An officer may weigh volume and scenario, never the product list or the register.
            throw new OfficerOverrideRefusedException(verdict.reasons());
        }
        return record(verdict, policy, command.authorizationId(), command.officer(),
                command.reason().trim(), command.decidedAt(), command.usVolume());
    }

    /**
     * US shipment reports (or returned units) may have made room: decide again, fully, under the
     * version in force when the order was requested; an officer's grant stays that officer's.
     */
    @CommandHandler
    public Outcome handle(DecideAwaitingUsVolumeCommand command) {
        if (status != ApplicationStatus.AWAITING_US_VOLUME) {
            return null; // Decided or withdrawn meanwhile: nothing to do.
        }
        Policy policy = command.policies().inForceAt(requestedAt);
        String officer = usVolumeWait.officer();
        ApplicationFacts now = facts(command.decidedAt());
        Verdict verdict = PolicyEvaluator.evaluate(policy, now, command.standing(), officer == null
                ? PolicyEvaluator.Mode.RULES : PolicyEvaluator.Mode.OFFICER_GRANT);
        if (verdict.outcome() == Outcome.GRANT
                && UsVolumeRule.shortfall(policy, now, quarter, command.usVolume()).isPresent()) {
            return Outcome.AWAITING_US_VOLUME; // Still no room: the wait stands as published.
        }
        boolean officerGrants = officer != null && verdict.outcome() == Outcome.GRANT;
        return record(verdict, policy, command.authorizationId(), officerGrants ? officer : POLICY,
                officerGrants ? usVolumeWait.note() : null, command.decidedAt(), command.usVolume());
    }

    /** Denies an application that waited for US volume longer than its version allows. */
    @CommandHandler
    public boolean handle(ExpireUsVolumeWaitCommand command) {
        if (status != ApplicationStatus.AWAITING_US_VOLUME || command.at().isBefore(usVolumeWait.expiresAt())) {
            return false;
        }
        requireText("authorizationId", command.authorizationId());
        String productClass = UsVolumeRule.productClass(productSku).orElseThrow();
        Reason reason = new Reason(Track.US_EXPORT, ReasonCode.US_VOLUME_WAIT_EXPIRED,
                UsVolumeWaiting.expiredText(usVolumeWait, productClass, quarter, quantity));
        apply(new ApplicationDeniedEvent(orderId, command.authorizationId(), requestEventId, List.of(reason),
                TrackOutcome.refused(reason), usVolumeWait.cnImport(), usVolumeWait.policyVersion(), POLICY,
                command.at(), usVolumeWait.clause()));
        return true;
    }

    /**
     * Records a document for an open application; the same document again changes nothing. An
     * application waiting for documents is evaluated again at once (it may still wait, with the
     * kinds still missing); in any other open state the document waits for the decision to come.
     *
     * @return the outcome of the evaluation, or null when the document was only recorded
     */
    @CommandHandler
    public Outcome handle(SupplyDocumentCommand command) {
        if (!status.isOpen()) {
            throw new ApplicationNotOpenException(orderId, status);
        }
        if (documents.contains(command.document())) {
            return null; // Supplied before: a repeated request records nothing.
        }
        if (documents.size() >= DOCUMENTS_MAX) {
            throw new DocumentsLimitReachedException(orderId, DOCUMENTS_MAX);
        }
        boolean waiting = status == ApplicationStatus.AWAITING_DOCUMENTS;
        apply(new DocumentSuppliedEvent(orderId, command.document(), command.suppliedAt()));
        if (!waiting) {
            return null;
        }
        Policy policy = command.policies().inForceAt(requestedAt);
        Verdict verdict = PolicyEvaluator.evaluate(policy, facts(command.suppliedAt()), command.standing(),
                PolicyEvaluator.Mode.RULES);
        return record(verdict, policy, command.authorizationId(), POLICY, null, command.suppliedAt(),
                command.usVolume());
    }

    /**
     * Records a supply that came after the decision or withdrawal; the application does not
     * change. An open application takes supplies, so passing one over there is a bug (the workflow
     * passes over only what the read model showed decided or withdrawn, and neither ever reopens):
     * it fails at once, no code for a caller to answer.
     */
    @CommandHandler
    public void handle(PassOverSupplyCommand command) {
        if (status.isOpen()) {
            throw new IllegalStateException("cannot pass over a supply for application " + orderId + ": it is "
                    + status + " and takes it");
        }
        apply(new SupplyPassedOverEvent(orderId, command.supply(), command.supplyEventId(),
                command.documentKind(), status, command.passedOverAt()));
    }

    @CommandHandler
    public Withdrawal handle(WithdrawApplicationCommand command) {
        if (status.isOpen()) {
            apply(new ApplicationWithdrawnEvent(orderId, status, command.reason(),
                    command.cancelledAt()));
            return Withdrawal.WITHDRAWN;
        }
        if (status == ApplicationStatus.GRANTED && !unitsReturned) {
            apply(new GrantedUnitsReturnedEvent(orderId, authorizationId, customerId, quarter,
                    quantity, command.cancelledAt()));
            return Withdrawal.UNITS_RETURNED;
        }
        return Withdrawal.NOTHING;
    }

    /** Applies the event that records {@code verdict}; the conditions are those of {@code policy}. */
    private Outcome record(Verdict verdict, Policy policy, String newAuthorizationId,
                           String decidedBy, String note, Instant at, UsVolumeStanding usVolume) {
        switch (verdict.outcome()) {
            case GRANT:
                requireText("authorizationId", newAuthorizationId);
                Optional<UsVolumeAwaitedEvent> wait = UsVolumeWaiting.instead(orderId, verdict, policy, facts(at),
                        quarter, usVolume, POLICY.equals(decidedBy) ? null : decidedBy, note, at);
                if (wait.isPresent()) {
                    apply(wait.get());
                    return Outcome.AWAITING_US_VOLUME;
                }
                Optional<UsVolumeCap> cap = UsVolumeRule.capFor(policy, facts(at));
                apply(new ApplicationGrantedEvent(orderId, newAuthorizationId, requestEventId,
                        customerId, quarter, quantity, verdict.usExport(), verdict.cnImport(),
                        policy.revenueShareRate(), policy.payee(), policy.version(), decidedBy,
                        note, at, verdict.clause(), cap.map(c -> UsVolumeId.of(
                                UsVolumeRule.productClass(productSku).orElseThrow(), quarter)).orElse(null),
                        cap.map(UsVolumeCap::ratio).orElse(null)));
                break;
            case DENY:
                requireText("authorizationId", newAuthorizationId);
                apply(new ApplicationDeniedEvent(orderId, newAuthorizationId, requestEventId,
                        verdict.reasons(), verdict.usExport(), verdict.cnImport(),
                        policy.version(), decidedBy, at, verdict.clause()));
                break;
            case NEEDS_USAGE_SCENARIO:
                apply(new UsageScenarioRequestedEvent(orderId, verdict.reasons().get(0),
                        verdict.usExport(), verdict.cnImport(), policy.version(), at, verdict.clause()));
                break;
            case NEEDS_REVIEW:
                apply(new ReviewRequestedEvent(orderId, verdict.usExport(), verdict.cnImport(),
                        policy.version(), at, verdict.clause()));
                break;
            case NEEDS_DOCUMENTS:
                apply(new DocumentsRequestedEvent(orderId, DocumentCheck.missing(policy.documentRules(),
                        documentsAt(at)), verdict.usExport(), policy.version(), verdict.clause(), at));
                break;
            default:
                throw new IllegalStateException("unknown outcome " + verdict.outcome());
        }
        return verdict.outcome();
    }

    /** The application as the policy sees it, with its documents judged at {@code at}. */
    private ApplicationFacts facts(Instant at) {
        return new ApplicationFacts(productSku, quantity, usageScenario, necessityCategory, destination,
                transactionKind, buyerHeadquarters, ultimateParentHeadquarters, documentsAt(at));
    }

    private DocumentsOnFile documentsAt(Instant at) {
        return new DocumentsOnFile(documents, at);
    }

    private void requireStatus(ApplicationStatus expected, String code, String action) {
        if (status != expected) {
            throw new IllegalTransitionException(code, "Cannot " + action + " application " + orderId
                    + ": it is " + status + ", not " + expected);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    @EventSourcingHandler
    void on(ApplicationReceivedEvent event) {
        orderId = event.orderId();
        status = ApplicationStatus.RECEIVED;
        requestEventId = event.requestEventId();
        customerId = event.customerId();
        productSku = event.productSku();
        quantity = event.quantity();
        usageScenario = event.usageScenario();
        quarter = event.quarter();
        requestedAt = event.requestedAt();
        destination = event.destination();
        transactionKind = event.transactionKind();
        buyerHeadquarters = event.buyerHeadquarters();
        ultimateParentHeadquarters = event.ultimateParentHeadquarters();
    }

    @EventSourcingHandler
    void on(UsageScenarioRequestedEvent event) {
        status = ApplicationStatus.USAGE_SCENARIO_REQUESTED;
    }

    @EventSourcingHandler
    void on(UsageScenarioSuppliedEvent event) {
        usageScenario = event.usageScenario();
        if (event.necessityCategory() != null) {
            necessityCategory = event.necessityCategory();
        }
        status = ApplicationStatus.RECEIVED;
    }

    @EventSourcingHandler
    void on(DocumentsRequestedEvent event) {
        status = ApplicationStatus.AWAITING_DOCUMENTS;
    }

    @EventSourcingHandler
    void on(DocumentSuppliedEvent event) {
        documents.add(event.document());
        if (status == ApplicationStatus.AWAITING_DOCUMENTS) {
            status = ApplicationStatus.RECEIVED; // evaluated again by the command that supplied it
        }
    }

    @EventSourcingHandler
    void on(ReviewRequestedEvent event) {
        status = ApplicationStatus.PENDING_REVIEW;
    }

    @EventSourcingHandler
    void on(ApplicationGrantedEvent event) {
        status = ApplicationStatus.GRANTED;
        authorizationId = event.authorizationId();
    }

    @EventSourcingHandler
    void on(ApplicationDeniedEvent event) {
        status = ApplicationStatus.DENIED;
        authorizationId = event.authorizationId();
    }

    @EventSourcingHandler
    void on(UsVolumeAwaitedEvent event) {
        status = ApplicationStatus.AWAITING_US_VOLUME;
        usVolumeWait = UsVolumeWaiting.Wait.of(event);
    }

    @EventSourcingHandler
    void on(ApplicationWithdrawnEvent event) {
        status = ApplicationStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(GrantedUnitsReturnedEvent event) {
        unitsReturned = true;
    }
}
