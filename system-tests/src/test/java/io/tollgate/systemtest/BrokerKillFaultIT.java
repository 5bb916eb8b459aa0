package io.tollgate.systemtest;

import static org.awaitility.Awaitility.await;

import io.tollgate.contracts.Topics;
import io.tollgate.deploy.local.Database;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: the services on a cluster of three Kafka brokers and a separate controller (topics
 * with 3 replicas, min ISR 2); under load from 8 clients, the broker leading a partition of the
 * orders topic is SIGKILLed, the load goes on with two brokers, and the broker is started again
 * on its data until every replica is back in sync — {@code tollgate.faults.broker-kills} times
 * (default 3, a different partition's leader each time). Nothing a client was told may be lost or
 * doubled.
 */
class BrokerKillFaultIT extends FaultCase {

    private static final Logger LOG = Logger.getLogger(BrokerKillFaultIT.class.getName());
    private static final int BROKERS = 3;
    /** Orders accepted with the broker down: producers and consumers really went on without it. */
    private static final int ORDERS_WHILE_DOWN = 32;
    private static final int ORDERS_BETWEEN_KILLS = 16;
    private static final Duration IN_SYNC = Duration.ofSeconds(240);
    private static final Duration ADMIN_CALL = Duration.ofSeconds(30);


    @Override
    protected String stackName() {
        return "fault-broker";
    }

    @Override
    protected TollgateStack newStack() {
        return TollgateStack.start(stackName(), Database.h2(), BROKERS);
    }

    @Test
    void aBrokerKilledUnderLoadAndBroughtBackLosesAndDuplicatesNothing() throws Exception {
        int kills = Integer.getInteger("tollgate.faults.broker-kills", BROKERS);
        startLoad("broker");
        for (int kill = 1; kill <= kills; kill++) {
            awaitMoreOrders(ORDERS_BETWEEN_KILLS);
            int partition = (kill - 1) % TollgateStack.PARTITIONS;
            int victim = leaderOf(Topics.EVENT_TOPICS.get(0).name(), partition);
            int accepted = load.acceptedCount();
            long downNs = System.nanoTime();
            stack.kafka().kill(victim);
            int n = kill;
            LOG.info(() -> "broker kill " + n + ": broker " + victim + " (leader of "
                + Topics.EVENT_TOPICS.get(0).name() + "-" + partition + ") SIGKILLed at " + accepted
                + " accepted orders");
            awaitMoreOrders(ORDERS_WHILE_DOWN);
            int whileDown = load.acceptedCount() - accepted;
            stack.kafka().restart(victim);
            long upNs = System.nanoTime();
            awaitEveryReplicaInSync();
            LOG.info(() -> String.format("broker kill %d: %d orders accepted in the %.1f s broker"
                    + " %d was down; every replica in sync %.1f s after its restart", n, whileDown,
                (upNs - downNs) / 1e9, victim, (System.nanoTime() - upNs) / 1e9));
        }
        awaitMoreOrders(ORDERS_BETWEEN_KILLS);
        load.stop();
        FaultVerdict.judge("3-broker cluster, broker SIGKILLed x" + kills, stack, load, kills,
            Set.of());
    }

    private int leaderOf(String topic, int partition) throws Exception {
        TopicDescription description = kafkaAdmin().describeTopics(List.of(topic)).allTopicNames()
            .get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS).get(topic);
        return description.partitions().get(partition).leader().id();
    }

    /** Every partition of every event topic has all its replicas in sync again. */
    private void awaitEveryReplicaInSync() {
        List<String> topics = Topics.EVENT_TOPICS.stream().map(Topics.Topic::name).toList();
        await("every replica of the event topics in sync").atMost(IN_SYNC)
            .pollInterval(Duration.ofSeconds(1)).until(() -> {
                Map<String, TopicDescription> described = kafkaAdmin().describeTopics(topics)
                    .allTopicNames().get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS);
                return described.values().stream().flatMap(t -> t.partitions().stream())
                    .allMatch(p -> p.isr().size() == BROKERS);
            });
    }
}
