package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Topics;
import io.tollgate.deploy.local.ServiceSpec;
import io.tollgate.eventing.deadletter.DeadLetterStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: 1,000 poison records ({@code tollgate.faults.poison-records}) written into each
 * consumed topic with a plain producer while 8 clients keep ordering and paying (the kinds of
 * {@link PoisonRecords}: most signed with their source's key, so the checks behind the signature
 * refuse them; some unsigned or altered after signing, refused at the signature). Every consumer
 * group that reads a topic dead-letters each of its poison records exactly once, with a code and a
 * reason, in its table (the operator API) and on its {@code <group>.dlt} topic; the good orders
 * still complete and nothing good is dead-lettered.
 */
class PoisonRecordFaultIT extends FaultCase {

    private static final Logger LOG = Logger.getLogger(PoisonRecordFaultIT.class.getName());
    private static final int PER_TOPIC =
        Integer.getInteger("tollgate.faults.poison-records", 1_000);
    /** Bound for the consumers to dead-letter every poison record while the load goes on. */
    private static final Duration KEEP_UP = Duration.ofSeconds(300);
    /** The code of a record no trusted key signed (eventing's dead-letter store). */
    private static final String SIGNATURE_REJECTED = DeadLetterStore.UNTRUSTED_CODE;
    /** Which groups consume which topic (DESIGN.md's service table). */
    private static final Map<String, List<String>> CONSUMED = Map.of(
        ServiceSpec.ORDER.consumerGroup(), List.of(Topics.AUTHORIZATIONS.name()),
        ServiceSpec.REGULATOR.consumerGroup(), List.of(Topics.ORDERS.name()),
        ServiceSpec.LEDGER.consumerGroup(), List.of(Topics.ORDERS.name(), Topics.AUTHORIZATIONS.name()));


    @Override
    protected String stackName() {
        return "fault-poison";
    }

    @Test
    void poisonInEveryConsumedTopicIsDeadLetteredOnceEachWhileGoodOrdersComplete() throws Exception {
        // given 8 clients ordering and paying, so both topics carry good records
        startLoad("poison");
        awaitMoreOrders(16);

        // when PER_TOPIC poison records go into each topic, made from one of its good records
        long startNs = System.nanoTime();
        Map<String, List<PoisonRecords.Written>> byTopic = new HashMap<>();
        for (Topics.Topic topic : Topics.EVENT_TOPICS) {
            byTopic.put(topic.name(), PoisonRecords.inject(stack.bootstrapServers(),
                PoisonRecords.template(stack.bootstrapServers(), topic.name()), PER_TOPIC,
                stack::signAsItsSource));
        }
        double injectS = (System.nanoTime() - startNs) / 1e9;
        Set<String> injected = new HashSet<>();
        byTopic.values().forEach(list -> list.forEach(w -> injected.add(w.origin())));
        LOG.info(() -> String.format("%d poison records injected in %.1f s", injected.size(), injectS));

        // then every group dead-letters each of its poison records, while good orders go on
        awaitMoreOrders(16);
        Map<ServiceProcess, List<JsonNode>> letters = awaitDeadLetters(byTopic);
        double keptUpS = (System.nanoTime() - startNs) / 1e9;
        LOG.info(() -> String.format("every poison record dead-lettered %.1f s after injection began",
            keptUpS));
        awaitMoreOrders(16);
        load.stop();

        for (ServiceProcess service : stack.services()) {
            assertDeadLetteredOnceWithReasons(service, letters.get(service), byTopic);
            assertDeadLetterTopic(service, byTopic);
        }
        FaultVerdict.judge("poison " + PER_TOPIC + " per topic", stack, load, injected.size(),
            injected);
    }

    private int expectedFor(ServiceProcess service) {
        return CONSUMED.get(group(service)).size() * PER_TOPIC;
    }

    private static String group(ServiceProcess service) {
        return "tollgate." + service.name();
    }

    private Map<ServiceProcess, List<JsonNode>> awaitDeadLetters(Map<String, List<PoisonRecords.Written>> byTopic) {
        Map<ServiceProcess, List<JsonNode>> letters = new HashMap<>();
        for (ServiceProcess service : stack.services()) {
            DeadLetterApi api = new DeadLetterApi(stack.credentials(), service);
            await(service.name() + " dead-letters " + expectedFor(service) + " poison records")
                .atMost(KEEP_UP).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    letters.put(service, api.all(group(service)));
                    return letters.get(service).size() >= expectedFor(service);
                });
        }
        return letters;
    }

    /** Once each (one per origin, exactly the injected origins), each with a code and a reason. */
    private void assertDeadLetteredOnceWithReasons(ServiceProcess service, List<JsonNode> letters,
                                                   Map<String, List<PoisonRecords.Written>> byTopic) {
        Map<String, String> kindByOrigin = new HashMap<>();
        for (String topic : CONSUMED.get(group(service))) {
            byTopic.get(topic).forEach(w -> kindByOrigin.put(w.origin(), w.kind()));
        }
        Map<String, Integer> perOrigin = new HashMap<>();
        Map<String, Integer> codes = new TreeMap<>();
        List<String> withoutReason = new ArrayList<>();
        List<String> wrongCheck = new ArrayList<>();
        for (JsonNode letter : letters) {
            String origin = FaultVerdict.origin(letter);
            String kind = kindByOrigin.getOrDefault(origin, "not injected");
            String code = letter.path("code").asText();
            perOrigin.merge(origin, 1, Integer::sum);
            codes.merge(kind + " → " + code, 1, Integer::sum);
            if (code.isBlank() || letter.path("reason").asText().isBlank()) {
                withoutReason.add(letter.toString());
            }
            // Unsigned or altered records stop at the signature check; signed ones must get past
            // it, so the checks behind it are what refuse them.
            if (PoisonRecords.UNTRUSTED_KINDS.contains(kind) != SIGNATURE_REJECTED.equals(code)) {
                wrongCheck.add(kind + " → " + code + ": " + letter.path("reason").asText());
            }
        }
        LOG.info(() -> service.name() + " dead letters by poison kind → code: " + codes);
        assertThat(perOrigin.keySet()).as(service.name() + ": the dead letters' origins")
            .containsExactlyInAnyOrderElementsOf(kindByOrigin.keySet());
        assertThat(perOrigin.values()).as(service.name() + ": dead letters per origin").containsOnly(1);
        assertThat(withoutReason).as(service.name() + ": dead letters without code or reason").isEmpty();
        assertThat(wrongCheck).as(service.name() + ": poison refused by the wrong check").isEmpty();
    }

    /** The group's dead-letter topic holds each injected record once, with its reason header. */
    private void assertDeadLetterTopic(ServiceProcess service, Map<String, List<PoisonRecords.Written>> byTopic) {
        Set<String> want = new HashSet<>();
        for (String topic : CONSUMED.get(group(service))) {
            byTopic.get(topic).forEach(w -> want.add(w.origin()));
        }
        String dlt = Topics.deadLetterFor(group(service)).name();
        Map<String, Integer> origins = PoisonRecords.deadLetterOrigins(stack.bootstrapServers(), dlt,
            want.size(), Duration.ofSeconds(60));
        assertThat(origins.keySet()).as(dlt + ": origins (with reason headers)")
            .containsExactlyInAnyOrderElementsOf(want);
        assertThat(origins.values()).as(dlt + ": copies per origin").containsOnly(1);
    }
}
