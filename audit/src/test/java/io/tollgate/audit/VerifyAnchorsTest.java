package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.contracts.AnchorCodec;
import io.tollgate.contracts.LedgerCheckpointAnchoredV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.signing.EventSigner;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.TestSigning;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-anchors} on a real broker holding anchors signed with the ledger's key, against
 * the ledger's anchor API answered from a table in this JVM (the ledger's own component test holds
 * the real ledger to its anchors; here the tool's reading, signature checks and comparison are
 * under test). A forged anchor is published last: it stays on the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyAnchorsTest {

    private static final String CHAIN_A = "tollgate.orders.v1/0";
    private static final String CHAIN_B = "tollgate.authorizations.v1/1";
    private static final TestSigning.Key LEDGER_KEY = TestSigning.fresh("ledger-service");

    private KafkaBroker broker;
    private HttpServer ledger;
    /** What the ledger's API answers: "chain seq" → {entry hash, balance digest}. */
    private final Map<String, String[]> points = new ConcurrentHashMap<>();
    private final List<LedgerCheckpointAnchoredV1> anchors = new ArrayList<>();
    private volatile String verdict = "{\"ok\":true}";
    private volatile int generation = 1;
    @TempDir
    Path dir;
    private Path trusted;

    @BeforeAll
    void startBrokerAndLedgerApi() throws IOException {
        broker = KafkaBroker.start();
        broker.createTopics(2, (short) 1, Topics.LEDGER_CHECKPOINTS.name());
        anchors.add(anchor(CHAIN_A, 2, "a2"));
        anchors.add(anchor(CHAIN_A, 5, "a5"));
        anchors.add(anchor(CHAIN_B, 3, "b3"));
        anchors.forEach(a -> publish(a, LEDGER_KEY.signer()));
        ledger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ledger.createContext("/api/v1/audit/chains", x -> answer(x, 200, "{\"generation\":" + generation
                + ",\"chains\":["
                + "{\"chainId\":\"" + CHAIN_B + "\",\"seq\":4,\"entryHash\":\"" + hash("b4") + "\"},"
                + "{\"chainId\":\"" + CHAIN_A + "\",\"seq\":5,\"entryHash\":\"" + hash("a5") + "\"}]}"));
        ledger.createContext("/api/v1/audit/chain-points", this::point);
        ledger.createContext("/api/v1/audit/verify", x -> answer(x, 200, verdict));
        ledger.start();
    }

    @AfterAll
    void stop() {
        if (ledger != null) {
            ledger.stop(0);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void ledgerAsAnchored() throws IOException {
        points.clear();
        anchors.forEach(a -> points.put(a.chainId() + " " + a.seq(), new String[] {a.entryHash(), a.balanceDigest()}));
        verdict = "{\"ok\":true}";
        generation = 1;
        trusted = dir.resolve("trusted-keys");
        Files.writeString(trusted, LEDGER_KEY.trustedLine(Provenance.LEDGER_SERVICE) + "\n");
    }

    @Test
    @Order(1)
    void everyAnchorMatchingTheLedgerExitsZero() {
        // when
        AuditRun run = verifyAnchors("--trusted-keys", trusted.toString());

        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("3 signed anchors read").contains("MATCHES");
    }

    @Test
    @Order(2)
    void aRewrittenChainExitsOneNamingTheChainAndSeq() {
        // given the ledger now has another hash at an anchored seq of chain B
        points.put(CHAIN_B + " 3", new String[] {hash("rewritten"), digest("b3")});

        // when
        AuditRun run = verifyAnchors("--trusted-keys", trusted.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("DIFFERENT: chain " + CHAIN_B + " seq 3").contains("entry hash");
    }

    @Test
    @Order(3)
    void aDeletedAnchoredEntryOrAnotherBalanceDigestExitsOne() {
        // given
        points.remove(CHAIN_A + " 5");

        // when
        AuditRun deleted = verifyAnchors("--trusted-keys", trusted.toString());
        points.put(CHAIN_A + " 5", new String[] {hash("a5"), digest("changed")});
        AuditRun digest = verifyAnchors("--trusted-keys", trusted.toString());

        // then
        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.out()).contains("chain " + CHAIN_A + " seq 5: anchored, but the ledger has no entry");
        assertThat(digest.exitCode()).isEqualTo(1);
        assertThat(digest.out()).contains("chain " + CHAIN_A + " seq 5").contains("balance digest");
    }

    @Test
    @Order(4)
    void theLedgersOwnVerdictFailingExitsOne() {
        // given every stored hash still matches, but the ledger's recomputation finds an edited entry
        verdict = "{\"ok\":false,\"problem\":{\"kind\":\"ENTRY_HASH\",\"chainId\":\"" + CHAIN_A
                + "\",\"seq\":1,\"reason\":\"stored hash does not match the entry's contents\"}}";

        // when
        AuditRun run = verifyAnchors("--trusted-keys", trusted.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("chain " + CHAIN_A + " seq 1").contains("ENTRY_HASH");
    }

    @Test
    @Order(4)
    void aLedgerAtAnotherGenerationThanTheAnchoredOnesExitsOne() {
        // given a ledger rebuilt since (no anchor of generation 2 yet), then one set back to 0
        generation = 2;
        AuditRun newer = verifyAnchors("--trusted-keys", trusted.toString());
        generation = 0;
        AuditRun older = verifyAnchors("--trusted-keys", trusted.toString());

        // then
        assertThat(newer.exitCode()).isEqualTo(1);
        assertThat(newer.out()).contains("generation 2 has no anchor yet");
        assertThat(older.exitCode()).isEqualTo(1);
        assertThat(older.out()).contains("generation 1 was anchored: its journal was set back");
    }

    @Test
    @Order(5)
    void badArgumentsExitTwoWithAClearMessage() throws IOException {
        // given
        Path garbage = Files.writeString(dir.resolve("garbage"), "not a key line\n");

        // when
        AuditRun missing = verifyAnchors();
        AuditRun unreadable = verifyAnchors("--trusted-keys", dir.resolve("absent").toString());
        AuditRun broken = verifyAnchors("--trusted-keys", garbage.toString());
        AuditRun timeout = verifyAnchors("--trusted-keys", trusted.toString(), "--read-timeout", "0");

        // then
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--trusted-keys FILE is required");
        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.err()).contains("must be a readable file");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("<key id> <ce_source> <Base64 X.509>");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("--read-timeout must be 1..86400");
    }

    @Test
    @Order(6)
    void anAnchorSignedByAnUntrustedKeyExitsOneNamingTheRecord() {
        // given a forger's anchor that agrees with a rewritten ledger
        publish(anchor(CHAIN_B, 4, "b4"), TestSigning.fresh("forger").signer());

        // when
        AuditRun run = verifyAnchors("--trusted-keys", trusted.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("is no validly signed anchor").contains("no trusted key");
    }

    private AuditRun verifyAnchors(String... args) {
        List<String> all = new ArrayList<>(List.of("verify-anchors"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--ledger-url", "http://127.0.0.1:" + ledger.getAddress().getPort()));
        return AuditRun.of(all.toArray(String[]::new));
    }

    private void point(HttpExchange x) throws IOException {
        Map<String, String> q = new java.util.HashMap<>();
        for (String pair : x.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String[] p = points.get(q.get("chain") + " " + q.get("seq"));
        if (p == null) {
            answer(x, 404, "{\"title\":\"entry does not exist\"}");
        } else {
            answer(x, 200, "{\"generation\":1,\"chainId\":\"" + q.get("chain") + "\",\"seq\":" + q.get("seq")
                    + ",\"entryHash\":\"" + p[0] + "\",\"balanceDigest\":\"" + p[1] + "\"}");
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private void publish(LedgerCheckpointAnchoredV1 anchor, EventSigner signer) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            RecordHeaders headers = new RecordHeaders();
            byte[] value = AnchorCodec.encode(headers, UUID.randomUUID().toString(), anchor);
            signer.sign(headers, value);
            producer.send(new ProducerRecord<>(Topics.LEDGER_CHECKPOINTS.name(), null, anchor.chainId(), value,
                    headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish an anchor", e);
        }
    }

    private static LedgerCheckpointAnchoredV1 anchor(String chain, long seq, String seed) {
        return new LedgerCheckpointAnchoredV1(chain, 1, seq, hash(seed), digest(seed),
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    private static String hash(String seed) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String seed) {
        return "sha256:" + hash("digest " + seed);
    }
}
