package io.tollgate.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.KafkaAccess;
import io.tollgate.deploy.local.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml cannot be run here (no Docker engine), so it is checked against the
 * services' own configuration: every service, port, environment variable and health check.
 */
class ComposeManifestTest {

    private static final Path COMPOSE = Path.of("compose/compose.yaml");
    private static final List<String> REQUIRED_ENV = List.of("KAFKA_BOOTSTRAP_SERVERS", "TOLLGATE_DB",
        "TOLLGATE_PG_URL", "TOLLGATE_PG_USERNAME", "TOLLGATE_KAFKA_USERNAME");
    /** Read from generated files by the services' entrypoint, never given in the file. */
    private static final List<String> SECRET_ENV = List.of("TOLLGATE_PG_PASSWORD", "TOLLGATE_KAFKA_PASSWORD");

    private final Map<String, Object> compose = Yaml.load(COMPOSE);
    private final List<ServiceConfig> services = ServiceConfig.all();

    @Test
    void everyServiceRunsItsOwnImageOnTheHttpPortItConfigures() {
        for (ServiceConfig service : services) {
            // given
            Map<String, Object> spec = Yaml.map(compose, "services/" + service.name());
            int port = service.httpPort();

            // then
            assertThat(port).as(service.name() + " port").isBetween(8081, 8083);
            assertThat(Yaml.list(spec, "ports")).as(service.name() + " ports")
                .containsExactly("127.0.0.1:" + port + ":" + port);
            assertThat(Yaml.text(spec, "image")).as(service.name() + " image").isEqualTo(service.image());
        }
        assertThat(services.stream().map(ServiceConfig::httpPort)).containsExactly(8081, 8082, 8083);
    }

    @Test
    void everyEnvironmentVariableIsASettingTheServiceReads() {
        for (ServiceConfig service : services) {
            // given
            Map<String, Object> env = Yaml.map(compose, "services/" + service.name() + "/environment");

            // then
            assertThat(env.keySet()).as(service.name() + " environment")
                .containsAll(REQUIRED_ENV)
                .allSatisfy(name -> assertThat(service.knownEnvironmentVariables())
                    .as("%s reads %s", service.name(), name).contains(name));
            assertThat(service.databaseKinds()).contains(String.valueOf(env.get("TOLLGATE_DB")));
            assertThat(String.valueOf(env.get("TOLLGATE_PG_URL")))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + service.dbName());
            assertThat(String.valueOf(env.get("KAFKA_BOOTSTRAP_SERVERS"))).contains("kafka:9092");
            assertThat(env.get("TOLLGATE_KAFKA_USERNAME")).isEqualTo(service.name());
            assertThat(env.get("TOLLGATE_PG_USERNAME")).isEqualTo(service.dbName() + "_service");
            assertThat(env.keySet()).doesNotContainAnyElementsOf(SECRET_ENV);
            String entrypoint = String.valueOf(Yaml.list(compose, "services/" + service.name() + "/entrypoint"));
            for (String secret : SECRET_ENV) {
                assertThat(service.knownEnvironmentVariables()).contains(secret);
                assertThat(entrypoint).contains(secret + "=");
            }
            assertThat(Yaml.text(compose, "services/" + service.name() + "/volumes/0/volume/subpath"))
                .as("%s mounts only its own secrets", service.name()).isEqualTo(service.name());
        }
    }

    @Test
    void nothingIsPublishedBeyondLoopbackAndNoPasswordHasADefault() throws IOException {
        // given
        String text = Files.readString(COMPOSE);
        Map<String, Object> all = Yaml.map(compose, "services");

        // then
        for (String name : all.keySet()) {
            if (((Map<?, ?>) all.get(name)).containsKey("ports")) {
                assertThat(Yaml.list(all, name + "/ports")).as(name + " ports")
                    .allSatisfy(p -> assertThat(p.toString()).startsWith("127.0.0.1:"));
            }
        }
        assertThat(text).doesNotContainPattern("(?i)PASSWORD[A-Z_]*:\\s*\\$\\{[^}]*:-");
        assertThat(text).doesNotContain("PLAINTEXT://", "CONTROLLER:PLAINTEXT");
        assertThat(Files.readString(Path.of("compose/secrets/generate.sh")))
            .contains("/dev/urandom", "ensure kafka tollgate-admin", "ensure postgres superuser");
    }

    @Test
    void kafkaAclsAreExactlyKafkaAccess() throws IOException {
        // given: the table kafka-init applies, one grant a line
        String table = Yaml.text(compose, "x-kafka-acls");
        java.util.Set<String> actual = new java.util.HashSet<>();
        for (String line : table.strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            for (String op : f[3].split(",")) {
                actual.add(f[0] + " " + f[1] + " " + f[2] + " " + op.toUpperCase(java.util.Locale.ROOT));
            }
        }
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (KafkaAccess.Principal service : KafkaAccess.principals()) {
            for (KafkaAccess.Grant grant : service.grants()) {
                for (KafkaAccess.Operation op : grant.operations()) {
                    expected.add(service.user() + " " + grant.type().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + grant.name() + " " + op.name());
                }
            }
        }

        // then
        assertThat(actual).isEqualTo(expected);
        assertThat(Yaml.text(compose, "services/kafka-init/environment/KAFKA_ACLS")).isEqualTo(table);
        assertThat(Files.readString(Path.of("compose/kafka/start.sh")))
            .contains("StandardAuthorizer", "allow.everyone.if.no.acl.found=false", "--add-scram");
    }

    @Test
    void healthChecksAskTheReadinessEndpointOnTheServicePort() {
        for (ServiceConfig service : services) {
            List<Object> test = Yaml.list(compose, "services/" + service.name() + "/healthcheck/test");

            assertThat(test).as(service.name() + " healthcheck")
                .contains("http://localhost:" + service.httpPort() + service.readinessPath());
        }
    }

    @Test
    void postgresInitCreatesTheDatabaseOfEveryService() throws IOException {
        // given
        String init = Files.readString(Path.of("compose/postgres/init/01-tollgate-databases.sh"));
        Map<String, Object> postgres = Yaml.map(compose, "services/postgres");

        // then
        assertThat(Yaml.text(postgres, "image")).isEqualTo("postgres:15");
        for (ServiceConfig service : services) {
            assertThat(init).contains("for service in order regulator ledger");
            assertThat(init).contains(service.dbName());
        }
        assertThat(init).contains("CREATE DATABASE :\"db\" OWNER :\"role\"", "REVOKE ALL ON DATABASE :\"db\" FROM PUBLIC");
        assertThat(Yaml.list(postgres, "volumes"))
            .contains("./postgres/init:/docker-entrypoint-initdb.d:ro");
    }

    @Test
    void kafkaIsApacheKafkaInKraftModeAtTheBuildsVersionAndCreatesEveryTopic() throws IOException {
        // given
        String kafkaVersion = rootProperty("kafka.version");
        Map<String, Object> kafka = Yaml.map(compose, "services/kafka");
        String init = Files.readString(Path.of("compose/kafka/init.sh"));

        // then
        assertThat(Yaml.text(kafka, "image")).isEqualTo("apache/kafka:" + kafkaVersion);
        assertThat(Yaml.text(kafka, "environment/KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(Yaml.list(compose, "services/kafka-init/entrypoint")).contains("/opt/tollgate/init.sh");
        assertThat(Yaml.text(kafka, "environment/CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
        for (TopicSpec topic : TopicSpec.tollgateTopics()) {
            assertThat(init).contains(topic.name());
        }
        assertThat(init).contains("retention.ms=-1");
    }

    @Test
    void kafkaClusterProfileHasThreeBrokersAndAControllerWithReplicationThree() throws IOException {
        // given
        Map<String, Object> all = Yaml.map(compose, "services");
        List<String> cluster = all.keySet().stream()
            .filter(name -> String.valueOf(((Map<?, ?>) all.get(name)).get("profiles")).contains("kafka-cluster"))
            .toList();

        // then
        assertThat(cluster).containsExactlyInAnyOrder("kafka-controller", "kafka-1", "kafka-2", "kafka-3",
            "kafka-cluster-init");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat(Yaml.text(all, broker + "/environment/KAFKA_PROCESS_ROLES")).isEqualTo("broker");
            assertThat(Yaml.text(all, broker + "/environment/KAFKA_ADVERTISED_LISTENERS"))
                .isEqualTo("INTERNAL://" + broker + ":9092");
            assertThat(Yaml.text(all, broker + "/environment/KAFKA_REPLICAS")).isEqualTo("3");
        }
        assertThat(Yaml.text(all, "kafka-1/environment/KAFKA_NODE_ID"))
            .isNotEqualTo(Yaml.text(all, "kafka-2/environment/KAFKA_NODE_ID"));
        String init = Files.readString(Path.of("compose/kafka/init.sh"));
        assertThat(Yaml.text(all, "kafka-cluster-init/environment/KAFKA_REPLICAS")).isEqualTo("3");
        assertThat(init).contains("--replication-factor \"$replicas\"", "min.insync.replicas=\"$min_isr\"",
            "retention.ms=-1");
    }

    @Test
    void prometheusAndGrafanaMountTheConfigThatIsInThisRepo() {
        List<Object> prometheus = Yaml.list(compose, "services/prometheus/volumes");
        List<Object> grafana = Yaml.list(compose, "services/grafana/volumes");

        assertThat(prometheus).contains("../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(grafana).contains("../grafana/provisioning:/etc/grafana/provisioning:ro",
            "../grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(Path.of("prometheus/prometheus.yml")).isRegularFile();
        assertThat(Path.of("grafana/provisioning")).isDirectory();
    }

    static String rootProperty(String name) throws IOException {
        String pom = Files.readString(ServiceConfig.REPO.resolve("pom.xml"));
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name + " in the root pom").isTrue();
        return m.group(1).trim();
    }
}
