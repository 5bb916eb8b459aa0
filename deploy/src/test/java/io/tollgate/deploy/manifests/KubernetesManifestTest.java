package io.tollgate.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.KafkaAccess;
import io.tollgate.deploy.local.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/ is checked against the services' own configuration and the delivery rules: ports,
 * probes, environment, images, Strimzi KRaft cluster and topics, autoscaling bounds.
 */
class KubernetesManifestTest {

    private static final Path K8S = Path.of("k8s");
    private static final Set<String> EVENT_TOPICS = Set.of("tollgate.orders.v1", "tollgate.authorizations.v1",
        "tollgate.ledger-checkpoints.v1");

    private final List<Map<String, Object>> resources = loadAll();
    private final List<ServiceConfig> services = ServiceConfig.all();

    private static List<Map<String, Object>> loadAll() {
        try (Stream<Path> files = Files.list(K8S)) {
            List<Map<String, Object>> all = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> all.addAll(Yaml.loadAll(f)));
            return all;
        } catch (IOException e) {
            throw new AssertionError("cannot list " + K8S, e);
        }
    }

    private Map<String, Object> resource(String kind, String name) {
        return resources.stream()
            .filter(r -> kind.equals(r.get("kind")) && name.equals(Yaml.text(r, "metadata.name")))
            .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + K8S));
    }

    private List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = Yaml.load(K8S.resolve("kustomization.yaml"));
        try (Stream<Path> files = Files.list(K8S)) {
            List<String> manifests = files.map(f -> f.getFileName().toString())
                .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList();

            assertThat(Yaml.list(kustomization, "resources")).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void deploymentsRunTheImageOnTheConfiguredPortWithHealthProbes() {
        for (ServiceConfig service : services) {
            // given
            Map<String, Object> container = container(service);
            String http = "http";

            // then
            assertThat(Yaml.text(container, "image")).isEqualTo(service.image());
            assertThat(Yaml.text(container, "ports/0/containerPort")).isEqualTo(Integer.toString(service.httpPort()));
            assertThat(Yaml.text(container, "ports/0/name")).isEqualTo(http);
            assertThat(Yaml.text(container, "readinessProbe/httpGet/path")).isEqualTo(service.readinessPath());
            assertThat(Yaml.text(container, "livenessProbe/httpGet/path")).isEqualTo(service.livenessPath());
            assertThat(Yaml.text(container, "startupProbe/httpGet/path")).isEqualTo(service.startupPath());
            assertThat(Yaml.text(container, "readinessProbe/httpGet/port")).isEqualTo(http);
            Map<String, Object> annotations = Yaml.map(deployment(service), "spec/template/metadata/annotations");
            assertThat(annotations).containsEntry("prometheus.io/path", service.metricsPath())
                .containsEntry("prometheus.io/port", Integer.toString(service.httpPort()));

            Map<String, Object> svc = resource("Service", service.name());
            assertThat(Yaml.text(svc, "spec/ports/0/port")).isEqualTo(Integer.toString(service.httpPort()));
            assertThat(Yaml.text(svc, "spec/ports/0/targetPort")).isEqualTo(http);
        }
    }

    @Test
    void environmentComesFromConfigMapsAndTheSecretAndNamesSettingsTheServiceReads() {
        for (ServiceConfig service : services) {
            // given
            Map<String, Object> container = container(service);
            Map<String, String> env = new java.util.LinkedHashMap<>();
            for (Object ref : Yaml.list(container, "envFrom")) {
                String configMap = Yaml.text(ref, "configMapRef/name");
                Yaml.map(resource("ConfigMap", configMap), "data")
                    .forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
            Map<String, String> fromSecret = new java.util.LinkedHashMap<>();
            for (Object var : Yaml.list(container, "env")) {
                String name = Yaml.text(var, "name");
                if (Yaml.find(var, "valueFrom/secretKeyRef/name").isPresent()) {
                    fromSecret.put(name, Yaml.text(var, "valueFrom/secretKeyRef/name"));
                    env.put(name, "<secret>");
                } else {
                    env.put(name, Yaml.text(var, "value"));
                }
            }

            // then: its own database login and its own Kafka principal, never another service's
            assertThat(fromSecret).containsExactlyInAnyOrderEntriesOf(Map.of(
                "TOLLGATE_PG_USERNAME", service.name() + "-postgres",
                "TOLLGATE_PG_PASSWORD", service.name() + "-postgres",
                "TOLLGATE_KAFKA_PASSWORD", service.name()));
            assertThat(env.get("TOLLGATE_KAFKA_USERNAME")).isEqualTo(service.name());
            assertThat(env.keySet()).as(service.name() + " environment")
                .contains("KAFKA_BOOTSTRAP_SERVERS", "TOLLGATE_DB", "TOLLGATE_PG_URL")
                .allSatisfy(name -> assertThat(service.knownEnvironmentVariables())
                    .as("%s reads %s", service.name(), name).contains(name));
            assertThat(service.databaseKinds()).contains(env.get("TOLLGATE_DB"));
            assertThat(env.get("TOLLGATE_PG_URL")).endsWith(":5432/" + service.dbName());
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("tollgate-kafka-bootstrap:9092");
        }
    }

    @Test
    void autoscalersNeverExceedThePartitionsOfTheTopicsTheServicesConsume() {
        int partitions = ofKind("KafkaTopic").stream()
            .filter(t -> EVENT_TOPICS.contains(Yaml.text(t, "spec/topicName")))
            .mapToInt(t -> Integer.parseInt(Yaml.text(t, "spec/partitions"))).min().orElseThrow();

        for (ServiceConfig service : services) {
            Map<String, Object> hpa = resource("HorizontalPodAutoscaler", service.name());

            assertThat(Yaml.text(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
            assertThat(Yaml.text(hpa, "spec/scaleTargetRef/name")).isEqualTo(service.name());
            assertThat(Integer.parseInt(Yaml.text(hpa, "spec/maxReplicas"))).isBetween(1, partitions);
        }
        assertThat(partitions).isEqualTo(TopicSpec.PARTITIONS_DEFAULT);
    }

    @Test
    void kafkaIsAStrimziKraftClusterOfThreeNodes() {
        Map<String, Object> kafka = resource("Kafka", "tollgate");
        Map<String, Object> pool = ofKind("KafkaNodePool").get(0);

        assertThat(Yaml.map(pool, "metadata/labels")).containsEntry("strimzi.io/cluster", "tollgate");
        assertThat(Yaml.text(pool, "spec/replicas")).isEqualTo("3");
        assertThat(Yaml.list(pool, "spec/roles")).containsExactlyInAnyOrder("controller", "broker");
        assertThat(Yaml.map(kafka, "metadata/annotations")).containsEntry("strimzi.io/kraft", "enabled");
        assertThat(Yaml.map(kafka, "spec/kafka/config")).containsEntry("min.insync.replicas", 2)
            .containsEntry("default.replication.factor", 3);
        assertThat(Yaml.text(kafka, "spec/kafka/version")).startsWith("4.1.");
    }

    @Test
    void topicsAreReplicatedThreeTimesNeedTwoInSyncAndKeepEventsForever() {
        List<Map<String, Object>> topics = ofKind("KafkaTopic");

        assertThat(topics.stream().map(t -> Yaml.text(t, "spec/topicName")))
            .containsExactlyInAnyOrderElementsOf(TopicSpec.tollgateTopics().stream().map(TopicSpec::name).toList());
        for (Map<String, Object> topic : topics) {
            assertThat(Yaml.map(topic, "metadata/labels")).containsEntry("strimzi.io/cluster", "tollgate");
            assertThat(Yaml.text(topic, "spec/replicas")).isEqualTo("3");
            assertThat(Yaml.text(topic, "spec/partitions")).isEqualTo("6");
            assertThat(Yaml.map(topic, "spec/config")).containsEntry("min.insync.replicas", "2");
            if (EVENT_TOPICS.contains(Yaml.text(topic, "spec/topicName"))) {
                assertThat(Yaml.map(topic, "spec/config")).containsEntry("retention.ms", "-1");
            }
        }
    }

    @Test
    void eachServicesKafkaUserHasExactlyTheAclsOfKafkaAccess() {
        Map<String, Object> kafka = resource("Kafka", "tollgate");
        assertThat(Yaml.text(kafka, "spec/kafka/listeners/0/authentication/type")).isEqualTo("scram-sha-512");
        assertThat(Yaml.list(kafka, "spec/kafka/listeners")).hasSize(1);
        assertThat(Yaml.text(kafka, "spec/kafka/authorization/type")).isEqualTo("simple");
        assertThat(ofKind("KafkaUser")).extracting(u -> Yaml.text(u, "metadata/name"))
            .containsExactlyInAnyOrderElementsOf(KafkaAccess.principals().stream().map(KafkaAccess.Principal::user).toList());

        for (KafkaAccess.Principal access : KafkaAccess.principals()) {
            // given
            Map<String, Object> user = resource("KafkaUser", access.user());
            Set<String> expected = new HashSet<>();
            for (KafkaAccess.Grant grant : access.grants()) {
                for (KafkaAccess.Operation op : grant.operations()) {
                    expected.add(grant.type().name().toLowerCase() + " " + grant.name() + " " + op.name());
                }
            }

            // when
            Set<String> actual = new HashSet<>();
            for (Object acl : Yaml.list(user, "spec/authorization/acls")) {
                assertThat(Yaml.text(acl, "resource/patternType")).isEqualTo("literal");
                for (Object op : Yaml.list(acl, "operations")) {
                    actual.add(Yaml.text(acl, "resource/type") + " " + Yaml.text(acl, "resource/name") + " "
                        + op.toString().toUpperCase());
                }
            }

            // then
            assertThat(Yaml.text(user, "spec/authentication/type")).isEqualTo("scram-sha-512");
            assertThat(actual).as(access.user() + " ACLs").isEqualTo(expected);
        }
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootWithoutCapabilities() {
        for (ServiceConfig service : services) {
            Map<String, Object> pod = Yaml.map(deployment(service), "spec/template/spec");
            Map<String, Object> container = container(service);

            assertThat(Yaml.text(pod, "securityContext/runAsNonRoot")).isEqualTo("true");
            assertThat(Yaml.text(container, "securityContext/readOnlyRootFilesystem")).isEqualTo("true");
            assertThat(Yaml.text(container, "securityContext/allowPrivilegeEscalation")).isEqualTo("false");
            assertThat(Yaml.list(container, "securityContext/capabilities/drop")).containsExactly("ALL");
            assertThat(Yaml.text(container, "volumeMounts/0/mountPath")).isEqualTo("/tmp");
            assertThat(Yaml.text(pod, "volumes/0/name")).isEqualTo(Yaml.text(container, "volumeMounts/0/name"));
            assertThat(Yaml.find(pod, "volumes/0/emptyDir")).isPresent();
        }
    }

    @Test
    void eachServiceHasADisruptionBudgetAndANetworkPolicyOnItsOwnPort() {
        for (ServiceConfig service : services) {
            Map<String, Object> pdb = resource("PodDisruptionBudget", service.name());
            Map<String, Object> policy = resource("NetworkPolicy", service.name());

            assertThat(Yaml.text(pdb, "spec/minAvailable")).isEqualTo("1");
            assertThat(Yaml.map(pdb, "spec/selector/matchLabels")).containsEntry("app.kubernetes.io/name", service.name());
            assertThat(Yaml.map(policy, "spec/podSelector/matchLabels"))
                .containsEntry("app.kubernetes.io/name", service.name());
            assertThat(Yaml.list(policy, "spec/policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(Yaml.text(policy, "spec/ingress/0/ports/0/port")).isEqualTo(Integer.toString(service.httpPort()));
            assertThat(Yaml.list(policy, "spec/ingress")).hasSize(1);
        }
    }

    @Test
    void onlyOrderServiceMayPostToHttpsEndpointsAndNeverToPrivateAddresses() {
        for (ServiceConfig service : services) {
            List<Object> egress = Yaml.list(resource("NetworkPolicy", service.name()), "spec/egress");
            List<Object> https = egress.stream().filter(rule -> Yaml.find(rule, "ports").isPresent()
                    && "443".equals(Yaml.text(rule, "ports/0/port"))).toList();
            if (!service.name().equals("order-service")) {
                assertThat(https).as(service.name() + " posts no webhooks").isEmpty();
                continue;
            }
            // order-service's webhooks: any public address on 443, no private, link-local or loopback one
            assertThat(https).hasSize(1);
            assertThat(Yaml.text(https.get(0), "to/0/ipBlock/cidr")).isEqualTo("0.0.0.0/0");
            assertThat(Yaml.list(https.get(0), "to/0/ipBlock/except")).contains("10.0.0.0/8", "172.16.0.0/12",
                    "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8");
        }
    }

    private Map<String, Object> deployment(ServiceConfig service) {
        return resource("Deployment", service.name());
    }

    private Map<String, Object> container(ServiceConfig service) {
        List<Object> containers = Yaml.list(deployment(service), "spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) containers.get(0);
        return container;
    }
}
