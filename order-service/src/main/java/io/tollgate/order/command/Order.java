package io.tollgate.order.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.order.api.AuthorizationIgnoredEvent;
import io.tollgate.order.api.AuthorizationPendingEvent;
import io.tollgate.order.api.CancelOrderCommand;
import io.tollgate.order.api.DocumentSuppliedEvent;
import io.tollgate.order.api.OrderAuthorizedEvent;
import io.tollgate.order.api.OrderCancelledEvent;
import io.tollgate.order.api.OrderDeniedEvent;
import io.tollgate.order.api.OrderErrorCode;
import io.tollgate.order.api.OrderRejectedException;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.api.OrderSettledEvent;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.RecordAuthorizationDenialCommand;
import io.tollgate.order.api.RecordAuthorizationGrantCommand;
import io.tollgate.order.api.RecordAuthorizationPendingCommand;
import io.tollgate.order.api.RecordRevenueSharePaymentCommand;
import io.tollgate.order.api.RecordSupplyPassedOverCommand;
import io.tollgate.order.api.RequestOrderCommand;
import io.tollgate.order.api.RevenueSharePaidEvent;
import io.tollgate.order.api.SupplyDocumentCommand;
import io.tollgate.order.api.SupplyPassedOverEvent;
import io.tollgate.order.api.SupplyUsageScenarioCommand;
import io.tollgate.order.api.UsageScenarioSuppliedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * One order's lifecycle, event-sourced: it decides whether a command is legal in the current state
 * and records the outcome as events. The revenue share due comes only from {@link RevenueShare#of}.
 * Jackson reads and writes its fields directly, so snapshots need no extra mapping; bump
 * {@link Revision} when the fields change so old snapshots are ignored, not misread.
 */
@Revision("5")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Order {

    /** The largest quantity one order may carry (the contract's limit). */
    public static final long QUANTITY_MAX = WireLimits.QUANTITY_MAX;

    static final String GRANTED = "GRANTED";
    static final String DENIED = "DENIED";

    @AggregateIdentifier
    private String orderId;
    private OrderStatus status;
    /** The client that owns the order (see {@link OrderRequestedEvent#owner}); null: no client. */
    private String client;
    private Money grossAmount;
    private Money revenueShareDue;
    private Money revenueSharePaid;
    /** The decision applied to this order (its authorization id and GRANTED/DENIED), if any. */
    private String authorizationId;
    private String decision;
    private String payee;
    /** Every payment by id, so a repeated payment id is recognised (bounded by the amount due). */
    private Map<String, PaymentFingerprint> payments = new HashMap<>();
    /** Decisions that arrived after cancellation and were recorded as ignored. */
    private Set<String> ignoredAuthorizationIds = new HashSet<>();
    /** What the regulator's application waits for now (USAGE_SCENARIO, ...); null: nothing asked. */
    private String waitingFor;
    /** When the latest wait recorded began: an older or repeated one changes nothing. */
    private Instant pendingSince;
    /** Every supplied scenario by supply id, so a retry is told from a reuse of the key. */
    private Map<String, String> scenariosBySupplyId = new HashMap<>();
    /** Every supplied document by supply id (or by its content without a key), bounded by DOCUMENTS_MAX. */
    private Map<String, SuppliedDocument> documentsBySupplyId = new HashMap<>();
    /**
     * The supply records the regulator passed over, by event id, so a repeat is recognised (bounded
     * by the supplies this order published).
     */
    private Set<String> passedOverSupplyIds = new HashSet<>();

    /** The most documents one order passes on: as many as the regulator records for one application. */
    public static final int DOCUMENTS_MAX = 20;

    /** What the ERP may be asked to supply; the regulator's other waits are for its own officers. */
    static final String USAGE_SCENARIO = "USAGE_SCENARIO";

    /** Identifies a payment's content, to tell a retry from a reuse of the same payment id. */
    record PaymentFingerprint(Money amount, String treasuryReference) {
    }

    /** For Axon (event sourcing) and Jackson (snapshots). */
    protected Order() {
    }

    @CommandHandler
    public Order(RequestOrderCommand command) {
        if (command.quantity() <= 0 || command.quantity() > QUANTITY_MAX) {
            throw reject(OrderErrorCode.QUANTITY_OUT_OF_RANGE,
                    "quantity must be between 1 and " + QUANTITY_MAX + ", got " + command.quantity());
        }
        Money unitPrice = command.unitPrice().canonical();
        if (unitPrice.isNegative() || unitPrice.isZero()) {
            throw reject(OrderErrorCode.UNIT_PRICE_NOT_POSITIVE, "unitPrice must be positive, got " + unitPrice);
        }
        BigDecimal product = unitPrice.value().multiply(BigDecimal.valueOf(command.quantity()));
        if (!WireLimits.amountWithin(product, unitPrice.currency())) {
            throw reject(OrderErrorCode.GROSS_AMOUNT_TOO_LARGE, "unitPrice × quantity must be at most "
                    + WireLimits.amountMax(unitPrice.currency()) + " for one order");
        }
        Money gross = unitPrice.times(command.quantity());
        apply(new OrderRequestedEvent(command.orderId(), command.customerId(), command.customerName(),
                command.productSku(), ProductCatalogue.standard().classify(command.productSku()).family(),
                command.quantity(),
                unitPrice, gross, command.usageScenario(), command.erpReference(), command.requestedBy(),
                command.requestedAt(), command.requestedBy(), command.destination(), command.transactionKind(),
                command.buyerHeadquarters(), command.ultimateParentHeadquarters()));
    }

    @CommandHandler
    public void handle(RecordAuthorizationGrantCommand command) {
        if (!awaitsDecision(command.authorizationId(), GRANTED, command.decidedAt())) {
            return;
        }
        BigDecimal rate;
        try {
            rate = RevenueShare.parseRate(command.revenueShareRate());
        } catch (IllegalArgumentException e) {
            throw reject(OrderErrorCode.REVENUE_SHARE_RATE_INVALID, e.getMessage());
        }
        Money due = RevenueShare.of(grossAmount, rate);
        apply(new OrderAuthorizedEvent(orderId, command.authorizationId(), command.requestEventId(),
                command.revenueShareRate(), command.payee(), due, command.policyVersion(),
                command.decidedBy(), command.decidedAt(), command.policyClause()));
        if (due.isZero()) {
            // A zero rate owes nothing: the order is paid in full the moment it is authorized.
            apply(new OrderSettledEvent(orderId, revenueSharePaid, command.decidedAt()));
        }
    }

    @CommandHandler
    public void handle(RecordAuthorizationDenialCommand command) {
        if (!awaitsDecision(command.authorizationId(), DENIED, command.decidedAt())) {
            return;
        }
        apply(new OrderDeniedEvent(orderId, command.authorizationId(), command.requestEventId(),
                command.reasons(), command.policyVersion(), command.decidedBy(), command.decidedAt(),
                command.policyClause()));
    }

    /**
     * Records that the regulator's application waits. A wait for an order that is no longer
     * REQUESTED (decided or cancelled) or not newer than the one recorded changes nothing: the
     * regulator publishes each wait before the decision that ends it, so only a repeat arrives late.
     */
    @CommandHandler
    public void handle(RecordAuthorizationPendingCommand command) {
        if (status != OrderStatus.REQUESTED
                || pendingSince != null && !command.pendingSince().isAfter(pendingSince)) {
            return;
        }
        apply(new AuthorizationPendingEvent(orderId, command.waitingFor(), command.track(), command.code(),
                command.requirement(), command.policyVersion(), command.policyClause(), command.pendingSince()));
    }

    /**
     * Records that the regulator passed over one of this order's supplies, whatever the order's
     * state (the supply was taken while it was REQUESTED; the decision that made it late may have
     * been applied since, or the order cancelled). The same supply record again changes nothing.
     */
    @CommandHandler
    public void handle(RecordSupplyPassedOverCommand command) {
        if (passedOverSupplyIds.contains(command.supplyEventId())) {
            return;
        }
        apply(new SupplyPassedOverEvent(orderId, command.supply(), command.supplyEventId(), command.documentKind(),
                command.applicationState(), status, command.passedOverAt()));
    }

    /**
     * @return true when the scenario was taken now, false when this supply id was taken before with
     *         the same text (a retry is answered like the first call)
     */
    @CommandHandler
    public boolean handle(SupplyUsageScenarioCommand command) {
        if (client == null || !client.equals(command.suppliedBy())) {
            // Checked before any state, so another client learns nothing about this order.
            throw reject(OrderErrorCode.ORDER_NOT_FOUND, "order " + orderId + " does not exist");
        }
        String earlier = command.supplyId() == null ? null : scenariosBySupplyId.get(command.supplyId());
        if (earlier != null) {
            if (earlier.equals(command.usageScenario())) {
                return false;
            }
            throw reject(OrderErrorCode.IDEMPOTENCY_KEY_REUSED, "the Idempotency-Key was used for another"
                    + " usage scenario of order " + orderId);
        }
        if (status != OrderStatus.REQUESTED || !USAGE_SCENARIO.equals(waitingFor)) {
            throw reject(OrderErrorCode.ORDER_NOT_AWAITING_SCENARIO, "order " + orderId + " is " + status
                    + (waitingFor == null ? " and its application waits for no usage scenario"
                    : " and its application waits for " + waitingFor + ", not a usage scenario"));
        }
        apply(new UsageScenarioSuppliedEvent(orderId, command.supplyId(), command.usageScenario(),
                command.suppliedBy(), command.suppliedAt()));
        return true;
    }

    /**
     * Takes a document for the regulator while the order is REQUESTED, whatever the regulator waits
     * for (it records a document in any open state). The same document again, under its key or
     * without one, is a retry; the key of another document is refused.
     *
     * @return true when the document was taken now, false when it was taken before
     */
    @CommandHandler
    public boolean handle(SupplyDocumentCommand command) {
        if (client == null || !client.equals(command.suppliedBy())) {
            // Checked before any state, so another client learns nothing about this order.
            throw reject(OrderErrorCode.ORDER_NOT_FOUND, "order " + orderId + " does not exist");
        }
        SuppliedDocument document = command.document();
        SuppliedDocument earlier = command.supplyId() == null ? null
                : documentsBySupplyId.get(command.supplyId());
        if (earlier != null) {
            if (earlier.equals(document)) {
                return false;
            }
            throw reject(OrderErrorCode.IDEMPOTENCY_KEY_REUSED, "the Idempotency-Key was used for another"
                    + " document of order " + orderId);
        }
        if (documentsBySupplyId.containsValue(document)) {
            return false;
        }
        if (status != OrderStatus.REQUESTED) {
            throw reject(OrderErrorCode.ORDER_NOT_OPEN_FOR_DOCUMENTS, "order " + orderId + " is " + status
                    + "; documents are taken only while it is REQUESTED");
        }
        if (documentsBySupplyId.size() >= DOCUMENTS_MAX) {
            throw reject(OrderErrorCode.DOCUMENTS_LIMIT_REACHED, "order " + orderId + " carries "
                    + DOCUMENTS_MAX + " documents, the most the regulator records for one application");
        }
        apply(new DocumentSuppliedEvent(orderId, command.supplyId(), document, command.suppliedBy(),
                command.suppliedAt()));
        return true;
    }

    /**
     * True when a decision should be applied now. A repeat of the decision already applied is
     * ignored silently; a decision after cancellation is recorded as ignored; another decision for a
     * decided order is a conflict.
     */
    private boolean awaitsDecision(String incomingAuthorizationId, String incomingDecision,
                                   Instant decidedAt) {
        if (status == OrderStatus.REQUESTED) {
            return true;
        }
        if (incomingAuthorizationId.equals(authorizationId) && incomingDecision.equals(decision)) {
            return false;
        }
        if (status == OrderStatus.CANCELLED) {
            if (!ignoredAuthorizationIds.contains(incomingAuthorizationId)) {
                apply(new AuthorizationIgnoredEvent(orderId, incomingAuthorizationId, incomingDecision,
                        status, decidedAt));
            }
            return false;
        }
        throw reject(OrderErrorCode.AUTHORIZATION_CONFLICT, "order " + orderId + " is " + status
                + " by authorization " + authorizationId + " (" + decision + "); "
                + incomingDecision + " " + incomingAuthorizationId + " conflicts with it");
    }

    /**
     * @return true when the order was cancelled now, false when it already was (a retried cancel is
     *         answered like the first one; the first reason stands)
     */
    @CommandHandler
    public boolean handle(CancelOrderCommand command) {
        if (client == null || !client.equals(command.cancelledBy())) {
            // Checked before any state, so another client learns nothing about this order.
            throw reject(OrderErrorCode.ORDER_NOT_FOUND, "order " + orderId + " does not exist");
        }
        switch (status) {
            case REQUESTED:
            case AUTHORIZED:
                break;
            case CANCELLED:
                return false;
            default:
                throw reject(OrderErrorCode.ORDER_NOT_CANCELLABLE,
                        "order " + orderId + " is " + status + " and can no longer be cancelled");
        }
        if (!revenueSharePaid.isZero()) {
            throw reject(OrderErrorCode.ORDER_HAS_PAYMENTS, "order " + orderId + " already has "
                    + revenueSharePaid + " of revenue share paid and cannot be cancelled");
        }
        String voided = status == OrderStatus.AUTHORIZED ? authorizationId : null;
        apply(new OrderCancelledEvent(orderId, status, voided, command.reason(), command.cancelledBy(),
                command.requestedAt()));
        return true;
    }

    /** @return true when the payment was recorded now, false when this payment id was recorded before */
    @CommandHandler
    public boolean handle(RecordRevenueSharePaymentCommand command) {
        Money amount = command.amount().canonical();
        PaymentFingerprint fingerprint = new PaymentFingerprint(amount, command.treasuryReference());
        PaymentFingerprint seen = payments.get(command.paymentId());
        if (seen != null) {
            if (seen.equals(fingerprint)) {
                return false;
            }
            throw reject(OrderErrorCode.PAYMENT_ID_REUSED, "payment " + command.paymentId()
                    + " was recorded with " + seen.amount() + " / " + seen.treasuryReference());
        }
        requirePayable(amount);
        Money paidAfter = revenueSharePaid.plus(amount);
        apply(new RevenueSharePaidEvent(orderId, command.paymentId(), authorizationId, amount,
                command.treasuryReference(), payee, command.recordedBy(), command.recordedAt()));
        if (paidAfter.compareTo(revenueShareDue) == 0) {
            apply(new OrderSettledEvent(orderId, paidAfter, command.recordedAt()));
        }
        return true;
    }

    private void requirePayable(Money amount) {
        if (status == OrderStatus.SETTLED) {
            throw reject(OrderErrorCode.ORDER_ALREADY_SETTLED,
                    "order " + orderId + " has its revenue share of " + revenueShareDue + " paid in full");
        }
        if (status != OrderStatus.AUTHORIZED) {
            throw reject(OrderErrorCode.ORDER_NOT_AUTHORIZED,
                    "order " + orderId + " is " + status + "; only an AUTHORIZED order takes payments");
        }
        if (amount.isNegative() || amount.isZero()) {
            throw reject(OrderErrorCode.PAYMENT_NOT_POSITIVE, "amount must be positive, got " + amount);
        }
        if (!amount.currency().equals(revenueShareDue.currency())) {
            throw reject(OrderErrorCode.CURRENCY_MISMATCH, "amount is in " + amount.currency()
                    + " but the revenue share is due in " + revenueShareDue.currency());
        }
        Money outstanding = revenueShareDue.minus(revenueSharePaid);
        if (amount.compareTo(outstanding) > 0) {
            throw reject(OrderErrorCode.PAYMENT_EXCEEDS_DUE, "amount " + amount
                    + " exceeds the outstanding revenue share of " + outstanding);
        }
    }

    @EventSourcingHandler
    void on(OrderRequestedEvent event, @MetaDataValue(PrincipalInterceptor.PRINCIPAL) String principal) {
        orderId = event.orderId();
        client = event.owner(principal);
        status = OrderStatus.REQUESTED;
        grossAmount = event.grossAmount();
        revenueSharePaid = Money.zero(event.grossAmount().currency());
    }

    @EventSourcingHandler
    void on(AuthorizationPendingEvent event) {
        waitingFor = event.waitingFor();
        pendingSince = event.pendingSince();
    }

    @EventSourcingHandler
    void on(UsageScenarioSuppliedEvent event) {
        waitingFor = null;
        if (event.supplyId() != null) {
            scenariosBySupplyId.put(event.supplyId(), event.usageScenario());
        }
    }

    @EventSourcingHandler
    void on(DocumentSuppliedEvent event) {
        // Keyed by content when supplied without a key: the same document again is still a retry.
        String key = event.supplyId() != null ? event.supplyId()
                : "sha256:" + event.sha256() + ":" + event.kind();
        documentsBySupplyId.put(key, event.document());
    }

    @EventSourcingHandler
    void on(SupplyPassedOverEvent event) {
        passedOverSupplyIds.add(event.supplyEventId());
    }

    @EventSourcingHandler
    void on(OrderAuthorizedEvent event) {
        waitingFor = null;
        status = OrderStatus.AUTHORIZED;
        authorizationId = event.authorizationId();
        decision = GRANTED;
        payee = event.payee();
        revenueShareDue = event.revenueShareDue();
    }

    @EventSourcingHandler
    void on(OrderDeniedEvent event) {
        waitingFor = null;
        status = OrderStatus.DENIED;
        authorizationId = event.authorizationId();
        decision = DENIED;
    }

    @EventSourcingHandler
    void on(AuthorizationIgnoredEvent event) {
        ignoredAuthorizationIds.add(event.authorizationId());
    }

    @EventSourcingHandler
    void on(RevenueSharePaidEvent event) {
        payments.put(event.paymentId(), new PaymentFingerprint(event.amount(), event.treasuryReference()));
        revenueSharePaid = revenueSharePaid.plus(event.amount());
    }

    @EventSourcingHandler
    void on(OrderSettledEvent event) {
        status = OrderStatus.SETTLED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        waitingFor = null;
        status = OrderStatus.CANCELLED;
    }

    private static OrderRejectedException reject(OrderErrorCode code, String detail) {
        return new OrderRejectedException(code, detail);
    }
}
