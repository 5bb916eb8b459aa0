package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.deploy.demo.ApiClient;
import io.tollgate.deploy.demo.DemoDay;
import io.tollgate.deploy.local.LocalStack;
import io.tollgate.deploy.local.StackPaths;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations console in a real browser (Debian's headless Chromium): after the demo's ERP day
 * and a poison record, the figures on the page equal what the services' APIs answer, live updates
 * arrive without a reload, the drill-down follows one order across the three services, and roles
 * without access see the server's refusal. Keeps screenshots under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final String USD = "USD";

    private TollgateStack stack;
    private Properties users;
    private WebDriver browser;
    private Http ledgerAsOperator;
    private Http ledgerAsAuditor;
    private Http ordersAsAuditor;

    @BeforeAll
    void startStackAndBrowser() {
        requireChromium();
        stack = TollgateStack.start("console");
        users = credentials(new StackPaths(BuildOutputs.repoRoot(), stack.home()).credentialsFile());
        ledgerAsOperator = new Http(stack.credentials(), Roles.OPERATOR, stack.ledger().baseUrl());
        ledgerAsAuditor = new Http(stack.credentials(), Roles.AUDITOR, stack.ledger().baseUrl());
        ordersAsAuditor = new Http(stack.credentials(), Roles.AUDITOR, stack.order().baseUrl());
        // The scripted ERP day of ./tollgate demo, then one record no consumer can read.
        ApiClient api = new ApiClient(new ApiClient.Endpoints(stack.order().baseUrl(),
            stack.regulator().baseUrl(), stack.ledger().baseUrl()), stack.credentials());
        assertThat(new DemoDay(api, System.out).run()).isZero();
        PoisonRecords.inject(stack.bootstrapServers(),
            PoisonRecords.template(stack.bootstrapServers(), Topics.ORDERS.name()), 1, stack::signAsItsSource);
        browser = chromium();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void operatorSeesTheLedgersCountsAndTheDeadLettersTheServicesList() {
        // given: the dead letter reached every service that consumes the orders topic
        List<JsonNode> deadLetters = await().atMost(Duration.ofSeconds(60)).until(this::allDeadLetters,
            all -> all.size() >= 2);
        // when
        signIn(Roles.OPERATOR);
        // then: the funnel is the ledger summary's, once it has settled
        await().atMost(PAGE_WAIT).untilAsserted(() -> {
            JsonNode orders = ledgerAsOperator.get("/api/v1/summary?currency=" + USD).expect(200).json()
                .path("orders");
            for (String status : List.of("REQUESTED", "AUTHORIZED", "SETTLED", "DENIED", "CANCELLED")) {
                assertThat(text("funnel-" + status)).as(status)
                    .isEqualTo(orders.path(status.toLowerCase(java.util.Locale.ROOT)).asText());
            }
        });
        JsonNode summary = ledgerAsOperator.get("/api/v1/summary?currency=" + USD).expect(200).json();
        assertThat(text("parked")).isEqualTo(summary.path("parked").asText());
        assertThat(count("#dead-letters tr.dead-letter")).isEqualTo(deadLetters.size());
        String reasons = text("dead-letters");
        deadLetters.forEach(d -> assertThat(reasons).contains(d.path("reason").asText()));
        // consumer lag per group and partition, outbox lag and p99 for every service
        assertThat(count("#consumer-lag tbody tr")).isGreaterThanOrEqualTo(TollgateStack.PARTITIONS * 2);
        // every partition of the orders topic, with the broker's own end offsets, the ledger caught up
        await().atMost(PAGE_WAIT).untilAsserted(() -> {
            Map<Integer, Long> ends = endOffsets(Topics.ORDERS.name());
            for (int partition = 0; partition < TollgateStack.PARTITIONS; partition++) {
                String[] row = text("lag-tollgate.ledger-service-" + Topics.ORDERS.name() + "-" + partition)
                    .split("\\s+");
                // group, topic, partition, committed, end, lag in records, lag in seconds
                assertThat(Long.parseLong(row[4])).as("end of partition " + partition).isEqualTo(ends.get(partition));
                assertThat(row[5]).as("lag of partition " + partition).isEqualTo("0");
            }
        });
        // the outbox lag of the two services that publish, as their /q/metrics give it
        await().atMost(PAGE_WAIT).untilAsserted(() -> {
            for (ServiceProcess service : List.of(stack.order(), stack.regulator())) {
                assertThat(Double.parseDouble(text("outbox-lag-" + service.name()))).as(service.name())
                    .isEqualTo(outboxLag(service));
            }
        });
        assertThat(text("services")).contains("tollgate_consumer_batch_duration_seconds");
        // and money is refused by the server, shown on the page
        assertThat(text("money-refusal")).contains("HTTP 403").contains("auditor or treasury");
        assertThat(shown("money-body")).isFalse();
        screenshot("console-operator.png");
    }

    @Test
    @Order(2)
    void liveUpdatesArriveWithoutAReload() {
        // given: the operator's page, marked so a reload would show
        ((JavascriptExecutor) browser).executeScript("window.consoleMarker = 'same page';");
        long sequenceBefore = sequence();
        long requestedTotal = funnelTotal();
        // when: the ERP submits one more order
        OrderLine line = OrderLine.h200("bytedance", "ByteDance Ltd.", "H200-SXM-141GB", 10, "31500.00",
            "console-" + UUID.randomUUID());
        new OrderApi(stack).submitAccepted(UUID.randomUUID().toString(), line);
        // then: the stream brings it onto the same page
        await().atMost(PAGE_WAIT).until(() -> funnelTotal() == requestedTotal + 1);
        assertThat(sequence()).isGreaterThan(sequenceBefore);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.consoleMarker;"))
            .isEqualTo("same page");
    }

    @Test
    @Order(3)
    void operatorIsRefusedTheDrillDown() {
        showOrder(UUID.randomUUID().toString());
        await().atMost(PAGE_WAIT).until(() -> shown("drill-refusal"));
        assertThat(text("drill-refusal")).contains("HTTP 403");
    }

    @Test
    @Order(4)
    void auditorSeesRevenueShareAndExposureAsTheApisAnswerThem() {
        signIn(Roles.AUDITOR);
        await().atMost(PAGE_WAIT).until(() -> shown("money-body"));
        await().atMost(PAGE_WAIT).untilAsserted(() -> {
            JsonNode summary = ledgerAsAuditor.get("/api/v1/summary?currency=" + USD).expect(200).json();
            assertThat(text("money-USD-gross")).isEqualTo(summary.path("grossAuthorized").asText());
            assertThat(text("money-USD-due")).isEqualTo(summary.path("revenueShareDue").asText());
            assertThat(text("money-USD-paid")).isEqualTo(summary.path("revenueSharePaid").asText());
            assertThat(text("money-USD-outstanding")).isEqualTo(summary.path("revenueShareOutstanding").asText());
            List<JsonNode> waiting = requestedOrders();
            BigDecimal exposure = waiting.stream()
                .map(o -> new BigDecimal(o.path("grossAmount").path("amount").asText()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(text("money-USD-awaiting-orders")).isEqualTo(Integer.toString(waiting.size()));
            String shown = text("money-USD-awaiting-gross");
            if (waiting.isEmpty()) {
                assertThat(shown).isIn("–", "0");
            } else {
                assertThat(new BigDecimal(shown)).isEqualByComparingTo(exposure);
            }
        });
        assertThat(shown("operations-body")).isTrue();
    }

    @Test
    @Order(5)
    void auditorFollowsOneOrderThroughTheThreeServices() {
        // given: a settled order of the day, as the services answer for it
        JsonNode settled = ordersAsAuditor.get("/api/v1/orders?status=SETTLED&limit=1").expect(200).json()
            .path("items").get(0);
        String orderId = settled.path("orderId").asText();
        JsonNode entries = ledgerAsAuditor.get("/api/v1/orders/" + orderId + "/entries").expect(200).json()
            .path("entries");
        JsonNode application = new Http(stack.credentials(), Roles.AUDITOR, stack.regulator().baseUrl())
            .get("/api/v1/applications/" + orderId).expect(200).json();
        // when
        showOrder(orderId);
        // then
        await().atMost(PAGE_WAIT).until(() -> count("#drill-ledger tr.entry") == entries.size());
        assertThat(text("drill-order-status")).isEqualTo("SETTLED");
        assertThat(text("drill-application-status")).isEqualTo(application.path("status").asText());
        assertThat(text("drill-application-policy-version")).isEqualTo(application.path("policyVersion").asText());
        assertThat(text("drill-application-decided-by")).isEqualTo(application.path("decidedBy").asText());
        assertThat(count("#drill-history tbody tr")).isPositive();
        String ledger = text("drill-ledger");
        for (JsonNode entry : entries) {
            assertThat(ledger).contains(entry.path("hash").asText()).contains(entry.path("chain").asText());
        }
        screenshot("console-auditor.png");
    }

    @Test
    @Order(6)
    void treasurySeesMoneyButNotOperationsNorTheLedgersEntries() {
        signIn(Roles.TREASURY);
        await().atMost(PAGE_WAIT).until(() -> shown("money-body"));
        assertThat(text("operations-refusal")).contains("HTTP 403").contains("operator or auditor");
        String orderId = ordersAsAuditor.get("/api/v1/orders?status=SETTLED&limit=1").expect(200).json()
            .path("items").get(0).path("orderId").asText();
        showOrder(orderId);
        await().atMost(PAGE_WAIT).until(() -> shown("drill-ledger-refusal"));
        assertThat(text("drill-ledger-refusal")).contains("auditor role");
        assertThat(text("drill-application-refusal")).contains("403");
        assertThat(text("drill-order-status")).isEqualTo("SETTLED");
        screenshot("console-treasury.png");
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "ConsoleIT needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
            + "): apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI must install them (.ci/run does)");
        }
        Assumptions.abort(message + "; skipped outside CI");
    }

    /** Debian's Chromium through Debian's chromedriver, both by path, so Selenium Manager never runs. */
    private static WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1500,2600");
        return new ChromeDriver(service, options);
    }

    private void signIn(String role) {
        browser.get(stack.ledger().baseUrl() + LocalStack.CONSOLE_PATH);
        browser.findElement(By.id("user")).sendKeys(users.getProperty(role + ".username"));
        browser.findElement(By.id("password")).sendKeys(users.getProperty(role + ".password"));
        browser.findElement(By.id("sign-in-button")).click();
        new WebDriverWait(browser, PAGE_WAIT).until(b -> !text("live-status").startsWith("Loading")
            && !text("live-status").startsWith("Not signed in"));
    }

    private void showOrder(String orderId) {
        WebElement field = browser.findElement(By.id("drill-order-id"));
        field.clear();
        field.sendKeys(orderId);
        browser.findElement(By.id("drill-go")).click();
    }

    // The page redraws its tables on every event: read it with one script each time rather than
    // through element references, which a redraw makes stale.

    /** The rendered text of an element; fails when the page has no such element. */
    private String text(String id) {
        Object text = script("const e = document.getElementById(arguments[0]); return e ? e.innerText : null;", id);
        if (text == null) {
            throw new AssertionError("the page has no element #" + id);
        }
        return text.toString().trim();
    }

    private boolean shown(String id) {
        return Boolean.TRUE.equals(script("const e = document.getElementById(arguments[0]);"
            + " return !!e && e.offsetParent !== null;", id));
    }

    private long count(String selector) {
        return ((Number) script("return document.querySelectorAll(arguments[0]).length;", selector)).longValue();
    }

    private long sequence() {
        return Long.parseLong(script("return document.getElementById('live-status').dataset.sequence;").toString());
    }

    private long funnelTotal() {
        return ((Number) script("return Array.from(document.querySelectorAll('#funnel td'))"
            + ".reduce((sum, td) => sum + Number(td.textContent), 0);")).longValue();
    }

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private List<JsonNode> allDeadLetters() {
        List<JsonNode> all = new ArrayList<>();
        for (ServiceProcess service : stack.services()) {
            new Http(stack.credentials(), Roles.OPERATOR, service.baseUrl()).get("/api/v1/dead-letters?limit=50")
                .expect(200).json().path("items").forEach(all::add);
        }
        return all;
    }

    /** The log end offset of each partition of a topic, as the broker answers. */
    private Map<Integer, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < TollgateStack.PARTITIONS; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        }
    }

    /** {@code tollgate_outbox_lag} as the service's own scrape gives it to an operator. */
    private double outboxLag(ServiceProcess service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics"))
            .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain")
            .header("Authorization", stack.credentials().authorizationHeader(Roles.OPERATOR).orElseThrow()).build();
        String scrape;
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request,
                HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("/q/metrics of " + service.name()).isEqualTo(200);
            scrape = response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return scrape.lines().filter(l -> l.startsWith("tollgate_outbox_lag "))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim().split(" ")[0]))
            .findFirst().orElseThrow(() -> new AssertionError(service.name() + " has no tollgate_outbox_lag"));
    }

    private List<JsonNode> requestedOrders() {
        List<JsonNode> waiting = new ArrayList<>();
        ordersAsAuditor.get("/api/v1/orders?status=REQUESTED&limit=500").expect(200).json().path("items")
            .forEach(waiting::add);
        return waiting;
    }

    private void screenshot(String name) {
        Path dir = Path.of(System.getProperty("tollgate.systemtest.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("console screenshot: " + dir.resolve(name).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the screenshot " + name, e);
        }
    }

    private static Properties credentials(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return props;
    }
}
