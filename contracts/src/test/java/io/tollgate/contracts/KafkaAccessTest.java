package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.KafkaAccess.Grant;
import io.tollgate.contracts.KafkaAccess.Operation;
import io.tollgate.contracts.KafkaAccess.ResourceType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

    @Test
    void eachServiceWritesExactlyTheTopicsProvenanceNamesItsSourceFor() {
        // given the contract's sources
        // when / then
        assertThat(KafkaAccess.ORDER_SERVICE.source()).isEqualTo(Provenance.ORDER_SERVICE);
        assertThat(KafkaAccess.REGULATOR_SERVICE.source()).isEqualTo(Provenance.REGULATOR_SERVICE);
        assertThat(KafkaAccess.ORDER_SERVICE.produces()).containsExactly(Topics.ORDERS);
        assertThat(KafkaAccess.REGULATOR_SERVICE.produces()).containsExactly(Topics.AUTHORIZATIONS);
        assertThat(KafkaAccess.LEDGER_SERVICE.source()).isEqualTo(Provenance.LEDGER_SERVICE);
        assertThat(KafkaAccess.LEDGER_SERVICE.produces()).containsExactly(Topics.LEDGER_CHECKPOINTS);
    }

    @Test
    void orderServiceMayWriteOrdersReadDecisionsAndUseOnlyItsOwnGroupAndDeadLetters() {
        // given
        KafkaAccess.ServiceAccess order = KafkaAccess.ORDER_SERVICE;

        // when
        var grants = order.grants();

        // then
        assertThat(grants).containsExactly(
                new Grant(ResourceType.TOPIC, "tollgate.orders.v1", Set.of(Operation.WRITE, Operation.DESCRIBE)),
                new Grant(ResourceType.TOPIC, "tollgate.authorizations.v1",
                        Set.of(Operation.READ, Operation.DESCRIBE)),
                new Grant(ResourceType.TOPIC, "tollgate.order-service.dlt",
                        Set.of(Operation.CREATE, Operation.WRITE, Operation.READ, Operation.DESCRIBE)),
                new Grant(ResourceType.GROUP, "tollgate.order-service", Set.of(Operation.READ, Operation.DESCRIBE)));
    }

    @Test
    void noServiceIsGrantedWriteOnATopicAnotherServicePublishes() {
        for (KafkaAccess.ServiceAccess service : KafkaAccess.SERVICES) {
            for (Grant grant : service.grants()) {
                boolean eventTopic = Topics.EVENT_TOPICS.stream().anyMatch(t -> t.name().equals(grant.name()));
                if (eventTopic && grant.operations().contains(Operation.WRITE)) {
                    assertThat(service.produces()).extracting(Topics.Topic::name).contains(grant.name());
                }
            }
        }
    }

    @Test
    void ledgerReadsEveryEventTopicAndWritesOnlyItsAnchorsAndDeadLetters() {
        assertThat(KafkaAccess.LEDGER_SERVICE.grants())
                .filteredOn(g -> g.operations().contains(Operation.WRITE))
                .extracting(Grant::name)
                .containsExactly("tollgate.ledger-checkpoints.v1", "tollgate.ledger-service.dlt");
        assertThat(KafkaAccess.LEDGER_SERVICE.grants()).contains(new Grant(ResourceType.TOPIC,
                "tollgate.ledger-checkpoints.v1", Set.of(Operation.WRITE, Operation.READ, Operation.DESCRIBE)));
        assertThat(KafkaAccess.LEDGER_SERVICE.consumes()).isEqualTo(Topics.EVENT_TOPICS);
    }

    @Test
    void theAuditorReadsEveryContractTopicAndNothingElse() {
        assertThat(KafkaAccess.AUDITOR.principal()).isEqualTo("User:tollgate-auditor");
        assertThat(KafkaAccess.AUDITOR.grants()).containsExactly(
                new Grant(ResourceType.TOPIC, "tollgate.orders.v1", Set.of(Operation.READ, Operation.DESCRIBE)),
                new Grant(ResourceType.TOPIC, "tollgate.authorizations.v1", Set.of(Operation.READ, Operation.DESCRIBE)),
                new Grant(ResourceType.TOPIC, "tollgate.ledger-checkpoints.v1",
                        Set.of(Operation.READ, Operation.DESCRIBE)));
        assertThat(KafkaAccess.principals()).hasSize(KafkaAccess.SERVICES.size() + 1)
                .contains(KafkaAccess.AUDITOR);
    }

    @Test
    void anUnknownServiceHasNoPrincipal() {
        assertThatThrownBy(() -> KafkaAccess.of("audit-service"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audit-service");
    }

    @Test
    void loginPropertiesQuoteThePasswordAndNeverPrintIt() {
        // given a password with a quote and a backslash
        KafkaLogin login = KafkaLogin.scram("order-service", "a\"b\\c");

        // when
        var props = login.clientProperties();

        // then
        assertThat(props).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(props.get("sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"order-service\" password=\"a\\\"b\\\\c\";");
        assertThat(login.toString()).doesNotContain("a\"b");
        assertThatThrownBy(() -> new KafkaLogin("u", "p", "PLAIN", "SASL_PLAINTEXT"))
                .hasMessageContaining("SCRAM-SHA-512");
    }
}
