package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dir;

    @Test
    void servicesGetTheEnvironmentEventingReadsWithTheirOwnDataFolder() {
        // given
        StackPaths paths = new StackPaths(dir, dir.resolve(".tollgate"));
        LocalStack stack = new LocalStack(paths, new PrintStream(new ByteArrayOutputStream()));

        // when
        Map<String, String> env = stack.serviceEnv(ServiceSpec.LEDGER, "127.0.0.1:9092", Database.h2());

        // then
        assertThat(env).containsEntry("TOLLGATE_DB", "h2")
            .containsEntry("TOLLGATE_DATA_DIR", dir.resolve(".tollgate/ledger-service").toString())
            .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
            .containsEntry("QUARKUS_HTTP_PORT", "8083");
    }

    @Test
    void topicsAreTheContractsTopicsPlusOneDeadLetterTopicPerService() {
        assertThat(TopicSpec.tollgateTopics()).extracting(TopicSpec::name).containsExactly(
            Topics.ORDERS.name(), Topics.AUTHORIZATIONS.name(), Topics.LEDGER_CHECKPOINTS.name(),
            "tollgate.order-service.dlt",
            "tollgate.regulator-service.dlt", "tollgate.ledger-service.dlt");
        assertThat(TopicSpec.tollgateTopics()).allSatisfy(topic -> {
            assertThat(topic.partitions()).isEqualTo(6);
            assertThat(topic.configs()).containsEntry("retention.ms", "-1");
        });
    }

    @Test
    void statusOfAStackThatNeverRanSaysStopped() {
        // given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalStack stack = new LocalStack(new StackPaths(dir, dir.resolve(".tollgate")),
            new PrintStream(out, true, StandardCharsets.UTF_8));

        // when
        int status = stack.status();

        // then
        assertThat(status).isEqualTo(LocalStack.STATUS_STOPPED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kafka", "stopped", "ledger-service");
    }
}
