package io.tollgate.contracts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on the broker, once for every deployment: one Kafka principal per service, named
 * like the service, allowed to write the topics whose events it publishes ({@link Provenance}),
 * read the topics it consumes, use its own consumer group and its own dead-letter topic — and
 * nothing else. The local launcher turns this table into broker ACLs; the compose and Kubernetes
 * manifests are checked against it. Producers are idempotent, not transactional: no transactional
 * id is granted (idempotence needs only WRITE on the topic since Kafka 3.0).
 */
public final class KafkaAccess {

    /** The operator principal: a super user of the broker, for the launcher and tools only. */
    public static final String ADMIN_USER = "tollgate-admin";

    /** The kind of broker resource a grant names. */
    public enum ResourceType { TOPIC, GROUP }

    /** The broker operations Tollgate grants; all others stay denied. */
    public enum Operation { READ, WRITE, CREATE, DESCRIBE }

    /** A broker principal and everything it may do: a service, or a read-only tool. */
    public interface Principal {

        /** The SCRAM user. */
        String user();

        /** The principal the broker sees after a SCRAM login as {@link #user()}. */
        default String principal() {
            return "User:" + user();
        }

        /** Every grant, topics first, in a stable order. */
        List<Grant> grants();
    }

    /** Operations on one resource, named literally (no prefixes, no wildcards). */
    public record Grant(ResourceType type, String name, Set<Operation> operations) {
        public Grant {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a grant names its resource");
            }
            if (operations.isEmpty()) {
                throw new IllegalArgumentException("a grant needs at least one operation: " + name);
            }
            operations = Set.copyOf(EnumSet.copyOf(operations));
        }
    }

    /**
     * One service as a Kafka principal: its name (the SCRAM user and {@code User:<name>}), the
     * topics it consumes in its group, the topics it reads by assignment outside any group (the
     * ledger reads its own anchors back to verify its chains), and everything derived from the
     * contract.
     */
    public record ServiceAccess(String service, List<Topics.Topic> consumes, List<Topics.Topic> reads)
            implements Principal {

        public ServiceAccess {
            if (service == null || !service.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("service name must be [a-z][a-z0-9-]: " + service);
            }
            consumes = List.copyOf(consumes);
            reads = List.copyOf(reads);
        }

        public ServiceAccess(String service, List<Topics.Topic> consumes) {
            this(service, consumes, List.of());
        }

        /** The service's SCRAM user: its name. */
        @Override
        public String user() {
            return service;
        }

        /** The principal the broker sees after a SCRAM login with this service's user. */
        @Override
        public String principal() {
            return "User:" + service;
        }

        /** {@code ce_source} of what it publishes. */
        public String source() {
            return "/tollgate/" + service;
        }

        /** The topics whose events this service publishes, as the contract says. */
        public List<Topics.Topic> produces() {
            return Provenance.topicsPublishedBy(source());
        }

        /** Its consumer group: one per service, also the stem of its dead-letter topic. */
        public String group() {
            return "tollgate." + service;
        }

        public Topics.Topic deadLetterTopic() {
            return Topics.deadLetterFor(group());
        }

        /**
         * Every grant, topics first in a stable order: write what it publishes, read what it
         * consumes, use its group (read includes describe), and create, write and read its own
         * dead-letter topic (a service creates it at start if missing).
         */
        @Override
        public List<Grant> grants() {
            Map<String, EnumSet<Operation>> topics = new LinkedHashMap<>();
            for (Topics.Topic topic : produces()) {
                add(topics, topic.name(), Operation.WRITE, Operation.DESCRIBE);
            }
            for (Topics.Topic topic : consumes) {
                add(topics, topic.name(), Operation.READ, Operation.DESCRIBE);
            }
            for (Topics.Topic topic : reads) {
                add(topics, topic.name(), Operation.READ, Operation.DESCRIBE);
            }
            add(topics, deadLetterTopic().name(), Operation.CREATE, Operation.WRITE, Operation.READ,
                    Operation.DESCRIBE);
            List<Grant> grants = new ArrayList<>();
            topics.forEach((name, ops) -> grants.add(new Grant(ResourceType.TOPIC, name, ops)));
            grants.add(new Grant(ResourceType.GROUP, group(), EnumSet.of(Operation.READ, Operation.DESCRIBE)));
            return List.copyOf(grants);
        }

        private static void add(Map<String, EnumSet<Operation>> topics, String name, Operation... ops) {
            topics.computeIfAbsent(name, n -> EnumSet.noneOf(Operation.class)).addAll(List.of(ops));
        }
    }

    /** order-service reads the regulator's decisions. */
    public static final ServiceAccess ORDER_SERVICE =
            new ServiceAccess("order-service", List.of(Topics.AUTHORIZATIONS));
    /** regulator-service reads order events. */
    public static final ServiceAccess REGULATOR_SERVICE =
            new ServiceAccess("regulator-service", List.of(Topics.ORDERS));
    /**
     * ledger-service consumes every event topic and publishes its anchors, which it also reads back
     * (by assignment) when it verifies its chains.
     */
    public static final ServiceAccess LEDGER_SERVICE = new ServiceAccess("ledger-service", Topics.EVENT_TOPICS,
            List.of(Topics.LEDGER_CHECKPOINTS));

    /** Every service principal, in the order services start. */
    public static final List<ServiceAccess> SERVICES = List.of(ORDER_SERVICE, REGULATOR_SERVICE, LEDGER_SERVICE);

    /**
     * A read-only principal for a tool: it reads topics by assignment, in no consumer group (so it
     * moves no service's offsets), and writes nothing.
     */
    public record ReaderAccess(String user, List<Topics.Topic> reads) implements Principal {

        public ReaderAccess {
            if (user == null || !user.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("user name must be [a-z][a-z0-9-]: " + user);
            }
            reads = List.copyOf(reads);
        }

        @Override
        public List<Grant> grants() {
            return reads.stream().map(t -> new Grant(ResourceType.TOPIC, t.name(),
                    EnumSet.of(Operation.READ, Operation.DESCRIBE))).toList();
        }
    }

    /** The auditor's tool ({@code ./tollgate audit}): reads the event topics and the ledger's anchors. */
    public static final ReaderAccess AUDITOR = new ReaderAccess("tollgate-auditor", Topics.CONTRACT_TOPICS);

    /** Every read-only tool principal. */
    public static final List<ReaderAccess> READERS = List.of(AUDITOR);

    /** Every principal with grants: the services, then the read-only tools. */
    public static List<Principal> principals() {
        List<Principal> all = new ArrayList<>(SERVICES);
        all.addAll(READERS);
        return List.copyOf(all);
    }

    private KafkaAccess() {
    }

    /** The service of that name; fails for any other. */
    public static ServiceAccess of(String service) {
        return SERVICES.stream().filter(s -> s.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal for service " + service));
    }
}
