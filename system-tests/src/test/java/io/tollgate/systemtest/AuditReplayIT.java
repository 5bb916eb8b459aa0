package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.audit.fixture.FixtureHistory;
import io.tollgate.audit.fixture.FixtureHistory.Expected;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.deploy.local.ServiceSpec;
import io.tollgate.deploy.local.StackPaths;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worked history of docs/ledger-rules.md §11 replayed by both implementations of the rules
 * against one broker: ledger-service (consuming it, then rebuilding from the topics) and the
 * auditor's tool (its packaged jar, as a process). Both must give the figures worked there by
 * hand, and {@code compare} must find them equal — until a row of the ledger's database is
 * altered, when it must name the account and the entry. The ledger anchors its chains every
 * second: {@code verify-anchors} finds them matching, then names a chain the alterations changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditReplayIT {

    /** E1 of §11: A's authorization. */
    private static final String AUTHORIZATION_A = "f3ffd1cf-ec6c-3597-b201-29db134102d5";
    private static final String LIABILITY = "liability:revenue-share:us-treasury";

    private TollgateStack stack;
    private Http auditor;
    private AuditTool tool;

    @BeforeAll
    void startLedgerAndPublishTheWorkedHistory() throws IOException {
        stack = TollgateStack.startLedgerOnly("audit-replay", Map.of("TOLLGATE_LEDGER_ANCHOR_INTERVAL", "PT1S"));
        auditor = new Http(stack.credentials(), Roles.AUDITOR, stack.ledger().baseUrl());
        // Signed as order-service and regulator-service would have: the ledger verifies every record.
        FixtureHistory.publish(stack.bootstrapServers(), stack::signAsItsSource);
        awaitLedgerConsumedEverything();
        // A rebuild replays the topics from the beginning and lets every due wait time out.
        LedgerApi ledger = new LedgerApi(stack);
        String job = ledger.startRebuild().expect(202).location().orElseThrow();
        await("the rebuild job ends").atMost(Waits.STEP).pollInterval(Waits.POLL).until(() ->
            !ledger.rebuildJob(job).path("state").asText().matches("RUNNING|CANCELLING"));
        assertThat(ledger.rebuildJob(job).path("state").asText()).isEqualTo("SUCCEEDED");
        tool = new AuditTool(toolEnvironment(), stack.home().resolve("audit"));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theLedgerGivesTheFiguresWorkedByHandAtEveryBusinessInstant() {
        for (Expected expected : FixtureHistory.expected()) {
            if (!"business".equals(expected.basis())) {
                continue; // the ledger's recording times are its own clock's, not the record times
            }
            // when
            JsonNode balances = auditor.get("/api/v1/balances" + (expected.at() == null ? ""
                : "?asOf=" + expected.at() + "&basis=business")).expect(200).json();

            // then
            assertThat(FixtureHistory.rowsOf(balances)).as(expected.name())
                .containsExactlyElementsOf(expected.rows());
            assertThat(balances.path("digest").asText()).as(expected.name())
                .isEqualTo(expected.digest());
        }
    }

    @Test
    @Order(2)
    void theToolGivesTheSameFiguresFromTheTopics() {
        for (Expected expected : FixtureHistory.expected()) {
            // when
            List<String> args = new ArrayList<>(
                List.of("balances", "--format", "json", "--basis", expected.basis()));
            if (expected.at() != null) {
                args.addAll(List.of("--as-of", expected.at().toString()));
            }
            AuditTool.Run run = tool.run(args.toArray(String[]::new));

            // then
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(FixtureHistory.rowsOf(run.json())).as(expected.name())
                .containsExactlyElementsOf(expected.rows());
            assertThat(run.json().path("digest").asText()).as(expected.name())
                .isEqualTo(expected.digest());
        }
    }

    @Test
    @Order(3)
    void compareFindsTheLedgerAndTheReplayEqualNowAndAtEveryBusinessInstant() {
        for (Expected expected : FixtureHistory.expected()) {
            if (!"business".equals(expected.basis())) {
                continue;
            }
            // when
            AuditTool.Run run = expected.at() == null ? tool.run("compare")
                : tool.run("compare", "--as-of", expected.at().toString());

            // then
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("EQUAL").contains("ledger digest: " + expected.digest())
                .contains("replay digest: " + expected.digest());
        }
    }

    @Test
    @Order(4)
    void verifyAnchorsFindsEveryAnchorOfTheRebuiltGenerationMatching() {
        // when: the first anchoring run after the rebuild has anchored the new generation
        String trusted = stack.trustedKeysFile().toString();
        await("verify-anchors matches").atMost(Waits.STEP).pollInterval(Waits.POLL).until(() ->
            tool.run("verify-anchors", "--trusted-keys", trusted).exitCode() == 0);
        AuditTool.Run run = tool.run("verify-anchors", "--trusted-keys", trusted);

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("anchors: [1-9][0-9,]* anchors of generation 2 match")
            .contains("MATCHES");
    }

    @Test
    @Order(5)
    void compareNamesTheAccountAndTheEntryOfAnAlteredLedgerRow() throws SQLException {
        // given: a cent added to the stored liability posting of A's authorization, and to the
        // running balance of that account (an editor who keeps the ledger's totals consistent)
        alterLedger(c -> {
            update(c, "UPDATE ledger_balance SET credit_minor = credit_minor + 1"
                + " WHERE account = ? AND currency = 'USD' AND chain_id ="
                + " (SELECT chain_id FROM ledger_entry WHERE entry_id = ?)", LIABILITY,
                AUTHORIZATION_A);
            update(c, "UPDATE ledger_posting SET amount_minor = amount_minor + 1"
                + " WHERE entry_id = ? AND account = ?", AUTHORIZATION_A, LIABILITY);
        });

        // when
        AuditTool.Run run = tool.run("compare", "--format", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode first = run.json().path("firstDifference");
        assertThat(first.path("account").asText()).isEqualTo(LIABILITY);
        assertThat(first.path("ledgerBalance").asText()).isEqualTo("-7000.01");
        assertThat(first.path("replayBalance").asText()).isEqualTo("-7000.00");
        assertThat(first.path("entry").path("entryId").asText()).isEqualTo(AUTHORIZATION_A);
        assertThat(first.path("entry").path("orderId").asText()).isEqualTo("A");
        assertThat(first.path("entry").path("ledger").asText()).isEqualTo("credit 7875.01");
        assertThat(first.path("entry").path("replay").asText()).isEqualTo("credit 7875.00");
    }

    @Test
    @Order(6)
    void compareFindsAPostingAlteredBehindTheLedgersRunningBalances() throws SQLException {
        // given: the cash posting of A's first payment changed, its running balance left alone
        String paymentA = UUID.nameUUIDFromBytes(("payment|" + FixtureHistory.eventId(10))
            .getBytes(StandardCharsets.UTF_8)).toString();
        alterLedger(c -> update(c, "UPDATE ledger_posting SET amount_minor = amount_minor + 100"
            + " WHERE entry_id = ? AND account = 'cash:operating'", paymentA));

        // when
        AuditTool.Run run = tool.run("compare", "--format", "json");

        // then: the ledger's listed balances do not give its own digest; its export names the rest
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode json = run.json();
        assertThat(json.path("notes").toString())
            .contains("running balances or checkpoints disagree");
        JsonNode first = json.path("firstDifference");
        assertThat(first.path("account").asText()).isEqualTo("cash:operating");
        assertThat(first.path("entry").path("entryId").asText()).isEqualTo(paymentA);
        assertThat(first.path("entry").path("ledger").asText()).isEqualTo("credit 5001.00");
        assertThat(first.path("entry").path("replay").asText()).isEqualTo("credit 5000.00");
    }

    @Test
    @Order(7)
    void verifyAnchorsNamesAChainTheAlterationsChanged() {
        // given the chains of the two entries altered above
        String liabilityChain = chainOf(AUTHORIZATION_A);
        String paymentChain = chainOf(UUID.nameUUIDFromBytes(("payment|" + FixtureHistory.eventId(10))
            .getBytes(StandardCharsets.UTF_8)).toString());

        // when
        AuditTool.Run run = tool.run("verify-anchors", "--trusted-keys", stack.trustedKeysFile().toString());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("DIFFERENT: chain (" + java.util.regex.Pattern.quote(liabilityChain)
            + "|" + java.util.regex.Pattern.quote(paymentChain) + ") seq [0-9]+: the ledger's balance digest");
    }

    // --- steps ------------------------------------------------------------------------------

    /** The chain of one entry, from the ledger's export. */
    private String chainOf(String entryId) {
        for (JsonNode e : auditor.get("/api/v1/audit/export?limit=500").expect(200).json().path("entries")) {
            if (entryId.equals(e.path("entryId").asText())) {
                return e.path("chain").asText();
            }
        }
        throw new AssertionError("no entry " + entryId + " in the ledger's export");
    }

    /** Writes to the ledger's H2 file while the ledger is stopped, then starts it again on it. */
    private void alterLedger(SqlChange change) throws SQLException {
        stack.ledger().stop();
        Path database = stack.ledger().dataDir().resolve(ServiceSpec.LEDGER.databaseName());
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "")) {
            change.apply(c);
        } finally {
            stack.restart(stack.ledger());
        }
    }

    @FunctionalInterface
    private interface SqlChange {
        void apply(Connection c) throws SQLException;
    }

    private static void update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    /** Until the ledger's consumer group committed the end of every partition of both topics. */
    private void awaitLedgerConsumedEverything() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Topics.Topic topic : Topics.EVENT_TOPICS) {
                for (int p = 0; p < TollgateStack.PARTITIONS; p++) {
                    latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
            String group = ServiceSpec.LEDGER.consumerGroup();
            await("the ledger consumed the worked history").atMost(Waits.STEP)
                .pollInterval(Waits.POLL).until(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                    return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
                });
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the topics' end offsets: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The broker, the ledger and the stack's auditor user, as ./tollgate audit passes them. */
    private Map<String, String> toolEnvironment() throws IOException {
        Properties credentials = new Properties();
        Path file = new StackPaths(BuildOutputs.repoRoot(), stack.home()).credentialsFile();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            credentials.load(reader);
        }
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
            "TOLLGATE_LEDGER_URL", stack.ledger().baseUrl(),
            "TOLLGATE_AUDIT_USER", credentials.getProperty(Roles.AUDITOR + ".username"),
            "TOLLGATE_AUDIT_PASSWORD", credentials.getProperty(Roles.AUDITOR + ".password"));
    }
}
