package io.tollgate.eventing.wiring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.ProblemMappers;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A request body that stops coming ends as 408 BODY_READ_TIMEOUT once the server's read timeout
 * passes: the connection is closed and the request is recorded as the client's fault, not as an
 * internal error; the service goes on taking requests.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(BodyReadTimeoutTest.ShortReadTimeout.class)
class BodyReadTimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern RESET = Pattern.compile(
            "http_server_requests_seconds_count\\{[^}]*status=\"RESET\"[^}]*uri=\"/probe/orders\"[^}]*} (\\d+)");
    private static final Pattern FAILED = Pattern.compile(
            "http_server_requests_seconds_count\\{[^}]*status=\"500\"[^}]*uri=\"/probe/orders\"[^}]*} (\\d+)");

    /** Two seconds without a byte, where the default is a minute. */
    public static class ShortReadTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", "2s");
        }
    }

    @Test
    void aDeclaredBodyThatStopsHalfwayIsClosedAndCountedAsTimedOut() throws Exception {
        stallAndExpectClose("Content-Length: 200\r\n", "{\"customerId\":\"c\",");
    }

    @Test
    void aChunkedBodyThatStopsHalfwayIsClosedAndCountedAsTimedOut() throws Exception {
        String chunk = "{\"customerId\":\"c\",";
        stallAndExpectClose("Transfer-Encoding: chunked\r\n", Integer.toHexString(chunk.length()) + "\r\n" + chunk
                + "\r\n");
    }

    private static void stallAndExpectClose(String framing, String firstBytes) throws Exception {
        // given
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger problems = Logger.getLogger(ProblemMappers.class.getName());
        problems.addHandler(handler);
        long resetBefore = count(RESET);
        long failedBefore = count(FAILED);
        String auth = Base64.getEncoder().encodeToString((Roles.ERP + ":" + TestUsers.password(Roles.ERP))
                .getBytes(StandardCharsets.UTF_8));

        // when a client sends the start of a body and then nothing
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /probe/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nContent-Type: application/json\r\n" + framing + "\r\n" + firstBytes)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();

            // then the server closes the connection once its read timeout passed
            long started = System.nanoTime();
            assertThat(drain(socket.getInputStream())).as("closed by the server, not by the test's own wait")
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }

        // and the request is recorded as the client's (Vert.x counts the closed exchange as RESET),
        // never as an internal error, and the next one is served
        try {
            await().atMost(WAIT).until(() -> count(RESET) == resetBefore + 1);
            assertThat(count(FAILED)).isEqualTo(failedBefore);
            assertThat(errors).as("errors logged").isEmpty();
        } finally {
            problems.removeHandler(handler);
        }
        given().auth().preemptive().basic(Roles.ERP, TestUsers.password(Roles.ERP))
                .contentType("application/json").body("{\"customerId\":\"c\",\"quantity\":1}")
                .when().post("/probe/orders")
                .then().statusCode(202);
    }

    /** Reads until the server closes the connection: true, or false if the test's wait ran out. */
    private static boolean drain(InputStream in) throws Exception {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // whatever the server managed to write before it closed
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset: closed all the same
        }
    }

    private static long count(Pattern series) {
        String scrape = given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR))
                .accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        long total = 0;
        Matcher m = series.matcher(scrape);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
