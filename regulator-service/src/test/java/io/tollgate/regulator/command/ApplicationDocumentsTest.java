package io.tollgate.regulator.command;

import static io.tollgate.regulator.testdata.Mother.AUTHORIZATION;
import static io.tollgate.regulator.testdata.Mother.GOOD_SCENARIO;
import static io.tollgate.regulator.testdata.Mother.NOW;
import static io.tollgate.regulator.testdata.Mother.ORDER;
import static io.tollgate.regulator.testdata.Mother.THIN_SCENARIO;
import static io.tollgate.regulator.testdata.Mother.kycAttestation;
import static io.tollgate.regulator.testdata.Mother.labTestReport;
import static io.tollgate.regulator.testdata.Mother.received;
import static io.tollgate.regulator.testdata.Mother.supplied;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.DecideApplicationCommand;
import io.tollgate.regulator.api.DecideByOfficerCommand;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.regulator.api.DocumentSuppliedEvent;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.api.ApplicationNotOpenException;
import io.tollgate.regulator.api.DocumentsLimitReachedException;
import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.OfficerDecision;
import io.tollgate.regulator.api.OfficerOverrideRefusedException;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.api.SupplyDocumentCommand;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.WithdrawApplicationCommand;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.testdata.Mother;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given events → when command → then events: the waits for documents and what ends them. */
class ApplicationDocumentsTest {

    private static final String H200 = "H200-SXM-141GB";
    private final Policy v2026 = Mother.policy2026();

    private FixtureConfiguration<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    @Test
    void anApplicationWithoutDocumentsWaitsForBothKindsTheVersionRequires() {
        fixture.given(received(H200, 10, GOOD_SCENARIO))
                .when(decide(v2026))
                .expectResultMessagePayload(Outcome.NEEDS_DOCUMENTS)
                .expectEventsMatching(only(DocumentsRequestedEvent.class, e -> {
                    assertThat(e.missing()).extracting(MissingDocument::kind).containsExactly(
                            DocumentKind.BUYER_KYC_ATTESTATION, DocumentKind.LAB_TEST_REPORT);
                    assertThat(e.missing()).extracting(MissingDocument::code)
                            .containsOnly(ReasonCode.DOCUMENT_MISSING);
                    assertThat(e.usExport().verdict()).isEqualTo(TrackOutcome.Verdict.PENDING);
                    assertThat(e.usExport().code()).isEqualTo("DOCUMENT_MISSING");
                    assertThat(e.policyVersion()).isEqualTo("2026-01-15.1");
                    assertThat(e.policyClause()).isEqualTo("consignee-kyc-remote-access");
                }));
    }

    @Test
    void aProhibitedProductIsDeniedWithoutAskingForPapers() {
        fixture.given(received("B200", 10, GOOD_SCENARIO))
                .when(decide(v2026))
                .expectResultMessagePayload(Outcome.DENY)
                .expectEventsMatching(only(ApplicationDeniedEvent.class, e ->
                        assertThat(e.reasons().get(0).code()).isEqualTo(ReasonCode.PRODUCT_PROHIBITED)));
    }

    @Test
    void oneDocumentSuppliedWhileWaitingLeavesItWaitingForTheOtherAlone() {
        fixture.given(received(H200, 10, GOOD_SCENARIO), waitingForBoth())
                .when(supply(kycAttestation()))
                .expectResultMessagePayload(Outcome.NEEDS_DOCUMENTS)
                .expectEventsMatching(events(
                        e -> assertThat(e).isEqualTo(supplied(kycAttestation())),
                        e -> assertThat(((DocumentsRequestedEvent) e).missing())
                                .extracting(MissingDocument::kind).containsExactly(DocumentKind.LAB_TEST_REPORT)));
    }

    @Test
    void theLastDocumentSuppliedWhileWaitingLeadsToTheGrant() {
        fixture.given(received(H200, 10, GOOD_SCENARIO), waitingForBoth(), supplied(kycAttestation()),
                        waitingFor(DocumentKind.LAB_TEST_REPORT))
                .when(supply(labTestReport()))
                .expectResultMessagePayload(Outcome.GRANT)
                .expectEventsMatching(events(
                        e -> assertThat(e).isEqualTo(supplied(labTestReport())),
                        e -> assertThat(((ApplicationGrantedEvent) e).policyClause())
                                .isEqualTo("case-by-case-h200-class")));
    }

    @Test
    void documentsSuppliedThenTheCnTrackAsksForItsScenario() {
        fixture.given(received(H200, 10, THIN_SCENARIO), waitingForBoth(), supplied(kycAttestation()),
                        waitingFor(DocumentKind.LAB_TEST_REPORT))
                .when(supply(labTestReport()))
                .expectResultMessagePayload(Outcome.NEEDS_USAGE_SCENARIO)
                .expectEventsMatching(events(
                        e -> assertThat(e).isInstanceOf(DocumentSuppliedEvent.class),
                        e -> assertThat(e).isInstanceOf(UsageScenarioRequestedEvent.class)));
    }

    @Test
    void anExpiredAttestationMakesTheApplicationWaitSayingItExpired() {
        SuppliedDocument lapsed = new SuppliedDocument(DocumentKind.BUYER_KYC_ATTESTATION, "Example AI Lab",
                LocalDate.parse("2025-11-01"), LocalDate.parse("2026-11-01"), "KYC-2025-0007", sha('a'));

        fixture.given(received(H200, 10, GOOD_SCENARIO), supplied(lapsed), supplied(labTestReport()))
                .when(decide(v2026))
                .expectResultMessagePayload(Outcome.NEEDS_DOCUMENTS)
                .expectEventsMatching(only(DocumentsRequestedEvent.class, e -> {
                    assertThat(e.missing()).hasSize(1);
                    assertThat(e.missing().get(0).code()).isEqualTo(ReasonCode.DOCUMENT_EXPIRED);
                    assertThat(e.missing().get(0).text()).contains("expired on 2026-11-01");
                    assertThat(e.usExport().code()).isEqualTo("DOCUMENT_EXPIRED");
                }));
    }

    @Test
    void aDocumentSuppliedOnAnotherOpenStateIsOnlyRecorded() {
        fixture.given(received(H200, 10, THIN_SCENARIO), Mother.supplied(kycAttestation()),
                        Mother.supplied(labTestReport()), scenarioRequested())
                .when(supply(new SuppliedDocument(DocumentKind.BUYER_KYC_ATTESTATION, "Auditor LLP",
                        LocalDate.parse("2026-10-15"), LocalDate.parse("2027-10-14"), "AUD-77", sha('b'))))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(null)
                .expectEventsMatching(only(DocumentSuppliedEvent.class, e ->
                        assertThat(e.reference()).isEqualTo("AUD-77")));
    }

    @Test
    void theSameDocumentSuppliedAgainRecordsNothing() {
        fixture.given(received(H200, 10, GOOD_SCENARIO), waitingForBoth(), supplied(kycAttestation()),
                        waitingFor(DocumentKind.LAB_TEST_REPORT))
                .when(supply(kycAttestation()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDocumentForADecidedApplicationIsRefused() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .andGivenCommands(decide(v2026))
                .when(supply(new SuppliedDocument(DocumentKind.LAB_TEST_REPORT, "Lab", LocalDate.parse("2026-11-01"),
                        LocalDate.parse("2027-01-01"), "LAB-9", sha('c'))))
                .expectException(ApplicationNotOpenException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("GRANTED"))
                .expectNoEvents();
    }

    @Test
    void anApplicationHoldsAtMostTwentyDocuments() {
        Object[] given = new Object[Application.DOCUMENTS_MAX + 1];
        given[0] = received(H200, 10, THIN_SCENARIO);
        for (int i = 1; i <= Application.DOCUMENTS_MAX; i++) {
            given[i] = supplied(new SuppliedDocument(DocumentKind.LAB_TEST_REPORT, "Lab", LocalDate.parse("2026-11-01"),
                    LocalDate.parse("2027-01-01"), "LAB-" + i, sha('d')));
        }

        fixture.given(given)
                .when(supply(kycAttestation()))
                .expectException(DocumentsLimitReachedException.class)
                .expectNoEvents();
    }

    @Test
    void anOfficerCannotGrantAReviewedApplicationWhoseReportHasExpired() {
        SuppliedDocument oldReport = new SuppliedDocument(DocumentKind.LAB_TEST_REPORT, "US Accelerator Test Labs",
                LocalDate.parse("2026-06-01"), LocalDate.parse("2027-06-01"), "LAB-2026-0100", sha('e'));
        fixture.given(received(H200, 5000, GOOD_SCENARIO), supplied(kycAttestation()), supplied(oldReport),
                        new ReviewRequestedEvent(ORDER, TrackOutcome.pending(io.tollgate.regulator.api.Track.US_EXPORT,
                                "QUANTITY_ABOVE_REVIEW_THRESHOLD", "review"), null, "2026-01-15.1", NOW,
                                "review-threshold"))
                .when(new DecideByOfficerCommand(ORDER, OfficerDecision.GRANT, "volume checked", "officer",
                        Mother.historyOf(v2026), Mother.designated(), AUTHORIZATION, NOW))
                .expectException(OfficerOverrideRefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("LAB_TEST_REPORT expired"))
                .expectNoEvents();
    }

    @Test
    void aVersionWithoutTheSectionGrantsWithoutDocuments() {
        Policy undocumented = Mother.renamed(v2026, "no-documents").withDocuments(null);

        fixture.given(received(H200, 10, GOOD_SCENARIO))
                .when(decide(undocumented))
                .expectResultMessagePayload(Outcome.GRANT);
    }

    @Test
    void anApplicationWaitingForDocumentsIsWithdrawnWhenItsOrderIsCancelled() {
        fixture.given(received(H200, 10, GOOD_SCENARIO), waitingForBoth())
                .when(new WithdrawApplicationCommand(ORDER, "customer withdrew", NOW))
                .expectEvents(new ApplicationWithdrawnEvent(ORDER, ApplicationStatus.AWAITING_DOCUMENTS,
                        "customer withdrew", NOW));
    }

    // --- helpers ------------------------------------------------------------------------------

    private static DecideApplicationCommand decide(Policy policy) {
        return new DecideApplicationCommand(ORDER, Mother.historyOf(policy), Mother.designated(), AUTHORIZATION, NOW,
                Mother.ampleUsVolume());
    }

    private SupplyDocumentCommand supply(SuppliedDocument document) {
        return new SupplyDocumentCommand(ORDER, document, Mother.historyOf(v2026), Mother.designated(),
                AUTHORIZATION, NOW, Mother.ampleUsVolume());
    }

    private static DocumentsRequestedEvent waitingForBoth() {
        return waitingFor(DocumentKind.BUYER_KYC_ATTESTATION, DocumentKind.LAB_TEST_REPORT);
    }

    private static DocumentsRequestedEvent waitingFor(DocumentKind... kinds) {
        List<MissingDocument> missing = java.util.Arrays.stream(kinds).map(k -> new MissingDocument(k,
                ReasonCode.DOCUMENT_MISSING, "clause-of-" + k.name().toLowerCase(java.util.Locale.ROOT), k + " missing"))
                .toList();
        return new DocumentsRequestedEvent(ORDER, missing, TrackOutcome.pending(
                io.tollgate.regulator.api.Track.US_EXPORT, "DOCUMENT_MISSING", "waiting"), "2026-01-15.1",
                missing.get(0).clause(), NOW);
    }

    private static UsageScenarioRequestedEvent scenarioRequested() {
        io.tollgate.regulator.api.Reason reason = new io.tollgate.regulator.api.Reason(
                io.tollgate.regulator.api.Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_UNACCEPTABLE, "too thin");
        return new UsageScenarioRequestedEvent(ORDER, reason, TrackOutcome.approved(
                io.tollgate.regulator.api.Track.US_EXPORT, "licensable"), TrackOutcome.pending(
                io.tollgate.regulator.api.Track.CN_IMPORT, "USAGE_SCENARIO_UNACCEPTABLE", "too thin"),
                "2026-01-15.1", NOW, "commercial-need");
    }

    private static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static <T> TypeSafeMatcher<List<EventMessage<?>>> only(Class<T> type, Consumer<T> check) {
        return events(e -> check.accept(type.cast(e)));
    }

    @SafeVarargs
    private static TypeSafeMatcher<List<EventMessage<?>>> events(Consumer<Object>... checks) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                assertThat(events).hasSize(checks.length);
                for (int i = 0; i < checks.length; i++) {
                    checks[i].accept(events.get(i).getPayload());
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(checks.length + " events passing their checks");
            }
        };
    }
}
