package io.tollgate.eventing.deadletter;

import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.db.Databases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead-letter table, its audit trail and the records parked behind dead letters, read and
 * written on the caller's JTA transaction. A dead letter is keyed by where its record came from
 * (group, topic, partition, offset), so storing one twice is impossible.
 */
@ApplicationScoped
public class DeadLetterStore {

    /** Records parked behind the dead letters of one key; the next one is dead-lettered itself. */
    public static final int PARKED_PER_KEY_MAX = 1_000;
    /** Largest page of the listing. */
    public static final int PAGE_MAX = 200;
    /** The newest actions shown per dead letter in the listing. */
    public static final int ACTIONS_SHOWN_MAX = 20;
    /** Longest reason stored (a reason is a sentence, not a stack trace). */
    public static final int REASON_CHARS_MAX = 1_000;
    /** Parameters per IN list: a poll's worth of keys is looked up in a few statements. */
    static final int IN_LIST_MAX = 200;

    /** Where a holding dead letter's record came from. */
    public record Origin(String topic, int partition, long offset) {
    }

    /** A parked record and its row id. */
    public record Parked(long id, RecordCopy record) {
    }

    /** A dead letter an operator asked the consumer loop to retry or to discard. */
    public record Pending(long id, DeadLetterStatus status, String eventId, RecordCopy record) {
    }

    private static final String COLUMNS = "id, consumer_group, topic, kafka_partition, kafka_offset, event_id,"
            + " order_key, code, reason, dead_lettered_at, status";
    /**
     * The code of records refused for their signature. They never hold their key's later records:
     * nothing ties them to the order's real history, and if they held, anyone able to write a topic
     * could stall any order by producing one forged record for it.
     */
    public static final String UNTRUSTED_CODE = "SIGNATURE_REJECTED";
    private static final String HOLDING_IN = DeadLetterStatus.HOLDING.stream()
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"))
            + " AND code <> '" + UNTRUSTED_CODE + "'";

    private final Jdbc jdbc;
    private final boolean postgres;

    @Inject
    public DeadLetterStore(Databases databases) {
        this.jdbc = new Jdbc(databases);
        this.postgres = databases.isPostgres();
    }

    public boolean exists(String group, RecordCopy r) {
        return !jdbc.query("read dead_letter", "SELECT 1 FROM dead_letter WHERE consumer_group = ? AND topic = ?"
                + " AND kafka_partition = ? AND kafka_offset = ?", origin(group, r), rs -> 1).isEmpty();
    }

    /** Stores a refused record as OPEN and audits it; answers its id. */
    public long add(String group, RecordCopy r, String eventId, String code, String reason) {
        String sql = "INSERT INTO dead_letter (consumer_group, topic, kafka_partition, kafka_offset, event_id,"
                + " order_key, code, reason, record_key, record_value, record_headers, record_timestamp,"
                + " dead_lettered_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String cut = cut(reason);
        long id = jdbc.insert("write dead_letter", sql, ps -> {
            origin(group, r).bind(ps);
            ps.setString(5, eventId);
            ps.setString(6, r.orderKey());
            ps.setString(7, code);
            ps.setString(8, cut);
            ps.setBytes(9, r.keyBytes());
            ps.setBytes(10, r.value());
            ps.setBytes(11, r.headers());
            ps.setLong(12, r.timestamp());
            ps.setTimestamp(13, Timestamp.from(Instant.now()));
            ps.setString(14, DeadLetterStatus.OPEN.name());
        });
        audit(id, DeadLetterAction.DEAD_LETTERED, DeadLetterAction.CONSUMER, code + ": " + cut);
        return id;
    }

    /** The holding dead letters of each of {@code keys} in {@code group}. */
    public Map<String, List<Origin>> holding(String group, Collection<String> keys) {
        Map<String, List<Origin>> byKey = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += IN_LIST_MAX) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST_MAX));
            String sql = SqlStatements.pairLookup(postgres, "SELECT order_key, topic,"
                    + " kafka_partition, kafka_offset FROM dead_letter", "consumer_group", "order_key", chunk.size(),
                    " AND status IN " + HOLDING_IN);
            jdbc.query("read dead_letter", sql, ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(2 * i + 1, group);
                    ps.setString(2 * i + 2, chunk.get(i));
                }
            }, rs -> byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Origin(rs.getString(2), rs.getInt(3), rs.getLong(4))));
        }
        return byKey;
    }

    /** True while a holding dead letter of the key has another code than {@code parkingCode}. */
    public boolean holdsBeforeParking(String group, String key, String parkingCode) {
        return !jdbc.query("read dead_letter", "SELECT 1 FROM dead_letter WHERE consumer_group = ?"
                + " AND order_key = ? AND status IN " + HOLDING_IN + " AND code <> ?", ps -> {
                    ps.setString(1, group);
                    ps.setString(2, key);
                    ps.setString(3, parkingCode);
                }, rs -> 1).isEmpty();
    }

    /** Parks a record behind its key's dead letter (a redelivered record is parked once). */
    public void park(String group, RecordCopy r) {
        boolean parked = !jdbc.query("read parked_record", "SELECT 1 FROM parked_record WHERE consumer_group = ?"
                + " AND topic = ? AND kafka_partition = ? AND kafka_offset = ?", origin(group, r), rs -> 1).isEmpty();
        if (parked) {
            return;
        }
        String sql = "INSERT INTO parked_record (consumer_group, topic, kafka_partition, kafka_offset, order_key,"
                + " record_key, record_value, record_headers, record_timestamp, parked_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        jdbc.update("write parked_record", sql, ps -> {
            origin(group, r).bind(ps);
            ps.setString(5, r.orderKey());
            ps.setBytes(6, r.keyBytes());
            ps.setBytes(7, r.value());
            ps.setBytes(8, r.headers());
            ps.setLong(9, r.timestamp());
            ps.setTimestamp(10, Timestamp.from(Instant.now()));
        });
    }

    public long parkedCount(String group, String key) {
        return jdbc.query("count parked_record", "SELECT COUNT(*) FROM parked_record WHERE consumer_group = ?"
                + " AND order_key = ?", ps -> {
                    ps.setString(1, group);
                    ps.setString(2, key);
                }, rs -> rs.getLong(1)).get(0);
    }

    /** The records parked for a key, oldest first (the order they arrived in). */
    public List<Parked> parked(String group, String key, int limit) {
        String sql = "SELECT id, topic, kafka_partition, kafka_offset, record_key, record_value, record_headers,"
                + " record_timestamp FROM parked_record WHERE consumer_group = ? AND order_key = ? ORDER BY id";
        return jdbc.query("read parked_record", limited(sql, limit), ps -> {
            ps.setString(1, group);
            ps.setString(2, key);
        }, rs -> new Parked(rs.getLong(1), copy(rs, 2)));
    }

    public void unpark(long parkedId) {
        jdbc.update("delete parked_record", "DELETE FROM parked_record WHERE id = ?", ps -> ps.setLong(1, parkedId));
    }

    /** Requests waiting for the loop of {@code group} that owns their partition, oldest first. */
    public List<Pending> pending(String group, Collection<TopicPartition> owned, int limit) {
        if (owned.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> parts = List.copyOf(owned);
        String sql = "SELECT id, status, event_id, topic, kafka_partition, kafka_offset, record_key, record_value,"
                + " record_headers, record_timestamp FROM dead_letter WHERE consumer_group = ?"
                + " AND status IN ('RETRY_REQUESTED', 'DISCARD_REQUESTED') AND ("
                + String.join(" OR ", java.util.Collections.nCopies(parts.size(),
                "(topic = ? AND kafka_partition = ?)")) + ") ORDER BY id";
        return jdbc.query("read dead_letter", limited(sql, limit), ps -> {
            ps.setString(1, group);
            for (int i = 0; i < parts.size(); i++) {
                ps.setString(2 + 2 * i, parts.get(i).topic());
                ps.setInt(3 + 2 * i, parts.get(i).partition());
            }
        }, rs -> new Pending(rs.getLong(1), DeadLetterStatus.valueOf(rs.getString(2)), rs.getString(3),
                copy(rs, 4)));
    }

    /**
     * Moves a dead letter from {@code from} to {@code to} and audits the step; false (and nothing
     * changed) when it is not in {@code from}.
     */
    public boolean move(long id, DeadLetterStatus from, DeadLetterStatus to, String action, String principal,
                        String reason) {
        int changed = jdbc.update("update dead_letter", "UPDATE dead_letter SET status = ? WHERE id = ?"
                + " AND status = ?", ps -> {
                    ps.setString(1, to.name());
                    ps.setLong(2, id);
                    ps.setString(3, from.name());
                });
        if (changed == 1) {
            audit(id, action, principal, reason);
        }
        return changed == 1;
    }

    /** A retry failed: the dead letter is OPEN again with the new reason. */
    public void reopen(long id, String code, String reason) {
        String cut = cut(reason);
        jdbc.update("update dead_letter", "UPDATE dead_letter SET status = 'OPEN', code = ?, reason = ?"
                + " WHERE id = ?", ps -> {
                    ps.setString(1, code);
                    ps.setString(2, cut);
                    ps.setLong(3, id);
                });
        audit(id, DeadLetterAction.RETRY_FAILED, DeadLetterAction.CONSUMER, code + ": " + cut);
    }

    /** Ids of OPEN dead letters (of one group, or of all when null), oldest first. */
    public List<Long> openIds(String group, int limit) {
        String sql = "SELECT id FROM dead_letter WHERE status = 'OPEN'"
                + (group == null ? "" : " AND consumer_group = ?") + " ORDER BY id";
        return jdbc.query("read dead_letter", limited(sql, limit), ps -> {
            if (group != null) {
                ps.setString(1, group);
            }
        }, rs -> rs.getLong(1));
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("read dead_letter", "SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?",
                ps -> ps.setLong(1, id), this::view).stream().findFirst();
    }

    /** One page, oldest first, after {@code afterId}; filters are optional (null). */
    public List<DeadLetter> list(DeadLetterStatus status, String group, long afterId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM dead_letter WHERE id > ?"
                + (status == null ? "" : " AND status = ?") + (group == null ? "" : " AND consumer_group = ?")
                + " ORDER BY id";
        return jdbc.query("read dead_letter", limited(sql, Math.min(limit, PAGE_MAX)), ps -> {
            int i = 1;
            ps.setLong(i++, afterId);
            if (status != null) {
                ps.setString(i++, status.name());
            }
            if (group != null) {
                ps.setString(i, group);
            }
        }, this::view);
    }

    private DeadLetter view(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String group = rs.getString(2);
        String key = rs.getString(7);
        return new DeadLetter(id, group, rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6), key,
                rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                DeadLetterStatus.valueOf(rs.getString(11)), key == null ? 0 : parkedCount(group, key),
                actions(id));
    }

    private List<DeadLetterAction> actions(long id) {
        String sql = "SELECT action, principal, acted_at, reason FROM dead_letter_action"
                + " WHERE dead_letter_id = ? ORDER BY id DESC";
        List<DeadLetterAction> newestFirst = jdbc.query("read dead_letter_action",
                limited(sql, ACTIONS_SHOWN_MAX), ps -> ps.setLong(1, id),
                rs -> new DeadLetterAction(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)));
        List<DeadLetterAction> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private void audit(long id, String action, String principal, String reason) {
        jdbc.update("write dead_letter_action", "INSERT INTO dead_letter_action (dead_letter_id, action,"
                + " principal, acted_at, reason) VALUES (?, ?, ?, ?, ?)", ps -> {
                    ps.setLong(1, id);
                    ps.setString(2, action);
                    ps.setString(3, principal);
                    ps.setTimestamp(4, Timestamp.from(Instant.now()));
                    ps.setString(5, cut(reason));
                });
    }

    private static Jdbc.Binder origin(String group, RecordCopy r) {
        return ps -> {
            ps.setString(1, group);
            ps.setString(2, r.topic());
            ps.setInt(3, r.partition());
            ps.setLong(4, r.offset());
        };
    }

    /** Reads topic, partition, offset, key, value, headers, timestamp from column {@code first} on. */
    private static RecordCopy copy(ResultSet rs, int first) throws SQLException {
        return new RecordCopy(rs.getString(first), rs.getInt(first + 1), rs.getLong(first + 2),
                RecordCopy.keyOf(rs.getBytes(first + 3)), rs.getBytes(first + 4), rs.getBytes(first + 5),
                rs.getLong(first + 6));
    }

    /** Both dialects take a trailing {@code LIMIT n}; n is an int from this class, never user text. */
    private static String limited(String sql, int limit) {
        return sql + " LIMIT " + Math.max(1, limit);
    }

    static String cut(String reason) {
        String r = reason == null || reason.isBlank() ? "(none given)" : reason;
        return r.length() > REASON_CHARS_MAX ? r.substring(0, REASON_CHARS_MAX) : r;
    }
}
