package io.tollgate.regulator.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.AssessStandingCommand;
import io.tollgate.regulator.api.DesignateCustomerCommand;
import io.tollgate.regulator.api.ReceiveApplicationCommand;
import io.tollgate.regulator.api.ReserveUnitsCommand;
import io.tollgate.regulator.api.UnitsReturnedEvent;
import io.tollgate.regulator.policy.CustomerStanding;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * A customer's Designation is kept in memory between commands; what a command sees must still be
 * exactly what the event store holds: events written by another node are applied, and the state of
 * a transaction that rolled back is never reused.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class DesignationStateTest {

    private static final String QUARTER = "2026-Q4";
    private static final Instant AT = Instant.parse("2026-11-02T09:00:01Z");

    @Inject
    CommandGateway commands;
    @Inject
    SqlStatements sql;

    @Test
    void anEventAnotherNodeStoredIsSeenByTheNextCommand() throws Exception {
        // given: a customer with 90 of its 100 units used, its state warm in memory
        String customer = designatedWithCap(100);
        inTransaction(new ReserveUnitsCommand(customer, "o-1", QUARTER, 90, AT));
        assertThat(standing(customer).unitsGrantedInQuarter()).isEqualTo(90);

        // when: another node gives the 90 units back (sequence 2, behind this node's back)
        storeElsewhere(customer, 2, new UnitsReturnedEvent(customer, "o-1", QUARTER, 90, AT));

        // then
        assertThat(standing(customer).unitsGrantedInQuarter()).isZero();
        inTransaction(new ReserveUnitsCommand(customer, "o-2", QUARTER, 100, AT));
        assertThat(standing(customer).unitsGrantedInQuarter()).isEqualTo(100);
    }

    @Test
    void aReservationWhoseTransactionRolledBackIsNotCounted() {
        // given
        String customer = designatedWithCap(100);
        inTransaction(new ReserveUnitsCommand(customer, "o-1", QUARTER, 30, AT));

        // when: the command succeeds but its transaction rolls back afterwards
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            commands.sendAndWait(new ReserveUnitsCommand(customer, "o-2", QUARTER, 50, AT));
            throw new IllegalStateException("a later step of the decision failed");
        })).hasMessageContaining("later step");

        // then: only the committed 30 count, and the next reservation continues from them
        assertThat(standing(customer).unitsGrantedInQuarter()).isEqualTo(30);
        inTransaction(new ReserveUnitsCommand(customer, "o-3", QUARTER, 70, AT));
        assertThat(standing(customer).unitsGrantedInQuarter()).isEqualTo(100);
    }

    @Test
    void twoCommandsInOneTransactionSeeEachOther() {
        // given
        String customer = designatedWithCap(100);

        // when
        CustomerStanding inside = QuarkusTransaction.requiringNew().call(() -> {
            commands.sendAndWait(new ReserveUnitsCommand(customer, "o-1", QUARTER, 40, AT));
            return commands.sendAndWait(new AssessStandingCommand(customer, QUARTER));
        });

        // then
        assertThat(inside.unitsGrantedInQuarter()).isEqualTo(40);
        assertThat(standing(customer).unitsGrantedInQuarter()).isEqualTo(40);
    }

    @Test
    void eachKindOfAggregateKeepsItsCommittedStateWhenOneTransactionChangedBoth() {
        // given a transaction shaped like a decision: an Application first, then the Designation
        String customer = designatedWithCap(100);
        String order = "o-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            commands.sendAndWait(new ReceiveApplicationCommand(order, UUID.randomUUID().toString(), customer,
                    "Example AI Lab", "H200-SXM-141GB", "HOPPER_H200", 25, null, AT, AT, "CN",
                    TransactionKind.EXPORT, null, null));
            commands.sendAndWait(new ReserveUnitsCommand(customer, order, QUARTER, 25, AT));
        });

        // when the Designation's stored history can no longer be read here (a replay would fail)
        sql.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", customer);
        sql.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", customer);

        // then the next command continues from the state kept in memory after the commit
        assertThat(standing(customer).unitsGrantedInQuarter()).isEqualTo(25);
    }

    private String designatedWithCap(long cap) {
        String customer = "cached-" + UUID.randomUUID().toString().substring(0, 8);
        inTransaction(new DesignateCustomerCommand(customer, "Example AI Lab", "CN", cap,
                new Approval("proposal-" + customer, "compliance", "compliance-2"), AT));
        return customer;
    }

    private void inTransaction(Object command) {
        QuarkusTransaction.requiringNew().run(() -> commands.sendAndWait(command));
    }

    private CustomerStanding standing(String customer) {
        return QuarkusTransaction.requiringNew().call(() ->
                commands.sendAndWait(new AssessStandingCommand(customer, QUARTER)));
    }

    /** Appends an event as another regulator node would: straight into the shared event store. */
    private void storeElsewhere(String customer, long sequence, Object event) throws Exception {
        sql.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                        + " aggregate_type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), customer, sequence, "Designation", AT.toString(),
                event.getClass().getName(), "1", StoredEventJson.mapper().writeValueAsBytes(event),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
