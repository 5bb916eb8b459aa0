package io.tollgate.eventing.testkit;

import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One Kafka broker in a Docker container (Testcontainers), used only where a Docker engine answers
 * and {@code tollgate.test.kafka=testcontainers}. Only loaded after {@link KafkaBroker} found
 * Testcontainers on the classpath, so a service's tests need it only if they ask for it.
 */
final class ContainerKafka implements KafkaBroker.Backend {

    /** The official image of the Kafka version the services use. */
    static final String IMAGE = "apache/kafka:4.1.2";

    private static final Logger LOG = Logger.getLogger(ContainerKafka.class);

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** False fast (about 0.3 s, then cached) where no Docker engine answers. */
    static boolean dockerAnswers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerKafka start() {
        long startedNanos = System.nanoTime();
        KafkaContainer container = new KafkaContainer(IMAGE).withStartupTimeout(KafkaBroker.START_TIMEOUT);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException("Kafka for tests: the Testcontainers broker " + IMAGE
                    + " did not come up within " + KafkaBroker.START_TIMEOUT.toSeconds() + " s", e);
        }
        ContainerKafka kafka = new ContainerKafka(container);
        LOG.infof("Kafka for tests: Testcontainers broker %s at %s (started in %d ms)", IMAGE,
                kafka.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void stopBroker(int brokerId) {
        throw new UnsupportedOperationException("stopBroker needs the in-process cluster: use "
                + "KafkaBroker.startCluster(n), not the single Testcontainers broker");
    }

    @Override
    public void close() {
        container.stop();
    }
}
