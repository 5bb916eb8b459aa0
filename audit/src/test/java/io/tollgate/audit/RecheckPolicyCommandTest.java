package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.audit.fixture.HistoryTopics;
import io.tollgate.audit.fixture.PolicyFixture;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recheck-policy} as a user runs it, against a real broker: a history whose decisions the
 * shipped versions account for exits 0; one altered decision published after it makes the run exit
 * 1 and name the order; policy documents it cannot read are usage errors (exit 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecheckPolicyCommandTest {

    private static final String POLICIES = PolicyFixture.SHIPPED.toString();
    private KafkaBroker broker;

    @BeforeAll
    void startBroker() {
        broker = KafkaBroker.start();
        HistoryTopics.create(broker, 3);
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void decisionsTheVersionsAccountForAgreeAndAnAlteredOneIsNamed() {
        // given: a grant, a denial of a Blackwell order, a denial by the register
        publish(PolicyFixture.order("ok-1", "H200-NVL", 10, PolicyFixture.GOOD, PolicyFixture.AFTER),
                PolicyFixture.grant("ok-1", PolicyFixture.NEW, PolicyFixture.LICENSED, "policy", "0.25"),
                PolicyFixture.order("ok-2", "B200", 1, PolicyFixture.GOOD, PolicyFixture.AFTER),
                PolicyFixture.deny("ok-2", PolicyFixture.NEW, "above-h200-class", "PRODUCT_PROHIBITED",
                        "policy"),
                PolicyFixture.order("ok-3", "H200-NVL", 1, PolicyFixture.GOOD, PolicyFixture.AFTER),
                PolicyFixture.deny("ok-3", PolicyFixture.NEW, "designated-register",
                        "CUSTOMER_NOT_DESIGNATED", "policy"));

        // when
        AuditRun agreeing = recheck("--format", "json");

        // then
        assertThat(agreeing.exitCode()).as(agreeing.err()).isZero();
        JsonNode json = agreeing.json();
        assertThat(json.path("decisions").asLong()).isEqualTo(3);
        assertThat(json.path("agree").asLong()).isEqualTo(2);
        assertThat(json.path("trusted").asLong()).isEqualTo(1);
        assertThat(json.path("onTrust").path("register").asLong()).isEqualTo(1);

        // given: a Rubin order granted at a tenth
        publish(PolicyFixture.order("bad-1", "VR200", 4, PolicyFixture.GOOD, PolicyFixture.AFTER),
                PolicyFixture.grant("bad-1", PolicyFixture.NEW, PolicyFixture.LICENSED, "policy",
                        "0.10"));

        // when
        AuditRun differing = recheck();

        // then
        assertThat(differing.exitCode()).as(differing.err()).isEqualTo(AuditCli.EXIT_DIFFERENT);
        assertThat(differing.out()).contains("4 rechecked", "1 differ")
                .contains("DIFFERS: order bad-1 GRANTED under 2026-01-15.1")
                .contains("DIFFERENT: 1 recorded decisions differ");
    }

    @Test
    void policyDocumentsThatAreNoVersionsAreUsageErrors(@TempDir Path dir) throws IOException {
        // given
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path notJson = Files.createDirectories(dir.resolve("not-json"));
        Files.writeString(notJson.resolve("v.json"), "{ version", StandardCharsets.UTF_8);
        Path noRules = Files.createDirectories(dir.resolve("no-rules"));
        Files.writeString(noRules.resolve("v.json"), "{\"version\":\"x\",\"revenueShareRate\":\"0.25\"}",
                StandardCharsets.UTF_8);
        Path twice = Files.createDirectories(dir.resolve("twice"));
        Path shipped = PolicyFixture.SHIPPED.resolve("baseline.1.json");
        Files.copy(shipped, twice.resolve("a.json"));
        Files.copy(shipped, twice.resolve("b.json"));

        for (String[] c : List.of(new String[] {empty.toString(), "holds no policy version"},
                new String[] {notJson.toString(), "not JSON"},
                new String[] {noRules.toString(), "neither necessity nor usageScenario"},
                new String[] {twice.toString(), "version baseline.1 is given twice"})) {
            // when
            AuditRun run = AuditRun.of(Map.of(), "recheck-policy", "--policies", c[0],
                    "--bootstrap-servers", broker.bootstrapServers());

            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(AuditCli.EXIT_USAGE);
            assertThat(run.err()).contains("--policies").contains(c[1]);
            assertThat(run.out()).isEmpty();
        }
    }

    private AuditRun recheck(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("recheck-policy", "--policies", POLICIES,
                "--bootstrap-servers", broker.bootstrapServers(), "--quiet"));
        args.addAll(List.of(more));
        return AuditRun.of(Map.of(), args.toArray(String[]::new));
    }

    private void publish(WireEvent... events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (WireEvent event : events) {
                String topic = event.getClass().getSimpleName().startsWith("Authorization")
                        ? Topics.AUTHORIZATIONS.name() : Topics.ORDERS.name();
                String source = topic.equals(Topics.ORDERS.name()) ? "/tollgate/order-service"
                        : "/tollgate/regulator-service";
                RecordHeaders headers = new RecordHeaders();
                byte[] value = EnvelopeCodec.encode(topic, headers,
                        Envelope.of(UUID.randomUUID().toString(), source, event));
                producer.send(new ProducerRecord<>(topic, null, null, event.orderId(), value, headers))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing", e);
        }
    }
}
