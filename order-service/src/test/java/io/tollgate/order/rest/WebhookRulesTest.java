package io.tollgate.order.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.eventing.rest.ProblemException;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure rules of webhooks: which URLs are taken, and how long a failed batch waits. */
class WebhookRulesTest {

    private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost");

    @Test
    void theBackoffStartsAtTheFirstWaitDoublesPerFailureAndStopsAtItsCap() {
        // given
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(10);
        Random random = new Random(42);

        // when / then: each wait lies within the quarter of jitter below its doubled value
        long[] expectedMs = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000,
                600_000, 600_000};
        for (int failures = 1; failures <= expectedMs.length; failures++) {
            long waitMs = WebhookWorker.backoff(first, max, failures, random).toMillis();
            long full = expectedMs[failures - 1];
            assertThat(waitMs).as("wait after %d failures", failures).isBetween(full - full / 4, full);
        }
        assertThat(WebhookWorker.backoff(first, max, 10_000, random)).isLessThanOrEqualTo(max);
        assertThatThrownBy(() -> WebhookWorker.backoff(first, max, 0, random))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJitterSpreadsRetriesOfSubscriptionsThatFailedTogether() {
        Random random = new Random(7);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> WebhookWorker.backoff(Duration.ofSeconds(8), Duration.ofMinutes(10), 3, random)
                        .toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void httpsToAnyHostIsTakenAndPlainHttpOnlyToTheListedHosts() {
        assertThat(body("https://erp.example.com/tollgate?x=1").validatedUrl(LOCAL).getHost())
                .isEqualTo("erp.example.com");
        assertThat(body("http://127.0.0.1:8099/hook").validatedUrl(LOCAL).getPort()).isEqualTo(8099);
        assertThat(body("HTTP://LOCALHOST/hook").validatedUrl(LOCAL).getHost()).isEqualTo("LOCALHOST");
        refused("http://erp.example.com/hook", "WEBHOOK_URL_NOT_ALLOWED");
        refused("http://127.0.0.2/hook", "WEBHOOK_URL_NOT_ALLOWED");
        refused("https://user:secret@erp.example.com/hook", "WEBHOOK_URL_NOT_ALLOWED");
        refused("mailto:ops@erp.example.com", "WEBHOOK_URL_NOT_ALLOWED");
        refused("//erp.example.com/hook", "WEBHOOK_URL_NOT_ALLOWED");
        refused("https://erp example.com/hook", "WEBHOOK_URL_NOT_ALLOWED");
        refused("https:///hook", "WEBHOOK_URL_NOT_ALLOWED");
        refused(" ", "INVALID_FIELD");
        refused("https://erp.example.com/" + "a".repeat(WebhookRequestBody.URL_CHARS_MAX), "LIMIT_EXCEEDED");
    }

    private static WebhookRequestBody body(String url) {
        return new WebhookRequestBody(url, null, null);
    }

    private static void refused(String url, String code) {
        assertThatThrownBy(() -> body(url).validatedUrl(LOCAL)).isInstanceOfSatisfying(ProblemException.class,
                p -> {
                    assertThat(p.code()).as(url).isEqualTo(code);
                    assertThat(p.status()).isEqualTo(422);
                    assertThat(p.field()).isEqualTo("url");
                });
    }
}
