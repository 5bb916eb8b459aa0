package io.tollgate.eventing.wiring;

import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.eventing.db.Databases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

/** Object mother and lookups shared by the consumer tests of the probe application. */
final class Probes {

    static final int PARTITIONS = 3;

    private Probes() {
    }

    static Envelope grant(String orderId, String authorizationId) {
        TrackDecision us = new TrackDecision(TrackDecision.US_EXPORT, TrackDecision.APPROVED, "BIS-1", null, null);
        TrackDecision cn = new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.APPROVED, "MOFCOM-1", null, null);
        AuthorizationGrantedV1 grant = new AuthorizationGrantedV1(orderId, authorizationId,
                UUID.randomUUID().toString(), us, cn, GrantConditions.defaults(), "1", "policy", Instant.now());
        return Envelope.of(UUID.randomUUID().toString(), Provenance.REGULATOR_SERVICE, grant);
    }

    /** A fresh order id that the default partitioner puts on {@code partition}. */
    static String keyOnPartition(int partition) {
        for (int i = 0; i < 10_000; i++) {
            String key = UUID.randomUUID().toString();
            int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (p == partition) {
                return key;
            }
        }
        throw new IllegalStateException("no key found for partition " + partition);
    }

    /** Authorization ids the batch consumer applied for an order, in the order it applied them. */
    static List<String> applied(Databases databases, String orderId) throws SQLException {
        String sql = "SELECT authorization_id FROM probe_batch_applied WHERE order_id = ? ORDER BY applied_seq";
        List<String> ids = new ArrayList<>();
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static String outcome(Databases databases, String group, String eventId) throws SQLException {
        String sql = "SELECT outcome FROM processed_event WHERE consumer_group = ? AND event_id = ?";
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, group);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
