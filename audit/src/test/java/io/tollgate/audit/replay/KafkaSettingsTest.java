package io.tollgate.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay consumer takes Kafka settings as the services do, and stays a read-only replay. */
class KafkaSettingsTest {

    @Test
    void kafkaEnvironmentVariablesBecomeConsumerSettingsAndOthersAreIgnored() {
        // when
        Properties props = KafkaSettings.consumer(null, null, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_HOME", "/opt/kafka",
                "PATH", "/usr/bin"));

        // then
        assertThat(props).containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKeys("home", "path");
    }

    @Test
    void theFileWinsOverTheEnvironmentAndTheOptionOverBoth(@TempDir Path dir) throws IOException {
        // given
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SSL\nbootstrap.servers=from-file:9093\n");

        // when
        Properties props = KafkaSettings.consumer("from-option:9093", file,
                Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_BOOTSTRAP_SERVERS", "env:9093"));

        // then
        assertThat(props).containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "from-option:9093");
    }

    @Test
    void noSettingMakesTheReplayJoinAGroupCommitOrReadUncommittedRecords(@TempDir Path dir)
            throws IOException {
        // given settings that would
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "group.id=auditors\nenable.auto.commit=true\n"
                + "isolation.level=read_uncommitted\n");

        // when
        Properties props = KafkaSettings.consumer(null, file, Map.of("KAFKA_GROUP_ID", "x"));

        // then
        assertThat(props).doesNotContainKey("group.id")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("bootstrap.servers", KafkaSettings.BOOTSTRAP_DEFAULT);
    }

    @Test
    void aTollgateKafkaLoginBecomesTheScramSettingsOfTheServices() {
        // given
        Map<String, String> env = Map.of("TOLLGATE_KAFKA_USERNAME", "tollgate-admin",
                "TOLLGATE_KAFKA_PASSWORD", "s3cret");

        // when
        Properties props = KafkaSettings.consumer(null, null, env);

        // then
        assertThat(props).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(props.getProperty("sasl.jaas.config"))
                .contains("username=\"tollgate-admin\"", "password=\"s3cret\"");
    }
}
