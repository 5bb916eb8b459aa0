package io.tollgate.order.kafka;

import static io.tollgate.order.OrderMother.AUTHORIZATION_ID;
import static io.tollgate.order.OrderMother.LATER;
import static io.tollgate.order.OrderMother.ORDER_ID;
import static io.tollgate.order.OrderMother.orderAuthorized;
import static io.tollgate.order.OrderMother.orderCancelled;
import static io.tollgate.order.OrderMother.orderRequested;
import static io.tollgate.order.OrderMother.orderSettled;
import static io.tollgate.order.OrderMother.revenueSharePaid;
import static io.tollgate.order.OrderMother.usd;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.WireEvent;
import io.tollgate.order.OrderMother;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import java.util.Optional;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/** Which stored events become which wire events, field by field. */
class OrderOutboxMapperTest {

    private final OrderOutboxMapper mapper = new OrderOutboxMapper();

    @Test
    void orderRequestedCarriesEveryFieldOfTheWireEvent() {
        // when
        Optional<WireEvent> wire = mapper.toWire(GenericEventMessage.asEventMessage(
                OrderMother.orderRequestedToMalaysia()));

        // then
        assertThat(wire).contains(new OrderRequestedV2(ORDER_ID, "bytedance", "ByteDance Ltd.", "H200-SXM-141GB",
                "hopper", 1000, OrderMother.UNIT_PRICE, OrderMother.GROSS, "LLM inference for search", "PO-4711",
                OrderMother.REQUESTED_AT, OrderMother.CLIENT, "MY", TransactionKind.EXPORT, "MY", "SG"));
    }

    @Test
    void anOrderStoredBeforeDestinationsIsPublishedAsTheV2ItsV1WouldUpcastTo() {
        // given: a revision-1 order as it loads (upcast), and the V1 record it was published as
        OrderRequestedEvent stored = OrderMother.orderRequestedWithoutClient();
        OrderRequestedV1 publishedThen = new OrderRequestedV1(ORDER_ID, "bytedance", "ByteDance Ltd.",
                "H200-SXM-141GB", "hopper", 1000, OrderMother.UNIT_PRICE, OrderMother.GROSS,
                "LLM inference for search", "PO-4711", OrderMother.REQUESTED_AT, null);

        // when
        Optional<WireEvent> wire = mapper.toWire(GenericEventMessage.asEventMessage(stored));

        // then: a consumer reads the republished order exactly as it read the old record
        assertThat(wire).contains(publishedThen.asV2());
    }

    @Test
    void revenueSharePaidNamesTheGrantAndThePayee() {
        // when
        Optional<WireEvent> wire = mapper.toWire(GenericEventMessage.asEventMessage(
                revenueSharePaid("p1", usd("100.00"))));

        // then
        assertThat(wire).contains(new RevenueSharePaidV1(ORDER_ID, "p1", AUTHORIZATION_ID, usd("100.00"),
                "UST-2026-000123", "US-TREASURY", LATER, "treasury"));
    }

    @Test
    void cancellingAnAuthorizedOrderVoidsItsGrantOnTheWire() {
        // when
        Optional<WireEvent> wire = mapper.toWire(GenericEventMessage.asEventMessage(
                orderCancelled(OrderStatus.AUTHORIZED, AUTHORIZATION_ID)));

        // then
        assertThat(wire).contains(new OrderCancelledV1(ORDER_ID, "AUTHORIZED", AUTHORIZATION_ID,
                "customer withdrew", LATER, "erp"));
    }

    @Test
    void cancellingARequestedOrderVoidsNothing() {
        Optional<WireEvent> wire = mapper.toWire(GenericEventMessage.asEventMessage(
                orderCancelled(OrderStatus.REQUESTED, null)));

        assertThat(wire).map(e -> ((OrderCancelledV1) e).voidedAuthorizationId()).isEmpty();
        assertThat(wire).map(e -> ((OrderCancelledV1) e).previousStatus()).contains("REQUESTED");
    }

    @Test
    void theMetadataPrincipalNamesWhoDidItOnEveryPublicEvent() {
        // given: events stamped by eventing's PrincipalInterceptor
        MetaData asErp = MetaData.with(PrincipalInterceptor.PRINCIPAL, "erp-7");
        MetaData asTreasury = MetaData.with(PrincipalInterceptor.PRINCIPAL, "treasury-3");

        // when
        Optional<WireEvent> requested = mapper.toWire(
                GenericEventMessage.asEventMessage(orderRequested()).andMetaData(asErp));
        Optional<WireEvent> paid = mapper.toWire(GenericEventMessage.asEventMessage(
                revenueSharePaid("p1", usd("100.00"))).andMetaData(asTreasury));
        Optional<WireEvent> cancelled = mapper.toWire(GenericEventMessage.asEventMessage(
                orderCancelled(OrderStatus.REQUESTED, null)).andMetaData(asErp));

        // then: the metadata wins over what the payload recorded
        assertThat(requested).map(e -> ((OrderRequestedV2) e).requestedBy()).contains("erp-7");
        assertThat(paid).map(e -> ((RevenueSharePaidV1) e).recordedBy()).contains("treasury-3");
        assertThat(cancelled).map(e -> ((OrderCancelledV1) e).cancelledBy()).contains("erp-7");
    }

    @Test
    void eventsStoredBeforePrincipalsWereStampedKeepWhatTheirPayloadRecorded() {
        // given: no principal metadata (events appended before eventing stamped it)
        Optional<WireEvent> cancelled = mapper.toWire(GenericEventMessage.asEventMessage(
                orderCancelled(OrderStatus.REQUESTED, null)));
        Optional<WireEvent> requested = mapper.toWire(GenericEventMessage.asEventMessage(
                OrderMother.orderRequestedWithoutClient()));

        // then
        assertThat(cancelled).map(e -> ((OrderCancelledV1) e).cancelledBy()).contains("erp");
        assertThat(requested).map(e -> ((OrderRequestedV2) e).requestedBy()).isEmpty();
    }

    @Test
    void internalEventsStayPrivate() {
        assertThat(mapper.toWire(GenericEventMessage.asEventMessage(orderAuthorized()))).isEmpty();
        assertThat(mapper.toWire(GenericEventMessage.asEventMessage(OrderMother.orderDenied()))).isEmpty();
        assertThat(mapper.toWire(GenericEventMessage.asEventMessage(orderSettled(usd("1.00"))))).isEmpty();
    }
}
