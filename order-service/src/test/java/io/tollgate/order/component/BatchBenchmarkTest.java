package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.db.Databases;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bulk intake throughput (tagged {@code benchmark}, excluded from the default build): in one run,
 * {@code order.bench.singles} orders through {@code POST /api/v1/orders} from 16 concurrent clients
 * (the baseline), then one batch of {@code order.bench.lines} lines; reports the upload (parse and
 * store every line), the batch's lines/s to the last order and to the last line's event on Kafka
 * (the outbox relay's signed record), beside the baseline and a raw Kafka producer sending as many
 * records of the same size to the same broker in the same run.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@Tag("benchmark")
class BatchBenchmarkTest {

    private static final int LINES = Integer.getInteger("order.bench.lines", 20_000);
    private static final int SINGLES = Integer.getInteger("order.bench.singles", 2_000);
    private static final int CLIENTS = 16;

    @Inject
    Databases databases;

    @Test
    void batchLinesPerSecondBesideSingleRequests() throws Exception {
        // baseline: single requests, 16 at a time
        String singles = "bench-single-" + UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long singleStart = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < SINGLES; i++) {
            sent.add(clients.submit(() -> OrderApi.post(as(Roles.ERP), UUID.randomUUID().toString(),
                    OrderApi.body(singles)).statusCode(202)));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double singleS = (System.nanoTime() - singleStart) / 1e9;
        clients.shutdown();

        // the batch
        // A short customer id, as an ERP's are: 100,000 lines of about 250 bytes fit the 32 MB body limit.
        String customer = "bb-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            body.append(OrderApi.body(customer).replaceFirst("\\{", "{\"idempotencyKey\":\"" + customer + "-" + i
                    + "\",")).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        long uploadStart = System.nanoTime();
        // Every order's event is on the orders topic: the singles' first, then the batch's lines.
        CompletableFuture<long[]> onKafka = CompletableFuture.supplyAsync(() -> awaitRecords(SINGLES + LINES));
        String batchId = upload(bytes);
        double uploadS = (System.nanoTime() - uploadStart) / 1e9;
        JsonPath done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> as(Roles.ERP).when().get("/api/v1/order-batches/" + batchId).then().extract()
                        .jsonPath(), page -> "DONE".equals(page.getString("state")));
        double batchS = (System.nanoTime() - uploadStart) / 1e9;

        assertThat(done.getInt("accepted")).isEqualTo(LINES);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(LINES);
        long[] kafka = onKafka.get();
        double kafkaS = (kafka[0] - uploadStart) / 1e9;
        int recordBytes = (int) (kafka[1] / (SINGLES + LINES));
        // The service's figures first: a raw producer refused by a starved broker loses none of them.
        System.out.printf("BATCH-BENCH db=%s singles=%d single_orders_per_s=%.0f lines=%d body_bytes=%d"
                        + " upload_s=%.2f upload_lines_per_s=%.0f batch_s=%.1f batch_lines_per_s=%.0f ratio=%.2f"
                        + " kafka_s=%.1f kafka_lines_per_s=%.0f record_bytes=%d%n",
                databases.kind(), SINGLES, SINGLES / singleS, LINES, bytes.length, uploadS, LINES / uploadS,
                batchS, LINES / batchS, (LINES / batchS) / (SINGLES / singleS), kafkaS, LINES / kafkaS,
                recordBytes);
        System.out.printf("BATCH-BENCH raw_producer_per_s=%.0f%n", rawProducerRecordsPerSecond(LINES, recordBytes));
    }

    /**
     * Posts the batch with the JDK's HTTP client: REST Assured keeps a pretty-printed copy of every
     * request body for its failure log, seconds of this JVM's CPU for a body of megabytes that the
     * upload's figure would count as the service's.
     */
    private static String upload(byte[] body) throws Exception {
        String credentials = Roles.ERP + ":" + TestUsers.password(Roles.ERP);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/order-batches"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JsonPath.from(answer.body()).getString("batchId");
    }

    /** When the orders topic held {@code count} records, and their value bytes in all. */
    private static long[] awaitRecords(int count) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS.name(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            long seen = 0;
            long bytes = 0;
            while (seen < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    bytes += r.value().length;
                }
            }
            assertThat(seen).as("order events on Kafka").isGreaterThanOrEqualTo(count);
            return new long[] {System.nanoTime(), bytes};
        }
    }

    /** A raw producer (acks=all, idempotent) sending {@code count} records of {@code bytes} each. */
    private static double rawProducerRecordsPerSecond(int count, int bytes) throws Exception {
        String topic = "bench.raw." + UUID.randomUUID();
        String servers = KafkaBroker.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", servers))) {
            // The same partitions and replication as the orders topic (the broker's min.insync.replicas holds).
            var orders = admin.describeTopics(List.of(Topics.ORDERS.name())).allTopicNames().get()
                    .get(Topics.ORDERS.name()).partitions();
            admin.createTopics(List.of(new NewTopic(topic, orders.size(),
                    (short) orders.get(0).replicas().size()))).all().get();
        }
        byte[] value = new byte[bytes];
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value)));
            }
            producer.flush();
            for (Future<?> f : sent) {
                f.get(); // every record acknowledged, or the figure is not a throughput
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }
}
