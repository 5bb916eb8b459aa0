package io.tollgate.contracts;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract's allowlist of who publishes what, where: each event type travels on exactly one
 * topic and comes from exactly one service, named by its {@code ce_source}. Decoding refuses any
 * other (topic, {@code ce_type}, {@code ce_source}) as a contract violation, so consumers
 * dead-letter it with the reason and never apply it — an order event on the authorizations topic,
 * or a grant that claims to come from order-service, changes no state.
 *
 * <p>The source is what the record claims: this alone stops mistakes and careless forgeries, not
 * a producer that lies about who it is. Consumers prove the source with the record's signature
 * (eventing verifies it with the keys trusted for that source before the record is applied).
 */
public final class Provenance {

    /** {@code ce_source} of every event order-service publishes. */
    public static final String ORDER_SERVICE = "/tollgate/order-service";
    /** {@code ce_source} of every event regulator-service publishes. */
    public static final String REGULATOR_SERVICE = "/tollgate/regulator-service";

    /** {@code ce_source} of the anchors ledger-service publishes. */
    public static final String LEDGER_SERVICE = "/tollgate/ledger-service";

    /** Where each type may appear and who may publish it. */
    private record Allowed(Topics.Topic topic, String source) {
    }

    private static final Map<String, Allowed> BY_TYPE = Map.ofEntries(
            Map.entry(OrderRequestedV1.TYPE, new Allowed(Topics.ORDERS, ORDER_SERVICE)),
            Map.entry(OrderRequestedV2.TYPE, new Allowed(Topics.ORDERS, ORDER_SERVICE)),
            Map.entry(OrderCancelledV1.TYPE, new Allowed(Topics.ORDERS, ORDER_SERVICE)),
            Map.entry(RevenueSharePaidV1.TYPE, new Allowed(Topics.ORDERS, ORDER_SERVICE)),
            Map.entry(AuthorizationGrantedV1.TYPE, new Allowed(Topics.AUTHORIZATIONS, REGULATOR_SERVICE)),
            Map.entry(AuthorizationDeniedV1.TYPE, new Allowed(Topics.AUTHORIZATIONS, REGULATOR_SERVICE)),
            Map.entry(LedgerCheckpointAnchoredV1.TYPE, new Allowed(Topics.LEDGER_CHECKPOINTS, LEDGER_SERVICE)),
            Map.entry(AuthorizationPendingV1.TYPE, new Allowed(Topics.AUTHORIZATIONS, REGULATOR_SERVICE)),
            Map.entry(UsageScenarioSuppliedV1.TYPE, new Allowed(Topics.ORDERS, ORDER_SERVICE)),
            Map.entry(DocumentSuppliedV1.TYPE, new Allowed(Topics.ORDERS, ORDER_SERVICE)),
            Map.entry(SupplyPassedOverV1.TYPE, new Allowed(Topics.AUTHORIZATIONS, REGULATOR_SERVICE)));

    /** One (topic, {@code ce_type}, {@code ce_source}) the contract allows. */
    public record Route(String topic, String type, String source) {
    }

    private Provenance() {
    }

    /**
     * Every route the contract allows on {@code topics}: the most a consumer of those topics may
     * accept. A consumer narrows it to what it uses (its allowlist); the rest is dead-lettered.
     */
    public static Set<Route> routesOn(Collection<Topics.Topic> topics) {
        Set<String> names = topics.stream().map(Topics.Topic::name).collect(Collectors.toSet());
        return BY_TYPE.entrySet().stream()
                .filter(e -> names.contains(e.getValue().topic().name()))
                .map(e -> new Route(e.getValue().topic().name(), e.getKey(), e.getValue().source()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The one {@code ce_source} allowed for {@code event}'s type. */
    public static String sourceOf(WireEvent event) {
        return allowed(EventTypes.typeOf(event)).source();
    }

    /**
     * Refuses a record of {@code type} read from {@code topic} with {@code source} unless the
     * contract names that topic and that source for the type.
     *
     * @throws ContractViolationException naming {@code ce_type} (wrong topic) or {@code ce_source}
     */
    public static void check(String topic, String type, String source) {
        Allowed allowed = allowed(type);
        if (!allowed.topic().name().equals(topic)) {
            throw new ContractViolationException("ce_type", type + " is published on "
                    + allowed.topic().name() + " only, not on " + topic);
        }
        if (!allowed.source().equals(source)) {
            throw new ContractViolationException("ce_source", "must be " + allowed.source()
                    + " for " + type + ", got " + source);
        }
    }

    /**
     * The topics whose records {@code source} publishes, in {@link Topics#CONTRACT_TOPICS}' order: what
     * the broker lets that service write (see {@link KafkaAccess}).
     */
    public static java.util.List<Topics.Topic> topicsPublishedBy(String source) {
        return Topics.CONTRACT_TOPICS.stream()
                .filter(topic -> BY_TYPE.values().stream()
                        .anyMatch(a -> a.topic().equals(topic) && a.source().equals(source)))
                .toList();
    }

    private static Allowed allowed(String type) {
        Allowed allowed = BY_TYPE.get(type);
        if (allowed == null) {
            throw new ContractViolationException("ce_type", "is not a known event type: " + type);
        }
        return allowed;
    }
}
