package io.tollgate.eventing.wiring;

import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.kafka.BatchConsumer;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.eventing.kafka.RealFailures;
import io.tollgate.eventing.kafka.RejectedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch consumer shaped like the ledger's: it keeps its own processed-event log (the applied
 * table) and fails the whole batch when one event in it cannot be applied. The authorization id
 * of a grant chooses the failure a test needs: {@code poison-} (a permanent error, like the
 * ledger's overflow), {@code reject-} (a rule), {@code fixable-} (a rule until a test fixes it),
 * {@code pool-} (a real pool acquisition timeout, a few times) and {@code fatal-} (an Error that
 * ends the loop's thread, a few times).
 */
@ApplicationScoped
public class ProbeBatchConsumer implements BatchConsumer {

    public static final String GROUP = "tollgate.eventing-wiring.batch";
    /** How many more times a {@code pool-} grant fails with an acquisition timeout. */
    public static final AtomicInteger POOL_FAILURES = new AtomicInteger();
    /** How many more times a {@code fatal-} grant throws an Error. */
    public static final AtomicInteger FATAL_FAILURES = new AtomicInteger();
    /** Authorization ids of {@code fixable-} grants that no longer break the rule. */
    public static final Set<String> FIXED = ConcurrentHashMap.newKeySet();

    @Inject
    Databases databases;

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.AUTHORIZATIONS);
    }

    @Override
    public void handleBatch(List<IncomingEvent> events) {
        for (IncomingEvent event : events) {
            if (event.envelope().event() instanceof AuthorizationGrantedV1 grant) {
                check(grant);
                store(event.eventId(), grant);
            }
        }
    }

    private static void check(AuthorizationGrantedV1 grant) {
        String id = grant.authorizationId();
        if (id.startsWith("poison-")) {
            throw new ArithmeticException("Overflow");
        }
        if (id.startsWith("reject-") || id.startsWith("fixable-") && !FIXED.contains(id)) {
            throw new RejectedEventException("PROBE_REJECTED", "grant " + id + " breaks the probe's rule");
        }
        if (id.startsWith("pool-") && POOL_FAILURES.getAndDecrement() > 0) {
            throw new IllegalStateException("cannot read the probe table", RealFailures.poolAcquisitionTimeout());
        }
        if (id.startsWith("fatal-") && FATAL_FAILURES.getAndDecrement() > 0) {
            throw new AssertionError("probe: a programming error escaped the handler");
        }
    }

    private void store(String eventId, AuthorizationGrantedV1 grant) {
        String sql = "INSERT INTO probe_batch_applied (event_id, order_id, authorization_id)"
                + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM probe_batch_applied WHERE event_id = ?)";
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventId);
            ps.setString(2, grant.orderId());
            ps.setString(3, grant.authorizationId());
            ps.setString(4, eventId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write probe_batch_applied", e);
        }
    }
}
