package io.tollgate.order;

import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.order.api.CancelOrderCommand;
import io.tollgate.order.api.OrderAuthorizedEvent;
import io.tollgate.order.api.OrderCancelledEvent;
import io.tollgate.order.api.OrderDeniedEvent;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.api.OrderSettledEvent;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.RecordAuthorizationDenialCommand;
import io.tollgate.order.api.RecordAuthorizationGrantCommand;
import io.tollgate.order.api.RecordRevenueSharePaymentCommand;
import io.tollgate.order.api.RequestOrderCommand;
import io.tollgate.order.api.RevenueSharePaidEvent;
import java.time.Instant;
import java.util.List;

/**
 * Test data for the order aggregate: the ByteDance H200 order of the issue (1,000 × 31,500.00 USD,
 * gross 31,500,000.00 USD, 25% share 7,875,000.00 USD) and the commands and events around it.
 */
public final class OrderMother {

    /** The ERP client (Basic user) that requests the orders of these fixtures. */
    public static final String CLIENT = "erp";
    public static final String ORDER_ID = "9f1c2d3e-0000-4000-8000-000000000001";
    public static final String AUTHORIZATION_ID = "auth-0001";
    public static final String REQUEST_EVENT_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    public static final Instant REQUESTED_AT = Instant.parse("2026-01-15T09:00:00Z");
    public static final Instant DECIDED_AT = Instant.parse("2026-01-15T09:00:05Z");
    public static final Instant LATER = Instant.parse("2026-01-16T12:00:00Z");
    public static final Money UNIT_PRICE = new Money("31500.00", "USD");
    public static final Money GROSS = new Money("31500000.00", "USD");
    public static final Money DUE = new Money("7875000.00", "USD");
    public static final String PAYEE = "US-TREASURY";

    private OrderMother() {
    }

    public static RequestOrderCommand requestOrder() {
        return requestOrder(1000, UNIT_PRICE);
    }

    public static RequestOrderCommand requestOrder(long quantity, Money unitPrice) {
        return requestOrder("H200-SXM-141GB", quantity, unitPrice);
    }

    public static RequestOrderCommand requestOrder(String sku, long quantity, Money unitPrice) {
        return new RequestOrderCommand(ORDER_ID, "bytedance", "ByteDance Ltd.", sku,
                quantity, unitPrice, "LLM inference for search", "PO-4711", CLIENT, REQUESTED_AT, "CN",
                TransactionKind.EXPORT, null, null);
    }

    public static OrderRequestedEvent orderRequested() {
        return orderRequested(1000, UNIT_PRICE, GROSS);
    }

    public static OrderRequestedEvent orderRequested(long quantity, Money unitPrice, Money gross) {
        return orderRequested("H200-SXM-141GB", "hopper", quantity, unitPrice, gross);
    }

    public static OrderRequestedEvent orderRequested(String sku, String family, long quantity, Money unitPrice,
                                                     Money gross) {
        return new OrderRequestedEvent(ORDER_ID, "bytedance", "ByteDance Ltd.", sku, family,
                quantity, unitPrice, gross, "LLM inference for search", "PO-4711", CLIENT, REQUESTED_AT, CLIENT,
                "CN", TransactionKind.EXPORT, null, null);
    }

    /**
     * The same order as stored before clients owned orders (no client in the payload) and before
     * orders named destination and parties (revision 1): as it loads, an export to China.
     */
    public static OrderRequestedEvent orderRequestedWithoutClient() {
        return new OrderRequestedEvent(ORDER_ID, "bytedance", "ByteDance Ltd.", "H200-SXM-141GB", "hopper",
                1000, UNIT_PRICE, GROSS, "LLM inference for search", "PO-4711", null, REQUESTED_AT, null, "CN",
                TransactionKind.EXPORT, null, null);
    }

    /** A V2-era order to Malaysia for a buyer whose ultimate parent is in Singapore. */
    public static OrderRequestedEvent orderRequestedToMalaysia() {
        return new OrderRequestedEvent(ORDER_ID, "bytedance", "ByteDance Ltd.", "H200-SXM-141GB", "hopper",
                1000, UNIT_PRICE, GROSS, "LLM inference for search", "PO-4711", CLIENT, REQUESTED_AT, CLIENT, "MY",
                TransactionKind.EXPORT, "MY", "SG");
    }

    public static RecordAuthorizationGrantCommand grant() {
        return grant(AUTHORIZATION_ID, "0.25");
    }

    public static RecordAuthorizationGrantCommand grant(String authorizationId, String rate) {
        return new RecordAuthorizationGrantCommand(ORDER_ID, authorizationId, REQUEST_EVENT_ID, rate, PAYEE,
                "policy-2026.1", "policy", DECIDED_AT, CLAUSE);
    }

    public static OrderAuthorizedEvent orderAuthorized() {
        return orderAuthorized("0.25", DUE);
    }

    public static OrderAuthorizedEvent orderAuthorized(String rate, Money due) {
        return new OrderAuthorizedEvent(ORDER_ID, AUTHORIZATION_ID, REQUEST_EVENT_ID, rate, PAYEE, due,
                "policy-2026.1", "policy", DECIDED_AT, CLAUSE);
    }

    /** The grant as revision 1 was first stored, before decisions named their clause. */
    public static OrderAuthorizedEvent orderAuthorizedWithoutClause() {
        return new OrderAuthorizedEvent(ORDER_ID, AUTHORIZATION_ID, REQUEST_EVENT_ID, "0.25", PAYEE, DUE,
                "policy-2026.1", "policy", DECIDED_AT, null);
    }

    /** The clause a decision of these fixtures names. */
    public static final String CLAUSE = "case-by-case-h200-class";

    public static List<DenialReason> denialReasons() {
        return List.of(new DenialReason("US_EXPORT", "CUSTOMER_NOT_DESIGNATED", "not on the register"));
    }

    public static RecordAuthorizationDenialCommand deny(String authorizationId) {
        return new RecordAuthorizationDenialCommand(ORDER_ID, authorizationId, REQUEST_EVENT_ID,
                denialReasons(), "policy-2026.1", "policy", DECIDED_AT, CLAUSE);
    }

    public static OrderDeniedEvent orderDenied() {
        return new OrderDeniedEvent(ORDER_ID, AUTHORIZATION_ID, REQUEST_EVENT_ID, denialReasons(),
                "policy-2026.1", "policy", DECIDED_AT, CLAUSE);
    }

    /** The denial as revision 1 was first stored, before decisions named their clause. */
    public static OrderDeniedEvent orderDeniedWithoutClause() {
        return new OrderDeniedEvent(ORDER_ID, AUTHORIZATION_ID, REQUEST_EVENT_ID, denialReasons(),
                "policy-2026.1", "policy", DECIDED_AT, null);
    }

    public static CancelOrderCommand cancel() {
        return cancelBy(CLIENT);
    }

    public static CancelOrderCommand cancelBy(String client) {
        return new CancelOrderCommand(ORDER_ID, "customer withdrew", client, LATER);
    }

    public static OrderCancelledEvent orderCancelled(OrderStatus previous, String voidedAuthorizationId) {
        return new OrderCancelledEvent(ORDER_ID, previous, voidedAuthorizationId, "customer withdrew", "erp",
                LATER);
    }

    public static RecordRevenueSharePaymentCommand pay(String paymentId, Money amount) {
        return pay(paymentId, amount, "UST-2026-000123");
    }

    public static RecordRevenueSharePaymentCommand pay(String paymentId, Money amount, String reference) {
        return new RecordRevenueSharePaymentCommand(ORDER_ID, paymentId, amount, reference, "treasury", LATER);
    }

    public static RevenueSharePaidEvent revenueSharePaid(String paymentId, Money amount) {
        return new RevenueSharePaidEvent(ORDER_ID, paymentId, AUTHORIZATION_ID, amount, "UST-2026-000123",
                PAYEE, "treasury", LATER);
    }

    public static OrderSettledEvent orderSettled(Money paid) {
        return new OrderSettledEvent(ORDER_ID, paid, LATER);
    }

    public static Money usd(String amount) {
        return new Money(amount, "USD");
    }
}
