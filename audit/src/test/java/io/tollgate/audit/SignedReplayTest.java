package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.audit.fixture.FixtureHistory;
import io.tollgate.audit.fixture.HistoryTopics;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.TestSigning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay with {@code --trusted-keys} checks every record's signature as the services do: the
 * worked history signed by its producers gives the same figures, and records whose producer's key
 * is not trusted are skipped and counted as badly signed; without the option nothing is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedReplayTest {

    private KafkaBroker broker;
    @TempDir
    Path dir;

    @BeforeAll
    void publishTheSignedHistory() {
        broker = KafkaBroker.start();
        HistoryTopics.create(broker, 3);
        FixtureHistory.publish(broker.bootstrapServers(), (headers, value) -> TestSigning.signerFor(
                new String(headers.lastHeader("ce_source").value(), StandardCharsets.UTF_8)).sign(headers, value));
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void historySignedByTrustedProducersGivesTheSameFiguresAsAnUncheckedReplay() throws IOException {
        // given
        Path keys = trust(Provenance.ORDER_SERVICE, Provenance.REGULATOR_SERVICE);

        // when
        AuditRun checked = run("balances", "--format", "json", "--trusted-keys", keys.toString());
        AuditRun unchecked = run("balances", "--format", "json");

        // then
        assertThat(checked.exitCode()).as(checked.err()).isZero();
        JsonNode source = checked.json().path("source");
        assertThat(source.path("signaturesChecked").asBoolean()).isTrue();
        assertThat(source.path("badlySigned").asLong()).isZero();
        assertThat(checked.json().path("digest").asText()).isEqualTo(unchecked.json().path("digest").asText());
        assertThat(unchecked.json().path("source").path("signaturesChecked").asBoolean()).isFalse();
    }

    @Test
    void recordsOfAProducerWhoseKeyIsNotTrustedAreSkippedAndReported() throws IOException {
        // given only order-service's key is trusted
        Path keys = trust(Provenance.ORDER_SERVICE);
        long decisions = FixtureHistory.records().stream()
                .filter(r -> r.topic().equals(Topics.AUTHORIZATIONS.name())).count();

        // when
        AuditRun run = run("balances", "--trusted-keys", keys.toString());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(String.format("signatures: checked against --trusted-keys; %,d records"
                + " unsigned or badly signed, skipped", decisions));
        assertThat(run.out()).contains("skipped: " + Topics.AUTHORIZATIONS.name()).contains("signature ");
    }

    @Test
    void withoutTrustedKeysTheReportSaysSignaturesWereNotChecked() {
        // when
        AuditRun run = run("balances");

        // then
        assertThat(run.out()).contains("signatures: not checked (no --trusted-keys)");
    }

    private Path trust(String... sources) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String source : sources) {
            String service = source.substring("/tollgate/".length());
            lines.append(TestSigning.keyOf(service).trustedLine(source)).append('\n');
        }
        return Files.writeString(dir.resolve("trusted-" + sources.length), lines.toString());
    }

    private AuditRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(), "--quiet"));
        return AuditRun.of(all.toArray(String[]::new));
    }
}
