package io.tollgate.regulator.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.DesignationChange;
import io.tollgate.regulator.api.ProposalKind;
import io.tollgate.regulator.api.RuleChangeApprovedEvent;
import io.tollgate.regulator.api.RuleChangeProposedEvent;
import io.tollgate.regulator.api.RuleChangeRejectedEvent;
import io.tollgate.regulator.api.RuleChangeWithdrawnEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.regulator.api.DocumentSuppliedEvent;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.GrantedUnitsReturnedEvent;
import io.tollgate.regulator.api.PolicyAdoptedEvent;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.SupplyPassedOverEvent;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.api.UnitsReturnedEvent;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioSuppliedEvent;
import io.tollgate.regulator.testdata.Mother;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored events are read back for ever: each revision-1 event must still read from the JSON it
 * was first stored as (fixtures under stored-events/v1, never regenerated) and still write it.
 * A change that breaks this needs a new {@code @Revision} and an upcaster, not a new fixture.
 */
class StoredEventShapesTest {

    /** The mapper of eventing's Axon serializer: what production writes and reads. */
    private static final ObjectMapper MAPPER = StoredEventJson.mapper();

    static Stream<Object> events() {
        Reason prohibited = new Reason(Track.US_EXPORT, ReasonCode.PRODUCT_PROHIBITED, "B200 is prohibited");
        Reason missing = new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_MISSING, "scenario required");
        TrackOutcome us = TrackOutcome.approved(Track.US_EXPORT, "licensable");
        TrackOutcome cn = TrackOutcome.approved(Track.CN_IMPORT, "scenario accepted");
        String order = Mother.ORDER;
        return Stream.of(
                // ApplicationReceivedEvent is revision 2: its revision-1 fixture is read through
                // its upcaster (ApplicationReceivedUpcasterTest).
                new UsageScenarioRequestedEvent(order, missing, us,
                        TrackOutcome.pending(Track.CN_IMPORT, "USAGE_SCENARIO_MISSING", "scenario required"),
                        "v1", Mother.NOW),
                new UsageScenarioSuppliedEvent(order, Mother.GOOD_SCENARIO, Mother.NOW),
                new ReviewRequestedEvent(order,
                        TrackOutcome.pending(Track.US_EXPORT, "QUANTITY_ABOVE_REVIEW_THRESHOLD", "review"), cn,
                        "v1", Mother.NOW),
                new ApplicationGrantedEvent(order, Mother.AUTHORIZATION, Mother.REQUEST_EVENT,
                        Mother.CUSTOMER, Mother.QUARTER, 10, us, cn, "0.25", "US-TREASURY", "v1",
                        "compliance-officer", "volume verified", Mother.NOW),
                new ApplicationDeniedEvent(order, Mother.AUTHORIZATION, Mother.REQUEST_EVENT,
                        List.of(prohibited), TrackOutcome.refused(prohibited), null, "v1", "policy", Mother.NOW),
                new ApplicationWithdrawnEvent(order, ApplicationStatus.PENDING_REVIEW,
                        "customer withdrew", Mother.NOW),
                new GrantedUnitsReturnedEvent(order, Mother.AUTHORIZATION, Mother.CUSTOMER,
                        Mother.QUARTER, 10, Mother.NOW),
                new CustomerDesignatedEvent(Mother.CUSTOMER, "Example AI Lab", "CN", 50_000L,
                        Mother.NOW, null),
                new DesignationRevokedEvent(Mother.CUSTOMER, Mother.NOW, null),
                new UnitsReservedEvent(Mother.CUSTOMER, order, Mother.QUARTER, 10, Mother.NOW),
                new UnitsReturnedEvent(Mother.CUSTOMER, order, Mother.QUARTER, 10, Mother.NOW),
                new PolicyAdoptedEvent("regulator-policy", Mother.legacyV1(), "startup",
                        Mother.NOW, null),
                new RuleChangeProposedEvent("proposal-1", ProposalKind.DESIGNATE_CUSTOMER, Mother.CUSTOMER, null,
                        new DesignationChange("Example AI Lab", "CN", 5_000L), "compliance", Mother.NOW),
                new RuleChangeApprovedEvent("proposal-1", ProposalKind.DESIGNATE_CUSTOMER, Mother.CUSTOMER,
                        "compliance", "compliance-2", Mother.NOW),
                new RuleChangeRejectedEvent("proposal-1", "compliance", "compliance-2", "cap not justified",
                        Mother.NOW),
                new RuleChangeWithdrawnEvent("proposal-1", "compliance", Mother.NOW),
                new DocumentSuppliedEvent(order, Mother.kycAttestation(), Mother.NOW),
                new DocumentsRequestedEvent(order, List.of(new MissingDocument(DocumentKind.LAB_TEST_REPORT,
                        ReasonCode.DOCUMENT_MISSING, "us-third-party-lab-review",
                        "LAB_TEST_REPORT missing: one report per shipment")),
                        TrackOutcome.pending(Track.US_EXPORT, "DOCUMENT_MISSING",
                                "Waiting for documents: LAB_TEST_REPORT missing"),
                        "2026-01-15.1", "us-third-party-lab-review", Mother.NOW),
                new SupplyPassedOverEvent(order, SupplyPassedOverV1.DOCUMENT, "6f2d8a41-b3c7-4e95-9a0d-e7c1f5b3a286",
                        DocumentKind.LAB_TEST_REPORT, ApplicationStatus.GRANTED, Mother.NOW));
    }

    @org.junit.jupiter.api.Test
    void anApprovedChangeKeepsItsProposerAndApproverThroughTheStore() throws IOException {
        // given
        Approval approval = new Approval("proposal-1", "compliance", "compliance-2");
        CustomerDesignatedEvent event = new CustomerDesignatedEvent(Mother.CUSTOMER, "Example AI Lab", "CN",
                null, Mother.NOW, approval);

        // when
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(event));

        // then
        assertThat(written.path("approval").path("proposedBy").asText()).isEqualTo("compliance");
        assertThat(written.path("approval").path("approvedBy").asText()).isEqualTo("compliance-2");
        assertThat(MAPPER.treeToValue(written, CustomerDesignatedEvent.class)).isEqualTo(event);
    }

    /** Decisions and versions in today's shape: the added fields are written and read back. */
    static Stream<Object> eventsWithTheirClause() {
        TrackOutcome us = TrackOutcome.approved(Track.US_EXPORT, "licensable");
        TrackOutcome cn = TrackOutcome.approved(Track.CN_IMPORT, "scenario accepted");
        Reason prohibited = new Reason(Track.US_EXPORT, ReasonCode.PRODUCT_PROHIBITED, "B200 is prohibited");
        return Stream.of(
                new ApplicationGrantedEvent(Mother.ORDER, Mother.AUTHORIZATION, Mother.REQUEST_EVENT,
                        Mother.CUSTOMER, Mother.QUARTER, 10, us, cn, "0.25", "US-TREASURY", "2026-01-15.1",
                        "policy", null, Mother.NOW, "case-by-case-h200-class"),
                new ApplicationDeniedEvent(Mother.ORDER, Mother.AUTHORIZATION, Mother.REQUEST_EVENT,
                        List.of(prohibited), TrackOutcome.refused(prohibited), null, "2026-01-15.1", "policy",
                        Mother.NOW, "above-h200-class"),
                new ReviewRequestedEvent(Mother.ORDER,
                        TrackOutcome.pending(Track.US_EXPORT, "QUANTITY_ABOVE_REVIEW_THRESHOLD", "review"), cn,
                        "2026-01-15.1", Mother.NOW, "review-threshold"),
                new PolicyAdoptedEvent("regulator-policy", Mother.policy2026(), "startup", Mother.NOW, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsWithTheirClause")
    void anEventOfTodaysShapeKeepsItsAddedFieldsThroughTheStore(Object event) throws IOException {
        // when
        String written = MAPPER.writeValueAsString(event);

        // then
        assertThat(written).containsAnyOf("\"policyClause\"", "\"productRules\"");
        assertThat(MAPPER.readValue(written, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aRevisionOneEventReadsFromAndWritesItsStoredJson(Object event) throws IOException {
        // given
        Class<?> type = event.getClass();
        JsonNode stored = fixture(type.getSimpleName());

        // when
        Object read = MAPPER.treeToValue(stored, type);
        // Through text, so numbers compare by value whatever node type a long or int became.
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(event));

        // then
        assertThat(type.getAnnotation(Revision.class)).isNotNull();
        assertThat(type.getAnnotation(Revision.class).value()).isEqualTo("1");
        assertThat(read).isEqualTo(event);
        assertThat(written).isEqualTo(stored);
    }

    private static JsonNode fixture(String name) throws IOException {
        String path = "stored-events/v1/" + name + ".json";
        try (InputStream in = StoredEventShapesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return MAPPER.readTree(in);
        }
    }
}
