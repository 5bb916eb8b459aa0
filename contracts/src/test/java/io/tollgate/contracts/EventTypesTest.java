package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.testkit.WireEventSamples;
import org.junit.jupiter.api.Test;

/** Which types are workflow, said once for the ledger and the audit. */
class EventTypesTest {

    @Test
    void waitsSuppliesAndPassedOverSuppliesAreWorkflowAndEveryOtherTypeMovesMoney() {
        // given one sample of every type, and the sparse ones
        var samples = new java.util.ArrayList<>(WireEventSamples.all());
        samples.addAll(WireEventSamples.sparse());

        // when
        var workflow = samples.stream().filter(EventTypes::isWorkflow).map(EventTypes::typeOf)
                .distinct().toList();
        var booked = samples.stream().filter(e -> !EventTypes.isWorkflow(e)).map(EventTypes::typeOf)
                .distinct().toList();

        // then
        assertThat(workflow).containsExactlyInAnyOrder(AuthorizationPendingV1.TYPE, UsageScenarioSuppliedV1.TYPE,
                DocumentSuppliedV1.TYPE, SupplyPassedOverV1.TYPE);
        assertThat(booked).containsExactlyInAnyOrder(OrderRequestedV1.TYPE, OrderRequestedV2.TYPE,
                AuthorizationGrantedV1.TYPE, AuthorizationDeniedV1.TYPE, RevenueSharePaidV1.TYPE,
                OrderCancelledV1.TYPE);
    }
}
