package io.tollgate.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

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
        "TOLLGATE_PG_URL", "TOLLGATE_PG_USERNAME", "TOLLGATE_PG_PASSWORD");

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
                .containsExactly(port + ":" + port);
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
        }
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
            assertThat(init).contains("CREATE DATABASE \"" + service.dbName() + "\"");
        }
        assertThat(Yaml.list(postgres, "volumes"))
            .contains("./postgres/init:/docker-entrypoint-initdb.d:ro");
    }

    @Test
    void kafkaIsApacheKafkaInKraftModeAtTheBuildsVersionAndCreatesEveryTopic() throws IOException {
        // given
        String kafkaVersion = rootProperty("kafka.version");
        Map<String, Object> kafka = Yaml.map(compose, "services/kafka");
        String init = String.valueOf(Yaml.list(compose, "services/kafka-init/command"));

        // then
        assertThat(Yaml.text(kafka, "image")).isEqualTo("apache/kafka:" + kafkaVersion);
        assertThat(Yaml.text(kafka, "environment/KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(Yaml.text(kafka, "environment/CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
        for (TopicSpec topic : TopicSpec.tollgateTopics()) {
            assertThat(init).contains(topic.name());
        }
        assertThat(init).contains("retention.ms=-1");
    }

    @Test
    void kafkaClusterProfileHasThreeBrokersAndAControllerWithReplicationThree() {
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
                .isEqualTo("PLAINTEXT://" + broker + ":9092");
        }
        assertThat(Yaml.text(all, "kafka-1/environment/KAFKA_NODE_ID"))
            .isNotEqualTo(Yaml.text(all, "kafka-2/environment/KAFKA_NODE_ID"));
        String init = String.valueOf(Yaml.list(all, "kafka-cluster-init/command"));
        assertThat(init).contains("--replication-factor 3", "min.insync.replicas=2", "retention.ms=-1");
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
