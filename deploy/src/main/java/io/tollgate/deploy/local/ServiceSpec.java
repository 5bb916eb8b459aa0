package io.tollgate.deploy.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One Tollgate service as the local stack runs it: its Maven module (folder), HTTP port and the
 * path of its API and database name ({@code tollgate.db.name}), as the services' own
 * {@code application.properties} and REST resources define.
 */
public record ServiceSpec(String name, int port, String apiPath, String databaseName) {

    public static final ServiceSpec ORDER =
        new ServiceSpec("order-service", 8081, "/api/v1/orders", "order");
    public static final ServiceSpec REGULATOR =
        new ServiceSpec("regulator-service", 8082, "/api/v1/applications", "regulator");
    public static final ServiceSpec LEDGER =
        new ServiceSpec("ledger-service", 8083, "/api/v1/summary", "ledger");

    /** In start order; stopped in reverse. */
    public static final List<ServiceSpec> ALL = List.of(ORDER, REGULATOR, LEDGER);

    /** The same service on another HTTP port (tests, or a second stack on one machine). */
    public ServiceSpec withPort(int otherPort) {
        return new ServiceSpec(name, otherPort, apiPath, databaseName);
    }

    /** The Kafka consumer group of the service, which also names its dead-letter topic. */
    public String consumerGroup() {
        return "tollgate." + name;
    }

    /** The runnable jar Quarkus builds ({@code quarkus.package.jar.type=fast-jar}, the default). */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
