package io.tollgate.order.command;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tollgate.order.OrderMother.AUTHORIZATION_ID;
import static io.tollgate.order.OrderMother.CLIENT;
import static io.tollgate.order.OrderMother.DECIDED_AT;
import static io.tollgate.order.OrderMother.DUE;
import static io.tollgate.order.OrderMother.ORDER_ID;
import static io.tollgate.order.OrderMother.cancel;
import static io.tollgate.order.OrderMother.cancelBy;
import static io.tollgate.order.OrderMother.deny;
import static io.tollgate.order.OrderMother.grant;
import static io.tollgate.order.OrderMother.orderAuthorized;
import static io.tollgate.order.OrderMother.orderCancelled;
import static io.tollgate.order.OrderMother.orderDenied;
import static io.tollgate.order.OrderMother.orderRequested;
import static io.tollgate.order.OrderMother.orderRequestedWithoutClient;
import static io.tollgate.order.OrderMother.orderSettled;
import static io.tollgate.order.OrderMother.pay;
import static io.tollgate.order.OrderMother.requestOrder;
import static io.tollgate.order.OrderMother.revenueSharePaid;
import static io.tollgate.order.OrderMother.usd;

import io.tollgate.contracts.Money;
import io.tollgate.order.OrderMother;
import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.order.api.DocumentSuppliedEvent;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.order.api.AuthorizationIgnoredEvent;
import io.tollgate.order.api.RecordSupplyPassedOverCommand;
import io.tollgate.order.api.SupplyPassedOverEvent;
import io.tollgate.order.api.AuthorizationPendingEvent;
import io.tollgate.order.api.RecordAuthorizationPendingCommand;
import io.tollgate.order.api.SupplyDocumentCommand;
import io.tollgate.order.api.SupplyUsageScenarioCommand;
import io.tollgate.order.api.UsageScenarioSuppliedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import io.tollgate.order.api.OrderErrorCode;
import io.tollgate.order.api.OrderRejectedException;
import io.tollgate.order.api.OrderSettledEvent;
import io.tollgate.order.api.OrderStatus;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Given events → when command → expect events or a named rejection, for every transition. */
class OrderTest {

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Nested
    class Request {

        @Test
        void requestRecordsTheOrderWithExactGrossAndFamily() {
            fixture.givenNoPriorActivity()
                    .when(requestOrder())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(orderRequested());
        }

        /**
         * The family comes from the contract's product catalogue, the one classifier the regulator
         * decides by: an H100 is hopper revenue here and a catalogued product there, an H800 is
         * unknown to both.
         */
        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"H200-NVL, hopper", "H100-SXM, hopper", "H20, hopper", "MI325X, cdna3",
                "MI300X, cdna3", "GB200-NVL72, blackwell", "B300, blackwell", "VR200, rubin",
                "MI355X, cdna4", "H800, unknown", "A100-80GB, unknown"})
        void theFamilyIsTheCataloguesFamilyOfTheSku(String sku, String family) {
            assertThat(ProductCatalogue.standard().classify(sku).family()).isEqualTo(family);
            fixture.givenNoPriorActivity()
                    .when(requestOrder(sku, 2, usd("10.00")))
                    .expectEvents(orderRequested(sku, family, 2, usd("10.00"), usd("20.00")));
        }

        @Test
        void unitPriceIsStoredAtTheCurrencyScale() {
            fixture.givenNoPriorActivity()
                    .when(requestOrder(3, usd("10.5")))
                    .expectEvents(orderRequested(3, usd("10.50"), usd("31.50")));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, 1_000_001, Long.MAX_VALUE})
        void quantityOutsideOneToAMillionIsRejected(long quantity) {
            fixture.givenNoPriorActivity()
                    .when(requestOrder(quantity, usd("1.00")))
                    .expectException(rejectedWith(OrderErrorCode.QUANTITY_OUT_OF_RANGE))
                    .expectNoEvents();
        }

        @Test
        void aMillionUnitsIsTheLargestOrder() {
            fixture.givenNoPriorActivity()
                    .when(requestOrder(1_000_000, usd("1.00")))
                    .expectEvents(orderRequested(1_000_000, usd("1.00"), usd("1000000.00")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.00", "-1.00"})
        void unitPriceMustBePositive(String price) {
            fixture.givenNoPriorActivity()
                    .when(requestOrder(1, usd(price)))
                    .expectException(rejectedWith(OrderErrorCode.UNIT_PRICE_NOT_POSITIVE))
                    .expectNoEvents();
        }

        @Test
        void grossAboveTheContractsAmountLimitIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(requestOrder(1000, usd("10000000.01")))
                    .expectException(rejectedWith(OrderErrorCode.GROSS_AMOUNT_TOO_LARGE))
                    .expectNoEvents();
        }

        @Test
        void grossThatDoesNotFitTheWireFormatIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(requestOrder(1_000_000, usd("999999999999999.00")))
                    .expectException(rejectedWith(OrderErrorCode.GROSS_AMOUNT_TOO_LARGE))
                    .expectNoEvents();
        }
    }

    @Nested
    class Authorization {

        @Test
        void grantAuthorizesAndOwesTwentyFivePercentOfGross() {
            fixture.given(orderRequested())
                    .when(grant())
                    .expectEvents(orderAuthorized("0.25", DUE));
        }

        @Test
        void revenueShareDueIsRoundedHalfEvenByTheContractRule() {
            // 0.10 × 0.25 = 0.025: HALF_EVEN gives 0.02 where HALF_UP would give 0.03.
            fixture.given(orderRequested(10, usd("0.01"), usd("0.10")))
                    .when(grant())
                    .expectEvents(orderAuthorized("0.25", usd("0.02")));
        }

        @Test
        void grantAtRateZeroAuthorizesAndSettlesAtOnce() {
            fixture.given(orderRequested())
                    .when(grant(AUTHORIZATION_ID, "0"))
                    .expectEvents(orderAuthorized("0", usd("0.00")),
                            new OrderSettledEvent(ORDER_ID, usd("0.00"), DECIDED_AT));
        }

        @Test
        void grantWithRateOutsideZeroToOneIsRejected() {
            fixture.given(orderRequested())
                    .when(grant(AUTHORIZATION_ID, "1.5"))
                    .expectException(rejectedWith(OrderErrorCode.REVENUE_SHARE_RATE_INVALID))
                    .expectNoEvents();
        }

        @Test
        void denialDeniesWithTheReasons() {
            fixture.given(orderRequested())
                    .when(deny(AUTHORIZATION_ID))
                    .expectEvents(orderDenied());
        }

        @Test
        void theSameGrantAgainChangesNothing() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(grant())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theSameGrantForASettledOrderChangesNothing() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", DUE), orderSettled(DUE))
                    .when(grant())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theSameDenialAgainChangesNothing() {
            fixture.given(orderRequested(), orderDenied())
                    .when(deny(AUTHORIZATION_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherGrantForAnAuthorizedOrderIsAConflict() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(grant("auth-0002", "0.25"))
                    .expectException(rejectedWith(OrderErrorCode.AUTHORIZATION_CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void aDenialForAnAuthorizedOrderIsAConflict() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(deny(AUTHORIZATION_ID))
                    .expectException(rejectedWith(OrderErrorCode.AUTHORIZATION_CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void aGrantForADeniedOrderIsAConflict() {
            fixture.given(orderRequested(), orderDenied())
                    .when(grant("auth-0002", "0.25"))
                    .expectException(rejectedWith(OrderErrorCode.AUTHORIZATION_CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void aGrantAfterCancellationIsRecordedAsIgnored() {
            fixture.given(orderRequested(), orderCancelled(OrderStatus.REQUESTED, null))
                    .when(grant())
                    .expectEvents(new AuthorizationIgnoredEvent(ORDER_ID, AUTHORIZATION_ID, "GRANTED",
                            OrderStatus.CANCELLED, DECIDED_AT));
        }

        @Test
        void aDenialAfterCancellationIsRecordedAsIgnored() {
            fixture.given(orderRequested(), orderCancelled(OrderStatus.REQUESTED, null))
                    .when(deny(AUTHORIZATION_ID))
                    .expectEvents(new AuthorizationIgnoredEvent(ORDER_ID, AUTHORIZATION_ID, "DENIED",
                            OrderStatus.CANCELLED, DECIDED_AT));
        }

        @Test
        void anIgnoredGrantArrivingAgainIsNotRecordedTwice() {
            fixture.given(orderRequested(), orderCancelled(OrderStatus.REQUESTED, null),
                            new AuthorizationIgnoredEvent(ORDER_ID, AUTHORIZATION_ID, "GRANTED",
                                    OrderStatus.CANCELLED, DECIDED_AT))
                    .when(grant())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theVoidedGrantArrivingAgainAfterCancellationChangesNothing() {
            fixture.given(orderRequested(), orderAuthorized(),
                            orderCancelled(OrderStatus.AUTHORIZED, AUTHORIZATION_ID))
                    .when(grant())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aNewGrantAfterAnAuthorizedOrderWasCancelledIsRecordedAsIgnored() {
            fixture.given(orderRequested(), orderAuthorized(),
                            orderCancelled(OrderStatus.AUTHORIZED, AUTHORIZATION_ID))
                    .when(grant("auth-0002", "0.25"))
                    .expectEvents(new AuthorizationIgnoredEvent(ORDER_ID, "auth-0002", "GRANTED",
                            OrderStatus.CANCELLED, DECIDED_AT));
        }
    }

    @Nested
    class Ownership {

        @Test
        void aRequestedOrderIsOwnedByTheClientThatRequestedIt() {
            fixture.givenNoPriorActivity()
                    .when(requestOrder())
                    .expectEvents(orderRequested());
        }

        @Test
        void anotherClientCannotCancelAndLearnsNothingOfTheOrdersState() {
            fixture.given(orderRequested(), orderDenied())
                    .when(cancelBy("erp-other"))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void anOrderStoredBeforeClientsBelongsToThePrincipalOnItsMetadata() {
            fixture.given(GenericEventMessage.asEventMessage(orderRequestedWithoutClient())
                            .andMetaData(Map.of(PrincipalInterceptor.PRINCIPAL, CLIENT)))
                    .when(cancel())
                    .expectEvents(orderCancelled(OrderStatus.REQUESTED, null));
        }

        @Test
        void anOrderStoredWithoutAnyPrincipalCanBeCancelledByNoClient() {
            fixture.given(orderRequestedWithoutClient())
                    .when(cancel())
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancellation {

        @Test
        void aRequestedOrderIsCancelledWithNothingToVoid() {
            fixture.given(orderRequested())
                    .when(cancel())
                    .expectEvents(orderCancelled(OrderStatus.REQUESTED, null));
        }

        @Test
        void anAuthorizedOrderIsCancelledAndVoidsItsGrant() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(cancel())
                    .expectEvents(orderCancelled(OrderStatus.AUTHORIZED, AUTHORIZATION_ID));
        }

        @Test
        void anAuthorizedOrderWithSharePaidCannotBeCancelled() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", usd("1.00")))
                    .when(cancel())
                    .expectException(rejectedWith(OrderErrorCode.ORDER_HAS_PAYMENTS))
                    .expectNoEvents();
        }

        @Test
        void aDeniedOrderCannotBeCancelled() {
            fixture.given(orderRequested(), orderDenied())
                    .when(cancel())
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_CANCELLABLE))
                    .expectNoEvents();
        }

        @Test
        void aSettledOrderCannotBeCancelled() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", DUE), orderSettled(DUE))
                    .when(cancel())
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_CANCELLABLE))
                    .expectNoEvents();
        }

        @Test
        void aRetriedCancelOfACancelledOrderSucceedsAndStoresNothing() {
            fixture.given(orderRequested(), orderCancelled(OrderStatus.REQUESTED, null))
                    .when(cancel())
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }
    }

    @Nested
    class Payment {

        @Test
        void aPartialPaymentIsRecordedAgainstTheGrant() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(pay("p1", usd("1000000.00")))
                    .expectEvents(revenueSharePaid("p1", usd("1000000.00")));
        }

        @Test
        void thePaymentThatCompletesTheDueSettlesTheOrder() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", usd("7000000.00")))
                    .when(pay("p2", usd("875000")))
                    .expectEvents(revenueSharePaid("p2", usd("875000.00")), orderSettled(DUE));
        }

        @Test
        void aPaymentAboveTheOutstandingShareIsRejected() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", usd("7000000.00")))
                    .when(pay("p2", usd("875000.01")))
                    .expectException(rejectedWith(OrderErrorCode.PAYMENT_EXCEEDS_DUE))
                    .expectNoEvents();
        }

        @Test
        void aPaymentInAnotherCurrencyIsRejected() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(pay("p1", new Money("100.00", "EUR")))
                    .expectException(rejectedWith(OrderErrorCode.CURRENCY_MISMATCH))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-0.01"})
        void aPaymentMustBePositive(String amount) {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(pay("p1", usd(amount)))
                    .expectException(rejectedWith(OrderErrorCode.PAYMENT_NOT_POSITIVE))
                    .expectNoEvents();
        }

        @Test
        void aRequestedOrderTakesNoPayment() {
            fixture.given(orderRequested())
                    .when(pay("p1", usd("1.00")))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_AUTHORIZED))
                    .expectNoEvents();
        }

        @Test
        void aDeniedOrderTakesNoPayment() {
            fixture.given(orderRequested(), orderDenied())
                    .when(pay("p1", usd("1.00")))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_AUTHORIZED))
                    .expectNoEvents();
        }

        @Test
        void aCancelledOrderTakesNoPayment() {
            fixture.given(orderRequested(), orderAuthorized(),
                            orderCancelled(OrderStatus.AUTHORIZED, AUTHORIZATION_ID))
                    .when(pay("p1", usd("1.00")))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_AUTHORIZED))
                    .expectNoEvents();
        }

        @Test
        void aSettledOrderTakesNoNewPayment() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", DUE), orderSettled(DUE))
                    .when(pay("p2", usd("0.01")))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_ALREADY_SETTLED))
                    .expectNoEvents();
        }

        @Test
        void theSamePaymentAgainChangesNothingEvenOnceSettled() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", DUE), orderSettled(DUE))
                    .when(pay("p1", usd("7875000")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aPaymentIdReusedWithAnotherAmountIsRejected() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", usd("1.00")))
                    .when(pay("p1", usd("2.00")))
                    .expectException(rejectedWith(OrderErrorCode.PAYMENT_ID_REUSED))
                    .expectNoEvents();
        }

        @Test
        void aPaymentIdReusedWithAnotherReferenceIsRejected() {
            fixture.given(orderRequested(), orderAuthorized(), revenueSharePaid("p1", usd("1.00")))
                    .when(pay("p1", usd("1.00"), "UST-OTHER"))
                    .expectException(rejectedWith(OrderErrorCode.PAYMENT_ID_REUSED))
                    .expectNoEvents();
        }

        @Test
        void grossIsNeverExceededAcrossManyPayments() {
            fixture.given(orderRequested(10, usd("0.01"), usd("0.10")),
                            orderAuthorized("0.25", usd("0.02")),
                            revenueSharePaid("p1", usd("0.01")))
                    .when(pay("p2", usd("0.02")))
                    .expectException(rejectedWith(OrderErrorCode.PAYMENT_EXCEEDS_DUE))
                    .expectNoEvents();
        }
    }

    @Nested
    class WaitingForTheRegulator {

        private static final String SCENARIO = "LLM inference for the Doubao assistant in the Ulanqab data centre";
        private final Instant asked = DECIDED_AT;
        private final Instant askedAgain = DECIDED_AT.plusSeconds(60);

        @Test
        void aWaitForAScenarioIsRecordedOnTheRequestedOrder() {
            fixture.given(orderRequested())
                    .when(pendingCommand("USAGE_SCENARIO", asked))
                    .expectEvents(pending("USAGE_SCENARIO", asked));
        }

        @Test
        void aRepeatedOrOlderWaitChangesNothing() {
            fixture.given(orderRequested(), pending("USAGE_SCENARIO", askedAgain))
                    .when(pendingCommand("USAGE_SCENARIO", asked))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aWaitArrivingForADecidedOrderChangesNothing() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(pendingCommand("OFFICER_REVIEW", askedAgain))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theOwnerSuppliesTheScenarioTheApplicationWaitsFor() {
            fixture.given(orderRequested(), pending("USAGE_SCENARIO", asked))
                    .when(supply("supply-1", SCENARIO, CLIENT))
                    .expectResultMessagePayload(true)
                    .expectEvents(new UsageScenarioSuppliedEvent(ORDER_ID, "supply-1", SCENARIO, CLIENT,
                            OrderMother.LATER));
        }

        @Test
        void aRetryWithTheSameKeyAndTextStoresNothingEvenAfterTheRegulatorAskedAgain() {
            fixture.given(orderRequested(), pending("USAGE_SCENARIO", asked),
                            new UsageScenarioSuppliedEvent(ORDER_ID, "supply-1", SCENARIO, CLIENT, OrderMother.LATER),
                            pending("USAGE_SCENARIO", askedAgain))
                    .when(supply("supply-1", SCENARIO, CLIENT))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void theSameKeyWithAnotherTextIsAConflict() {
            fixture.given(orderRequested(), pending("USAGE_SCENARIO", asked),
                            new UsageScenarioSuppliedEvent(ORDER_ID, "supply-1", SCENARIO, CLIENT, OrderMother.LATER),
                            pending("USAGE_SCENARIO", askedAgain))
                    .when(supply("supply-1", SCENARIO + " and training", CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.IDEMPOTENCY_KEY_REUSED))
                    .expectNoEvents();
        }

        @Test
        void aScenarioIsRefusedWhileTheApplicationWaitsForAnOfficer() {
            fixture.given(orderRequested(), pending("OFFICER_REVIEW", asked))
                    .when(supply(null, SCENARIO, CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_AWAITING_SCENARIO))
                    .expectNoEvents();
        }

        @Test
        void aSecondScenarioBeforeTheRegulatorAnsweredIsRefused() {
            fixture.given(orderRequested(), pending("USAGE_SCENARIO", asked),
                            new UsageScenarioSuppliedEvent(ORDER_ID, null, SCENARIO, CLIENT, OrderMother.LATER))
                    .when(supply(null, SCENARIO, CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_AWAITING_SCENARIO))
                    .expectNoEvents();
        }

        @Test
        void aDecisionEndsTheWait() {
            fixture.given(orderRequested(), pending("USAGE_SCENARIO", asked), orderDenied())
                    .when(supply(null, SCENARIO, CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_AWAITING_SCENARIO))
                    .expectNoEvents();
        }

        @Test
        void anotherClientCannotSupplyAndLearnsNothing() {
            fixture.given(orderRequested(), pending("USAGE_SCENARIO", asked))
                    .when(supply(null, SCENARIO, "other-erp"))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_FOUND))
                    .expectNoEvents();
        }

        private RecordAuthorizationPendingCommand pendingCommand(String waitingFor, Instant at) {
            return new RecordAuthorizationPendingCommand(ORDER_ID, waitingFor, "CN_IMPORT",
                    "USAGE_SCENARIO_MISSING", "at least 40 characters", "2026-01-15.1", "necessity-commercial", at);
        }

        private AuthorizationPendingEvent pending(String waitingFor, Instant at) {
            return new AuthorizationPendingEvent(ORDER_ID, waitingFor, "CN_IMPORT", "USAGE_SCENARIO_MISSING",
                    "at least 40 characters", "2026-01-15.1", "necessity-commercial", at);
        }

        private SupplyUsageScenarioCommand supply(String supplyId, String text, String by) {
            return new SupplyUsageScenarioCommand(ORDER_ID, text, supplyId, by, OrderMother.LATER);
        }
    }

    @Nested
    class SupplyingDocuments {

        private final SuppliedDocument lab = SuppliedDocument.of("LAB_TEST_REPORT", "US Accelerator Test Labs Inc.",
                LocalDate.parse("2026-11-30"), LocalDate.parse("2027-01-29"), "LAB-2026-1187", "ab".repeat(32));
        private final SuppliedDocument kyc = SuppliedDocument.of("BUYER_KYC_ATTESTATION", "Example AI Lab",
                LocalDate.parse("2026-11-20"), LocalDate.parse("2027-11-20"), "KYC-2026-7", "cd".repeat(32));

        @Test
        void theOwnerSuppliesADocumentWhateverTheRegulatorWaitsFor() {
            fixture.given(orderRequested(), new AuthorizationPendingEvent(ORDER_ID, "OFFICER_REVIEW",
                            "US_EXPORT", "QUANTITY_ABOVE_REVIEW_THRESHOLD", "an officer reviews", "2026-01-15.1",
                            "review", DECIDED_AT))
                    .when(supply("doc-1", lab, CLIENT))
                    .expectResultMessagePayload(true)
                    .expectEvents(supplied("doc-1", lab));
        }

        @Test
        void aRetryWithTheSameKeyAndDocumentStoresNothing() {
            fixture.given(orderRequested(), supplied("doc-1", lab))
                    .when(supply("doc-1", lab, CLIENT))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void theSameDocumentWithoutAKeyStoresNothingEither() {
            fixture.given(orderRequested(), supplied(null, lab))
                    .when(supply(null, lab, CLIENT))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void theSameKeyWithAnotherDocumentIsAConflict() {
            fixture.given(orderRequested(), supplied("doc-1", lab))
                    .when(supply("doc-1", kyc, CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.IDEMPOTENCY_KEY_REUSED))
                    .expectNoEvents();
        }

        @Test
        void aSecondKindIsTakenToo() {
            fixture.given(orderRequested(), supplied("doc-1", lab))
                    .when(supply("doc-2", kyc, CLIENT))
                    .expectResultMessagePayload(true)
                    .expectEvents(supplied("doc-2", kyc));
        }

        @Test
        void aDecidedOrderTakesNoDocument() {
            fixture.given(orderRequested(), orderDenied())
                    .when(supply("doc-1", lab, CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_OPEN_FOR_DOCUMENTS))
                    .expectNoEvents();
        }

        @Test
        void anAuthorizedOrderTakesNoDocument() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(supply(null, lab, CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_OPEN_FOR_DOCUMENTS))
                    .expectNoEvents();
        }

        @Test
        void anOrderCarriesAtMostAsManyDocumentsAsTheRegulatorRecords() {
            List<Object> given = new ArrayList<>();
            given.add(orderRequested());
            for (int i = 0; i < Order.DOCUMENTS_MAX; i++) {
                given.add(supplied("doc-" + i, SuppliedDocument.of("LAB_TEST_REPORT", "Lab", lab.issuedOn(),
                        lab.expiresOn(), "LAB-" + i, lab.sha256())));
            }
            fixture.given(given)
                    .when(supply("doc-more", kyc, CLIENT))
                    .expectException(rejectedWith(OrderErrorCode.DOCUMENTS_LIMIT_REACHED))
                    .expectNoEvents();
        }

        @Test
        void anotherClientCannotSupplyAndLearnsNothing() {
            fixture.given(orderRequested())
                    .when(supply(null, lab, "other-erp"))
                    .expectException(rejectedWith(OrderErrorCode.ORDER_NOT_FOUND))
                    .expectNoEvents();
        }

        private SupplyDocumentCommand supply(String supplyId, SuppliedDocument document, String by) {
            return new SupplyDocumentCommand(ORDER_ID, document, supplyId, by, OrderMother.LATER);
        }

        private DocumentSuppliedEvent supplied(String supplyId, SuppliedDocument document) {
            return new DocumentSuppliedEvent(ORDER_ID, supplyId, document, CLIENT, OrderMother.LATER);
        }
    }

    @Nested
    class SuppliesPassedOver {

        private static final String SCENARIO_EVENT = "0f8b7c1e-5d2a-4c4b-9e6f-1a2b3c4d5e6f";
        private static final String DOCUMENT_EVENT = "3b6e1f0a-8c2d-4e4f-9a1b-2c3d4e5f6a7b";

        @Test
        void aDocumentPassedOverAfterTheGrantIsRecordedAndTheOrderStaysAuthorized() {
            fixture.given(orderRequested(), orderAuthorized())
                    .when(passedOverCommand(DOCUMENT_EVENT, DocumentKind.LAB_TEST_REPORT, "GRANTED"))
                    .expectEvents(passedOver(DOCUMENT_EVENT, DocumentKind.LAB_TEST_REPORT, "GRANTED",
                            OrderStatus.AUTHORIZED));
        }

        @Test
        void aScenarioPassedOverBeforeTheDenialArrivesIsRecordedOnTheRequestedOrder() {
            fixture.given(orderRequested())
                    .when(passedOverCommand(SCENARIO_EVENT, null, "DENIED"))
                    .expectEvents(passedOver(SCENARIO_EVENT, null, "DENIED", OrderStatus.REQUESTED));
        }

        @Test
        void aSupplyPassedOverForACancelledOrderIsRecordedToo() {
            fixture.given(orderRequested(), orderCancelled(OrderStatus.REQUESTED, null))
                    .when(passedOverCommand(DOCUMENT_EVENT, DocumentKind.BUYER_KYC_ATTESTATION, "WITHDRAWN"))
                    .expectEvents(passedOver(DOCUMENT_EVENT, DocumentKind.BUYER_KYC_ATTESTATION, "WITHDRAWN",
                            OrderStatus.CANCELLED));
        }

        @Test
        void theSameSupplyPassedOverAgainChangesNothing() {
            fixture.given(orderRequested(), orderAuthorized(),
                            passedOver(DOCUMENT_EVENT, DocumentKind.LAB_TEST_REPORT, "GRANTED", OrderStatus.AUTHORIZED))
                    .when(passedOverCommand(DOCUMENT_EVENT, DocumentKind.LAB_TEST_REPORT, "GRANTED"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherSupplyPassedOverIsRecordedBesideTheFirst() {
            fixture.given(orderRequested(), orderAuthorized(),
                            passedOver(DOCUMENT_EVENT, DocumentKind.LAB_TEST_REPORT, "GRANTED", OrderStatus.AUTHORIZED))
                    .when(passedOverCommand(SCENARIO_EVENT, null, "GRANTED"))
                    .expectEvents(passedOver(SCENARIO_EVENT, null, "GRANTED", OrderStatus.AUTHORIZED));
        }

        @Test
        void aPassedOverSupplyLeavesTheOrderAsItWasSoTheDecisionOnItsWayStillApplies() {
            fixture.given(orderRequested(), passedOver(SCENARIO_EVENT, null, "GRANTED", OrderStatus.REQUESTED))
                    .when(grant())
                    .expectEvents(orderAuthorized("0.25", DUE));
        }

        private RecordSupplyPassedOverCommand passedOverCommand(String supplyEventId, DocumentKind kind,
                                                                String state) {
            return new RecordSupplyPassedOverCommand(ORDER_ID, kind == null ? "USAGE_SCENARIO" : "DOCUMENT",
                    supplyEventId, kind, state, OrderMother.LATER);
        }

        private SupplyPassedOverEvent passedOver(String supplyEventId, DocumentKind kind, String state,
                                                 OrderStatus status) {
            return new SupplyPassedOverEvent(ORDER_ID, kind == null ? "USAGE_SCENARIO" : "DOCUMENT", supplyEventId,
                    kind, state, status, OrderMother.LATER);
        }
    }

    /** Matches an {@link OrderRejectedException} carrying {@code code}. */
    static Matcher<Object> rejectedWith(OrderErrorCode code) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof OrderRejectedException
                        && ((OrderRejectedException) item).code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("OrderRejectedException with code " + code);
            }
        };
    }
}
