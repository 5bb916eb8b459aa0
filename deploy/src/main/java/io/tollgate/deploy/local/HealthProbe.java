package io.tollgate.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a Quarkus service whether it is ready ({@code /q/health/ready} answers 200). */
public final class HealthProbe {

    public static final String READY_PATH = "/q/health/ready";
    public static final String LIVE_PATH = "/q/health/live";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int LOG_TAIL_LINES = 30;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();

    /** True when the service at {@code baseUrl} answers 200 on its readiness endpoint. */
    public boolean isReady(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + READY_PATH))
            .timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The readiness document (status and checks) or a one-line reason why there is none. */
    public String readinessReport(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + READY_PATH))
            .timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return "HTTP " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Waits until the service is ready, failing early (with its log tail) if its process exits and
     * at the deadline (with the last readiness answer and the log tail).
     */
    public void awaitReady(ManagedProcess process, String baseUrl, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady(baseUrl)) {
            if (!process.isAlive()) {
                throw new LaunchException(process.name() + " exited during start-up ("
                    + process.exitDescription() + ")", LogTail.of(process.logFile(), LOG_TAIL_LINES));
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchException(process.name() + " was not ready within "
                    + timeout.toSeconds() + " s: " + readinessReport(baseUrl),
                    LogTail.of(process.logFile(), LOG_TAIL_LINES));
            }
            KafkaBroker.sleep(POLL_INTERVAL);
        }
    }
}
