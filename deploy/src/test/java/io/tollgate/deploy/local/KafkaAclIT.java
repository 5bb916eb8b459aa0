package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.contracts.KafkaAccess;
import io.tollgate.contracts.KafkaLogin;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.kafka.KafkaClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's broker, started as {@code ./tollgate up} starts it (SCRAM logins, KRaft's
 * StandardAuthorizer, contracts' {@link KafkaAccess} as ACLs), tried with each service's login
 * through eventing's own {@link KafkaClients}: what a service needs works, anything else is refused,
 * and a client without a login gets nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAclIT {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private KafkaBroker broker;
    private ManagedProcess process;
    private KafkaCredentials credentials;

    @BeforeAll
    void startSecuredBroker() {
        credentials = KafkaCredentials.ensure(dataDir.resolve("credentials"));
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        while (controllerPort == port) {
            controllerPort = Ports.freePort();
        }
        broker = new KafkaBroker(new KafkaBroker.Settings(dataDir.resolve("kafka"), dataDir.resolve("logs"),
            dataDir.resolve("run"), Path.of("target/lib").toAbsolutePath(), "127.0.0.1", port, controllerPort,
            "256m"), new BrokerSecurity(credentials));
        broker.prepare();
        process = broker.start();
        broker.awaitReady(process, READY_TIMEOUT);
        broker.createTopics(TopicSpec.tollgateTopics());
    }

    @AfterAll
    void stopBroker() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void credentialsAndTheBrokerConfigWithTheOperatorPasswordAreOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("credentials"))))
            .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(broker.settings().serverProperties())))
            .isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.resolve("credentials")))
            .contains("kafka.order-service.username=order-service", "kafka.tollgate-admin.password=");
    }

    @Test
    void aClientWithoutALoginIsRefused() {
        // given a PLAINTEXT client on the SASL listener
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.settings().bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin anonymous = Admin.create(props)) {
            // when / then: the broker never answers it
            assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void theControllerListenerRefusesAClientWithoutALoginToo() throws Exception {
        // given a PLAINTEXT client talking straight to the controller (no anonymous super user)
        assertThat(Files.readString(broker.settings().serverProperties())).doesNotContain("ANONYMOUS");
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
            "127.0.0.1:" + broker.settings().controllerPort());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin anonymous = Admin.create(props)) {
            // when / then
            assertThatThrownBy(() -> anonymous.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        // given order-service's name with another password
        KafkaClients impostor = clients("order-service", "not-the-password");

        // when / then
        try (KafkaProducer<String, byte[]> producer = impostor.producer("impostor")) {
            assertThat(refusal(() -> send(producer, Topics.ORDERS.name())))
                .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void orderServiceCannotWriteTheRegulatorsDecisions() {
        // given order-service's own login
        try (KafkaProducer<String, byte[]> producer = clientsOf(KafkaAccess.ORDER_SERVICE).producer("forger")) {
            // when / then: a forged grant never reaches the authorizations topic
            assertThat(refusal(() -> send(producer, Topics.AUTHORIZATIONS.name())))
                .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void orderServiceCannotJoinTheLedgersGroupNorReadOrders() {
        // given order-service's login, asking for the ledger's group on a topic it may read
        KafkaClients order = clientsOf(KafkaAccess.ORDER_SERVICE);
        try (KafkaConsumer<String, byte[]> consumer = order.consumer(KafkaAccess.LEDGER_SERVICE.group(), 10)) {
            consumer.subscribe(List.of(Topics.AUTHORIZATIONS.name()));
            // when / then
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                .isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, byte[]> replay = order.replayConsumer("snoop", 10)) {
            replay.assign(List.of(new TopicPartition(Topics.ORDERS.name(), 0)));
            assertThatThrownBy(() -> replay.poll(Duration.ofSeconds(5)))
                .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void ledgerCannotWriteAnyEventTopic() {
        try (KafkaProducer<String, byte[]> producer = clientsOf(KafkaAccess.LEDGER_SERVICE).producer("forger")) {
            for (Topics.Topic topic : Topics.EVENT_TOPICS) {
                assertThat(refusal(() -> send(producer, topic.name())))
                    .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void eachServiceCanDoWhatItNeeds() throws Exception {
        for (KafkaAccess.ServiceAccess service : KafkaAccess.SERVICES) {
            // given the service's login, through eventing's client factory as the service uses it
            KafkaClients clients = clientsOf(service);

            // when / then: it publishes its events (idempotent producer, acks=all)...
            try (KafkaProducer<String, byte[]> producer = clients.producer("outbox")) {
                for (Topics.Topic topic : service.produces()) {
                    send(producer, topic.name());
                }
                // ...dead-letters to its own topic...
                send(producer, service.deadLetterTopic().name());
            }
            // ...finds its dead-letter topic present (eventing creates it at start)...
            try (Admin admin = clients.admin()) {
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic(service.deadLetterTopic().name(),
                        Optional.empty(), Optional.empty()))).all().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicExistsException.class);
            }
            // ...consumes what it reads in its own group and commits offsets...
            try (KafkaConsumer<String, byte[]> consumer = clients.consumer(service.group(), 100)) {
                consumer.subscribe(service.consumes().stream().map(Topics.Topic::name).toList());
                await().atMost(WAIT).until(() -> {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                    return !consumer.assignment().isEmpty() && records != null;
                });
                consumer.assignment().forEach(consumer::position);
                consumer.commitSync();
            }
            // ...and reads its group's committed offsets (the ledger's rebuild does).
            try (Admin admin = clients.admin()) {
                assertThat(admin.listConsumerGroupOffsets(service.group()).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)).isNotEmpty();
            }
        }
    }

    @Test
    void theAuditorReadsEveryContractTopicByAssignmentAndWritesNothing() throws Exception {
        // given the auditor's read-only login, and an anchor the ledger published
        try (KafkaProducer<String, byte[]> ledger = clientsOf(KafkaAccess.LEDGER_SERVICE).producer("anchors")) {
            send(ledger, Topics.LEDGER_CHECKPOINTS.name());
        }
        KafkaClients auditor = clients(KafkaAccess.AUDITOR.user(),
            credentials.login(KafkaAccess.AUDITOR.user()).password());

        // when / then: it reads every topic of the contract from the beginning...
        try (KafkaConsumer<String, byte[]> replay = auditor.replayConsumer("audit", 100)) {
            List<TopicPartition> partitions = new java.util.ArrayList<>();
            for (Topics.Topic topic : Topics.CONTRACT_TOPICS) {
                replay.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            replay.assign(partitions);
            replay.seekToBeginning(partitions);
            await().atMost(WAIT).until(() -> !replay.poll(Duration.ofMillis(200)).isEmpty());
        }
        // ...but can write none of them (an idempotent producer without any write grant is refused
        // its producer id already: a cluster authorization failure, which the send reports directly
        // or, once the producer has moved to its error state, as that state's cause)
        for (Topics.Topic topic : Topics.CONTRACT_TOPICS) {
            try (KafkaProducer<String, byte[]> producer = auditor.producer("forger")) {
                Throwable refused = refusal(() -> send(producer, topic.name()));
                assertThat(authorizationFailureIn(refused)).as(topic.name() + ": refused for authorization, not "
                    + refused).isTrue();
            }
        }
    }

    private KafkaClients clientsOf(KafkaAccess.ServiceAccess service) {
        KafkaLogin login = credentials.login(service.service());
        return clients(service.service(), login.password());
    }

    private KafkaClients clients(String user, String password) {
        Map<String, Object> base = new HashMap<>();
        base.put("bootstrap.servers", broker.settings().bootstrapServers());
        base.put("max.block.ms", 10_000);
        return new KafkaClients(base, user, user + "-it-" + UUID.randomUUID(), Optional.of(user),
            Optional.of(password), KafkaLogin.MECHANISM_DEFAULT, KafkaLogin.PROTOCOL_DEFAULT);
    }

    private static boolean authorizationFailureIn(Throwable refused) {
        for (Throwable t = refused; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    /** The broker's refusal, unwrapped from the future that carried it. */
    private static Throwable refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).as("refused").isNotNull();
        return thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic) throws Exception {
        producer.send(new ProducerRecord<>(topic, "order-" + UUID.randomUUID(), new byte[] {1}))
            .get(20, TimeUnit.SECONDS);
    }
}
