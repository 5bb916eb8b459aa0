package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.balance.BalanceQueries;
import io.tollgate.ledger.balance.BalanceSheet;
import io.tollgate.ledger.journal.EntryHasher;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Not a timed test: a measurement of as-of balance queries on a large journal (PostgreSQL only).
 * Writes {@code ledger.bench.asof.entries} journal entries (default 10,000,000) straight into the
 * journal tables with COPY, as the live writer would have stored them: {@value #CHAINS} chains, two
 * postings an entry, 200 customers, one balance checkpoint per chain every
 * {@code ledger.bench.asof.interval} entries (default 1,000, the production setting) with its
 * interval's earliest times. Entries are recorded one second apart; each is dated (business time)
 * up to two minutes before it is recorded (producers' clocks and the way through Kafka), and one in
 * {@value #LATE_EVERY} up to three days before (an event held up by an outage).
 * Hashes are placeholders: the query does not read them. Then, after VACUUM ANALYZE (autovacuum is
 * off on the measuring machine), it times as-of reads at random instants over the whole history on
 * both bases, directly and through {@code GET /api/v1/balances?asOf=}, checks some against a full
 * scan of the postings, and times the read before per-interval times for comparison. Run:
 * {@code ./mvnw -B -pl ledger-service verify -Dgroups=benchmark -Dledger.excluded.groups=
 * -Dtest=AsOfBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dtollgate.test.db=pg}
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@Tag("benchmark")
class AsOfBenchmarkTest {

    private static final Logger LOG = Logger.getLogger(AsOfBenchmarkTest.class);
    private static final int CHAINS = 6;
    private static final int LATE_EVERY = 10_000;
    private static final int CUSTOMERS = 200;
    private static final long START_US = EntryHasher.micros(Instant.parse("2026-01-15T00:00:00Z"));
    private static final long SECOND_US = 1_000_000L;
    private static final long SKEW_MAX_US = 120 * SECOND_US;
    private static final long LATE_MAX_US = 3L * 86_400 * SECOND_US;
    private static final String HASH = "0".repeat(64);

    @Inject
    Databases databases;
    @Inject
    BalanceQueries balances;

    @Test
    void asOfReadsOnALargeJournal() throws Exception {
        Assumptions.assumeTrue(databases.isPostgres(), "the as-of benchmark runs on PostgreSQL (-Dtollgate.test.db=pg)");
        long entries = Long.getLong("ledger.bench.asof.entries", 10_000_000L);
        long interval = Long.getLong("ledger.bench.asof.interval", 1_000L);
        long loadStart = System.nanoTime();
        load(entries, interval);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("ledger_entry", "ledger_posting", "ledger_checkpoint",
                    "ledger_checkpoint_balance", "ledger_chain", "ledger_balance")) {
                s.execute("VACUUM ANALYZE " + table);
            }
        }
        LOG.infof("loaded %d entries (checkpoint every %d) in %.1f s", entries, interval, loadSeconds);
        awaitQuietMachine();

        Random random = new Random(42);
        long from = START_US - LATE_MAX_US;
        long to = START_US + entries * SECOND_US;
        for (BalanceQueries.Basis basis : BalanceQueries.Basis.values()) {
            for (int i = 0; i < 3; i++) {
                Instant at = instant(from + (long) (random.nextDouble() * (to - from)));
                assertThat(balances.asOf(at, basis).lines()).as(basis + " as of " + at)
                        .isEqualTo(fullScan(at, basis).lines());
            }
        }
        for (BalanceQueries.Basis basis : BalanceQueries.Basis.values()) {
            for (int i = 0; i < 20; i++) {
                balances.asOf(instant(from + (long) (random.nextDouble() * (to - from))), basis);
            }
            long[] direct = new long[500];
            for (int i = 0; i < direct.length; i++) {
                Instant at = instant(from + (long) (random.nextDouble() * (to - from)));
                long t0 = System.nanoTime();
                balances.asOf(at, basis);
                direct[i] = System.nanoTime() - t0;
            }
            long[] http = new long[200];
            for (int i = 0; i < http.length; i++) {
                Instant at = instant(from + (long) (random.nextDouble() * (to - from)));
                long t0 = System.nanoTime();
                given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER))
                        .queryParam("asOf", at.toString()).queryParam("basis", basis.name().toLowerCase())
                        .get("/api/v1/balances").then().statusCode(200);
                http[i] = System.nanoTime() - t0;
            }
            long[] before = new long[10];
            for (int i = 0; i < before.length; i++) {
                Instant at = instant(from + (long) (random.nextDouble() * (to - from)));
                long t0 = System.nanoTime();
                BalanceSheet old = readWithoutIntervals(at, basis);
                before[i] = System.nanoTime() - t0;
                assertThat(old.lines()).isEqualTo(balances.asOf(at, basis).lines());
            }
            LOG.infof("as-of %s on %d entries, checkpoint every %d: direct %s; HTTP %s; the read before interval times %s;"
                    + " load average now %.2f", basis, entries, interval, percentiles(direct), percentiles(http),
                    percentiles(before), loadAverage());
        }
    }

    /**
     * With {@code -Dledger.bench.asof.quiet-load=L}, the timed reads wait (at most
     * {@code ledger.bench.asof.quiet-wait-minutes}, 60) until the machine's one-minute load average is
     * below L, so a load taken while other work runs is measured when it no longer does; the load
     * average is logged with each figure either way.
     */
    private static void awaitQuietMachine() {
        String quiet = System.getProperty("ledger.bench.asof.quiet-load");
        if (quiet == null || quiet.isBlank()) {
            LOG.infof("measuring at load average %.2f", loadAverage());
            return;
        }
        double below = Double.parseDouble(quiet);
        long waitMinutes = Long.getLong("ledger.bench.asof.quiet-wait-minutes", 60L);
        LOG.infof("waiting up to %d min for a load average below %.2f (now %.2f)", waitMinutes, below, loadAverage());
        Awaitility.await("a load average below " + below).atMost(Duration.ofMinutes(waitMinutes))
                .pollInterval(Duration.ofSeconds(10)).until(() -> loadAverage() < below);
        LOG.infof("measuring at load average %.2f", loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, SECOND_US), Math.floorMod(micros, SECOND_US) * 1000);
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms", sorted.length,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** The postings of every entry at or before {@code at}, summed by one scan of the whole table. */
    private BalanceSheet fullScan(Instant at, BalanceQueries.Basis basis) throws SQLException {
        String time = basis == BalanceQueries.Basis.BUSINESS ? "business_us" : "recorded_us";
        BalanceSheet sheet = new BalanceSheet();
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT account, currency,"
                     + " SUM(CASE WHEN side = 'D' THEN amount_minor ELSE 0 END),"
                     + " SUM(CASE WHEN side = 'C' THEN amount_minor ELSE 0 END)"
                     + " FROM ledger_posting WHERE " + time + " <= ? GROUP BY account, currency")) {
            ps.setLong(1, EntryHasher.micros(at));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sheet.add(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
        return sheet;
    }

    /**
     * The as-of read as it was before checkpoints named their intervals: the last checkpoint wholly
     * before the instant, then every later posting of the chain filtered by time. Kept here only to
     * measure the change against.
     */
    private BalanceSheet readWithoutIntervals(Instant instant, BalanceQueries.Basis basis) throws SQLException {
        String time = basis == BalanceQueries.Basis.BUSINESS ? "business_us" : "recorded_us";
        long at = EntryHasher.micros(instant);
        BalanceSheet sheet = new BalanceSheet();
        try (Connection c = databases.dataSource().getConnection()) {
            List<String> chains = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT chain_id FROM ledger_chain")) {
                while (rs.next()) {
                    chains.add(rs.getString(1));
                }
            }
            for (String chain : chains) {
                long checkpoint = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM ledger_checkpoint"
                        + " WHERE chain_id = ? AND max_" + time + " <= ?")) {
                    ps.setString(1, chain);
                    ps.setLong(2, at);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        checkpoint = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT account, currency, debit_minor, credit_minor"
                        + " FROM ledger_checkpoint_balance WHERE chain_id = ? AND seq = ?")) {
                    ps.setString(1, chain);
                    ps.setLong(2, checkpoint);
                    addAll(sheet, ps);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT account, currency,"
                        + " SUM(CASE WHEN side = 'D' THEN amount_minor ELSE 0 END),"
                        + " SUM(CASE WHEN side = 'C' THEN amount_minor ELSE 0 END) FROM ledger_posting"
                        + " WHERE chain_id = ? AND seq > ? AND " + time + " <= ? GROUP BY account, currency")) {
                    ps.setString(1, chain);
                    ps.setLong(2, checkpoint);
                    ps.setLong(3, at);
                    addAll(sheet, ps);
                }
            }
        }
        return sheet;
    }

    private static void addAll(BalanceSheet sheet, PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sheet.add(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /** One chain's running state while the journal is generated. */
    private static final class Chain {
        final String id;
        final TreeMap<String, long[]> sums = new TreeMap<>();
        long seq;
        long maxBusiness = Long.MIN_VALUE;
        long maxRecorded = Long.MIN_VALUE;
        long checkpointSeq;
        long minBusiness = Long.MAX_VALUE;
        long minRecorded = Long.MAX_VALUE;

        Chain(String id) {
            this.id = id;
        }
    }

    /** Streams rows into one table's COPY over a connection of its own. */
    private static final class Copy implements AutoCloseable {
        private final Connection connection;
        private final CopyIn in;
        private final StringBuilder rows = new StringBuilder(1 << 17);

        Copy(Databases databases, String table, String columns) throws SQLException {
            this.connection = databases.dataSource().getConnection();
            this.in = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        }

        void row(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    rows.append('\t');
                }
                rows.append(values[i]);
            }
            rows.append('\n');
            if (rows.length() >= 1 << 16) {
                flush();
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            rows.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
                in.endCopy();
            } finally {
                connection.close();
            }
        }
    }

    private void load(long entries, long interval) throws SQLException {
        Chain[] chains = new Chain[CHAINS];
        for (int i = 0; i < CHAINS; i++) {
            chains[i] = new Chain((i % 2 == 0 ? "tollgate.orders.v1/" : "tollgate.authorizations.v1/") + i / 2);
        }
        Random late = new Random(7);
        try (Copy entry = new Copy(databases, "ledger_entry", "entry_id, chain_id, seq, kind, order_id,"
                + " source_event_id, source_topic, source_partition, source_offset, business_us, recorded_us,"
                + " prev_hash, hash, principal");
             Copy posting = new Copy(databases, "ledger_posting", "entry_id, line, chain_id, seq, account, currency,"
                     + " side, amount_minor, business_us, recorded_us");
             Copy checkpoint = new Copy(databases, "ledger_checkpoint", "chain_id, seq, max_business_us,"
                     + " max_recorded_us, from_seq, min_business_us, min_recorded_us");
             Copy checkpointBalance = new Copy(databases, "ledger_checkpoint_balance", "chain_id, seq, account,"
                     + " currency, debit_minor, credit_minor")) {
            for (long i = 0; i < entries; i++) {
                Chain chain = chains[(int) (i % CHAINS)];
                long seq = ++chain.seq;
                long recorded = START_US + i * SECOND_US;
                long business = recorded - (long) (late.nextDouble() * (i % LATE_EVERY == 0 ? LATE_MAX_US : SKEW_MAX_US));
                String id = UUID.randomUUID().toString();
                String order = "order-" + (i / 3);
                boolean sale = seq % 2 == 1;
                String debit = sale ? "receivable:customer:c" + (i / CHAINS) % CUSTOMERS : "expense:revenue-share";
                String credit = sale ? "revenue:sales:h200" : "liability:revenue-share:us-treasury";
                long amount = 100 + i % 1000;
                String topic = chain.id.substring(0, chain.id.indexOf('/'));
                entry.row(id, chain.id, seq, sale ? "AUTHORIZATION" : "REVENUE_SHARE", order, "ev-" + i, topic,
                        chain.id.substring(chain.id.indexOf('/') + 1), seq - 1, business, recorded, HASH, HASH,
                        "bench");
                posting.row(id, 0, chain.id, seq, debit, "USD", "D", amount, business, recorded);
                posting.row(id, 1, chain.id, seq, credit, "USD", "C", amount, business, recorded);
                chain.sums.computeIfAbsent(debit, k -> new long[2])[0] += amount;
                chain.sums.computeIfAbsent(credit, k -> new long[2])[1] += amount;
                chain.maxBusiness = Math.max(chain.maxBusiness, business);
                chain.maxRecorded = Math.max(chain.maxRecorded, recorded);
                chain.minBusiness = Math.min(chain.minBusiness, business);
                chain.minRecorded = Math.min(chain.minRecorded, recorded);
                if (seq - chain.checkpointSeq >= interval) {
                    checkpoint.row(chain.id, seq, chain.maxBusiness, chain.maxRecorded, chain.checkpointSeq,
                            chain.minBusiness, chain.minRecorded);
                    for (Map.Entry<String, long[]> sum : chain.sums.entrySet()) {
                        checkpointBalance.row(chain.id, seq, sum.getKey(), "USD", sum.getValue()[0], sum.getValue()[1]);
                    }
                    chain.checkpointSeq = seq;
                    chain.minBusiness = Long.MAX_VALUE;
                    chain.minRecorded = Long.MAX_VALUE;
                }
            }
        }
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement head = c.prepareStatement("INSERT INTO ledger_chain (chain_id, last_seq, last_hash,"
                     + " max_business_us, max_recorded_us, checkpoint_seq, tail_min_business_us, tail_min_recorded_us)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement balance = c.prepareStatement("INSERT INTO ledger_balance (chain_id, account, currency,"
                     + " debit_minor, credit_minor) VALUES (?, ?, 'USD', ?, ?)")) {
            for (Chain chain : chains) {
                head.setString(1, chain.id);
                head.setLong(2, chain.seq);
                head.setString(3, HASH);
                head.setLong(4, chain.maxBusiness);
                head.setLong(5, chain.maxRecorded);
                head.setLong(6, chain.checkpointSeq);
                head.setLong(7, chain.minBusiness);
                head.setLong(8, chain.minRecorded);
                head.executeUpdate();
                for (Map.Entry<String, long[]> sum : chain.sums.entrySet()) {
                    balance.setString(1, chain.id);
                    balance.setString(2, sum.getKey());
                    balance.setLong(3, sum.getValue()[0]);
                    balance.setLong(4, sum.getValue()[1]);
                    balance.executeUpdate();
                }
            }
        }
    }
}
