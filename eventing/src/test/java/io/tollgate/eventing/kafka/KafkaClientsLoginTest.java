package io.tollgate.eventing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.KafkaLogin;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaClientsLoginTest {

    @Test
    void noUsernameMeansNoLoginSoThePlaintextTestBrokerStillWorks() {
        assertThat(KafkaClients.login(Optional.empty(), Optional.empty(), "SCRAM-SHA-512", "SASL_PLAINTEXT"))
                .isEmpty();
        assertThat(KafkaClients.login(Optional.of(" "), Optional.empty(), "SCRAM-SHA-512", "SASL_PLAINTEXT"))
                .isEmpty();
    }

    @Test
    void aUsernameWithoutAPasswordIsRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> KafkaClients.login(Optional.of("order-service"), Optional.empty(),
                "SCRAM-SHA-512", "SASL_PLAINTEXT"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tollgate.kafka.password");
    }

    @Test
    void aConfiguredLoginBecomesTheScramClientSettings() {
        // when
        Optional<KafkaLogin> login = KafkaClients.login(Optional.of("order-service"), Optional.of("pw"),
                "SCRAM-SHA-256", "SASL_SSL");

        // then
        assertThat(login).hasValueSatisfying(l -> assertThat(l.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256"));
    }

    @Test
    void anUnsupportedMechanismIsRefused() {
        assertThatThrownBy(() -> KafkaClients.login(Optional.of("u"), Optional.of("p"), "PLAIN", "SASL_PLAINTEXT"))
                .hasMessageContaining("SCRAM-SHA-512");
    }
}
