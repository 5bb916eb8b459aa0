package io.tollgate.ledger.testing;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.WireEvent;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated order histories (including broken ones: unknown orders, denied or cancelled orders that
 * are paid, wrong currencies), laid out into Kafka partition logs with redelivered duplicates, and
 * consumed in a random interleaving that keeps each partition's order, as a consumer sees it.
 */
public final class Histories {

    public static final int PARTITIONS = 3;
    private static final String[] CURRENCIES = {"USD", "USD", "EUR", "JPY"};

    private Histories() {
    }

    /** What happens to one order. */
    public enum Decision { GRANT, DENY, NONE }

    public enum Cancel { NONE, WHILE_REQUESTED, WHILE_AUTHORIZED }

    /** One payment: a share of what is due in per mille (may exceed 1000), and what is odd about it. */
    public record PaymentSpec(int perMille, boolean otherCurrency, boolean otherAuthorization) {
    }

    public record OrderSpec(boolean requestPublished, String currency, long grossMinor, Decision decision,
                            Cancel cancel, int cancelAfterPayments, List<PaymentSpec> payments) {
    }

    public static Arbitrary<OrderSpec> orders() {
        Arbitrary<PaymentSpec> payment = Combinators.combine(Arbitraries.integers().between(1, 1500),
                        Arbitraries.integers().between(0, 9).map(i -> i == 0),
                        Arbitraries.integers().between(0, 9).map(i -> i == 0))
                .as(PaymentSpec::new);
        return Combinators.combine(
                Arbitraries.integers().between(0, 19).map(i -> i != 0),
                Arbitraries.of(CURRENCIES),
                Arbitraries.longs().between(1, 5_000_000_000L),
                Arbitraries.of(Decision.class),
                Arbitraries.of(Cancel.class),
                Arbitraries.integers().between(0, 3),
                payment.list().ofMaxSize(3)).as(OrderSpec::new);
    }

    /** The events of the histories as partition logs: topic/partition → records in offset order. */
    public static Map<String, List<LedgerEvent>> partitionLogs(List<OrderSpec> specs, long layoutSeed,
                                                                int duplicatesPerMille) {
        Random random = new Random(layoutSeed);
        Map<String, List<List<WireEvent>>> perPartitionQueues = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String orderId = "order-" + i;
            int partition = Math.floorMod(orderId.hashCode(), PARTITIONS);
            List<WireEvent> orderTopic = new ArrayList<>();
            List<WireEvent> authTopic = new ArrayList<>();
            eventsOf(orderId, specs.get(i), orderTopic, authTopic);
            perPartitionQueues.computeIfAbsent(Topics.ORDERS.name() + "/" + partition, k -> new ArrayList<>())
                    .add(orderTopic);
            perPartitionQueues.computeIfAbsent(Topics.AUTHORIZATIONS.name() + "/" + partition, k -> new ArrayList<>())
                    .add(authTopic);
        }
        Map<String, List<LedgerEvent>> logs = new LinkedHashMap<>();
        perPartitionQueues.forEach((key, queues) -> logs.put(key, layOut(key, queues, random, duplicatesPerMille)));
        return logs;
    }

    /** One consumer's view: a random merge of the partition logs, each kept in offset order. */
    public static List<LedgerEvent> interleave(Map<String, List<LedgerEvent>> logs, long seed) {
        Random random = new Random(seed);
        List<List<LedgerEvent>> remaining = new ArrayList<>();
        logs.values().forEach(l -> remaining.add(new ArrayList<>(l)));
        List<LedgerEvent> out = new ArrayList<>();
        int[] pos = new int[remaining.size()];
        int left = remaining.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int pick = random.nextInt(remaining.size());
            if (pos[pick] < remaining.get(pick).size()) {
                // Take a run, as a poll hands over several records of one partition at once.
                int run = 1 + random.nextInt(4);
                for (int k = 0; k < run && pos[pick] < remaining.get(pick).size(); k++) {
                    out.add(remaining.get(pick).get(pos[pick]++));
                    left--;
                }
            }
        }
        return out;
    }

    /** Cuts a consumer's view into poll batches of 1 to 8 events. */
    public static List<List<LedgerEvent>> batches(List<LedgerEvent> events, Random random) {
        List<List<LedgerEvent>> out = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            int size = 1 + random.nextInt(8);
            out.add(events.subList(i, Math.min(events.size(), i + size)));
            i += size;
        }
        return out;
    }

    /** Merges one partition's per-order queues randomly (keeping each order's order) and adds redeliveries. */
    private static List<LedgerEvent> layOut(String key, List<List<WireEvent>> queues, Random random,
                                            int duplicatesPerMille) {
        String topic = key.substring(0, key.indexOf('/'));
        int partition = Integer.parseInt(key.substring(key.indexOf('/') + 1));
        List<WireEvent> merged = new ArrayList<>();
        int[] pos = new int[queues.size()];
        int left = queues.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int pick = random.nextInt(queues.size());
            if (pos[pick] < queues.get(pick).size()) {
                merged.add(queues.get(pick).get(pos[pick]++));
                left--;
            }
        }
        List<LedgerEvent> log = new ArrayList<>();
        List<LedgerEvent> sent = new ArrayList<>();
        Instant recordTime = Events.T0;
        for (WireEvent e : merged) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            recordTime = recordTime.plusMillis(random.nextInt(1000));
            LedgerEvent event = new LedgerEvent(new SourceRef(id, topic, partition, log.size(), recordTime), e);
            log.add(event);
            sent.add(event);
            if (random.nextInt(1000) < duplicatesPerMille) {
                // A redelivery: the same event id published again later in the same partition.
                LedgerEvent original = sent.get(random.nextInt(sent.size()));
                log.add(new LedgerEvent(new SourceRef(original.eventId(), topic, partition, log.size(),
                        recordTime), original.event()));
            }
        }
        return log;
    }

    private static void eventsOf(String orderId, OrderSpec spec, List<WireEvent> orderTopic,
                                 List<WireEvent> authTopic) {
        String currency = spec.currency();
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        Money gross = Money.ofMinor(spec.grossMinor(), currency);
        Instant t = Events.T0;
        String authId = "auth-" + orderId;
        if (spec.requestPublished()) {
            orderTopic.add(new OrderRequestedV1(orderId, "cust-" + (orderId.hashCode() & 7), "Customer", "H200-NVL",
                    "H200", 1, gross, gross, null, null, t, null));
        }
        if (spec.decision() == Decision.GRANT) {
            authTopic.add(new AuthorizationGrantedV1(orderId, authId, "req", approved(TrackDecision.US_EXPORT),
                    approved(TrackDecision.CN_IMPORT), GrantConditions.defaults(), "p1", "policy", t.plusSeconds(5)));
        } else if (spec.decision() == Decision.DENY) {
            authTopic.add(new AuthorizationDeniedV1(orderId, authId, "req",
                    List.of(new DenialReason(TrackDecision.US_EXPORT, "PRODUCT_PROHIBITED", "no")), null, null,
                    "p1", "policy", t.plusSeconds(5)));
        }
        long due = RevenueShare.of(gross, RevenueShare.DEFAULT_RATE).minorUnits();
        for (int p = 0; p <= spec.payments().size(); p++) {
            if (p == Math.min(spec.cancelAfterPayments(), spec.payments().size()) && spec.cancel() != Cancel.NONE) {
                boolean authorized = spec.cancel() == Cancel.WHILE_AUTHORIZED;
                orderTopic.add(new OrderCancelledV1(orderId, authorized ? "AUTHORIZED" : "REQUESTED",
                        authorized ? authId : null, "withdrawn", t.plusSeconds(50 + p), null));
            }
            if (p == spec.payments().size()) {
                break;
            }
            PaymentSpec ps = spec.payments().get(p);
            long amount = Math.max(1, due * ps.perMille() / 1000);
            String payCurrency = ps.otherCurrency() ? (currency.equals("EUR") ? "USD" : "EUR") : currency;
            int payDigits = java.util.Currency.getInstance(payCurrency).getDefaultFractionDigits();
            BigDecimal value = BigDecimal.valueOf(amount, digits).setScale(payDigits, java.math.RoundingMode.DOWN);
            if (value.signum() <= 0) {
                value = BigDecimal.ONE;
            }
            orderTopic.add(new RevenueSharePaidV1(orderId, "pay-" + orderId + "-" + p,
                    ps.otherAuthorization() ? "auth-elsewhere" : authId, Money.of(value, payCurrency), "TR",
                    RevenueShare.DEFAULT_PAYEE, t.plusSeconds(100 + p), null));
        }
    }

    private static TrackDecision approved(String track) {
        return new TrackDecision(track, TrackDecision.APPROVED, "ref", null, null);
    }
}
