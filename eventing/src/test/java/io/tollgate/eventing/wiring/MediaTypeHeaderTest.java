package io.tollgate.eventing.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A {@code Content-Type} no parser can read (empty, {@code a/b/c}) is the client's mistake: a 400
 * problem+json naming the header, on every endpoint, with or without a body. Sent with the JDK's
 * HTTP client, which passes such header values through unchanged.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class MediaTypeHeaderTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/probe/orders")
    URI orders;

    @Test
    void aBodyLessRequestWithAnUnparseableContentTypeIsA400NamingTheHeader() throws Exception {
        // given
        HttpRequest request = asTester(orders).header("Content-Type", "a/b/c").GET().build();

        // when
        HttpResponse<String> answer = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        // then
        assertNamesTheHeader(answer, "Content-Type");
    }

    @Test
    void aBodyWithAnEmptyContentTypeIsA400NamingTheHeader() throws Exception {
        // given
        HttpRequest request = asTester(orders).header("Content-Type", "")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"x\",\"quantity\":1}"))
                .build();

        // when
        HttpResponse<String> answer = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        // then
        assertNamesTheHeader(answer, "Content-Type");
    }

    @Test
    void anUnparseableAcceptStaysA406() throws Exception {
        // given
        HttpRequest request = asTester(orders).header("X-Probe-Key", "abc")
                .header("Accept", "a/b/c").GET().build();

        // when
        HttpResponse<String> answer = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        // then: the router already refuses it as not acceptable, as problem+json
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(406);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    @Test
    void aReadableContentTypeStillReachesTheEndpoint() throws Exception {
        // given
        HttpRequest request = asTester(orders).header("X-Probe-Key", "abc")
                .header("Content-Type", "application/json; charset=UTF-8").GET().build();

        // when
        HttpResponse<String> answer = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static void assertNamesTheHeader(HttpResponse<String> answer, String header) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(answer.body())
                .contains("\"code\":\"INVALID_FIELD\"", "\"field\":\"" + header + "\"");
    }

    private static HttpRequest.Builder asTester(URI uri) {
        String basic = TestUsers.TESTER + ":" + TestUsers.password(TestUsers.TESTER);
        String encoded = Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + encoded);
    }
}
