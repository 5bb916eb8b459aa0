package io.tollgate.deploy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.deploy.load.ConsumerLag;
import io.tollgate.deploy.load.KafkaBaseline;
import io.tollgate.deploy.load.LoadReport;
import io.tollgate.deploy.load.LoadRun;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./tollgate load}: drives the running stack through its public API and reports figures. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = {"Posts unique orders to the running stack, follows a sample through the stages,",
        "waits for the ledger, measures Kafka itself; the last line is one JSON object."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    TollgateCli.DataDirOption data;
    @Option(names = "--seconds", defaultValue = "20", description = "Load duration (default ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--orders", defaultValue = "0",
        description = "Post this many orders instead of for --seconds.")
    long orders;
    @Option(names = "--connections", defaultValue = "16",
        description = "Concurrent HTTP connections posting orders (default ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--rate", defaultValue = "0",
        description = "Fixed arrival rate in orders/s (open loop); default: as fast as answered.")
    double rate;
    @Option(names = "--payments", description = "Pay 1%% of each authorized order's gross as treasury.")
    boolean payments;
    @Option(names = "--sample-every", defaultValue = "10",
        description = "Follow every Nth granted order through the stages (default ${DEFAULT-VALUE}).")
    int sampleEvery;
    @Option(names = "--drain-seconds", defaultValue = "180",
        description = "Longest wait for the ledger to catch up after the load (default ${DEFAULT-VALUE}).")
    int drainSeconds;
    @Option(names = "--kafka-records", defaultValue = "200000",
        description = "Records of the raw Kafka measurement; 0 skips it (default ${DEFAULT-VALUE}).")
    long kafkaRecords;

    @Override
    public Integer call() throws Exception {
        LocalStack stack = new LocalStack(data.paths(), System.out);
        Map<String, Long> pids = stack.runningPids();
        if (pids.size() < ServiceSpec.ALL.size() + 1) {
            // The broker and every service must run: the run reports each one's CPU and memory.
            throw new LaunchException("the stack is not fully running (" + pids.keySet() + ")",
                "  start it with: ./tollgate up --detach");
        }
        List<LoadRun.Watched> watched = new ArrayList<>();
        pids.forEach((name, pid) -> watched.add(new LoadRun.Watched(name, pid)));
        LoadRun.Options options;
        try {
            options = new LoadRun.Options(seconds, orders, connections, rate, payments, sampleEvery,
                drainSeconds, kafkaRecords);
        } catch (IllegalArgumentException badOption) {
            throw new LaunchException(badOption.getMessage());
        }
        List<String> groups = ServiceSpec.ALL.stream().map(ServiceSpec::consumerGroup).toList();
        Map<String, Object> kafka = stack.kafkaConnection();
        LoadReport report;
        try (ConsumerLag lag = new ConsumerLag(kafka, groups)) {
            LoadRun run = new LoadRun(stack.apiClient(), options,
                watched, lag, new KafkaBaseline(kafka), System.out);
            report = run.run();
            print(report, run.lastProblem(), System.out);
        }
        System.out.println(new ObjectMapper().writeValueAsString(report));
        return report.drained() ? 0 : TollgateCli.EXIT_FAILED;
    }

    private static void print(LoadReport r, String lastProblem, PrintStream out) {
        out.println();
        out.printf("orders: %,d sent, %,d accepted (%,d to be denied), %,d refused, %,d errors%s%n",
            r.orders().sent(), r.orders().accepted(), r.orders().acceptedToBeDenied(),
            r.orders().refused(), r.orders().errors(), lastProblem.isEmpty() ? "" : "; last: " + lastProblem);
        out.printf("ledger: %,d requested, %,d decided (%,d authorized, %,d denied)%s%n",
            r.orders().ledgerRequested(), r.orders().ledgerDecided(), r.orders().ledgerAuthorized(),
            r.orders().ledgerDenied(), r.drained() ? "" : "  — NOT caught up within the drain bound");
        out.printf("accepted %.1f orders/s over %.1f s; end to end %.1f orders/s (drained %.1f s after)%n",
            r.acceptedPerSecond(), r.loadSeconds(), r.endToEndPerSecond(), r.drainSeconds());
        stage(out, "POST", r.post());
        stage(out, "POST -> authorized", r.postToAuthorized());
        stage(out, "POST -> posted", r.postToPosted());
        out.printf("  (stages: every %d granted order followed, polled every %d ms)%n",
            r.sampling().every(), r.sampling().pollIntervalMs());
        out.println("lag at stop: " + r.lagAtStop() + "   at end: " + r.lagAtEnd());
        out.printf("documents: %,d of %,d orders to be granted had their KYC attestation and lab report"
            + " supplied, %,d given up%n", r.documents().supplied(), r.documents().orders(),
            r.documents().givenUp());
        if (r.payments() != null) {
            out.println("payments: " + r.payments());
        }
        for (var p : r.processes()) {
            out.printf("  %-18s pid %-7d CPU %6.1f%%  RSS %4d MB (peak %d MB)%n", p.name(), p.pid(),
                p.cpuPercent(), p.rssMb(), p.rssPeakMb());
        }
        if (r.kafka() != null) {
            out.printf("Kafka itself: producer %.0f records/s, consumer %.0f records/s (%d B); ratios %s%n",
                r.kafka().producerPerSecond(), r.kafka().consumerPerSecond(), r.kafka().recordBytes(),
                r.ratios());
        }
    }

    private static void stage(PrintStream out, String name, io.tollgate.deploy.load.Latencies.Summary s) {
        out.printf("  %-20s n=%-7d p50 %8.1f ms  p90 %8.1f ms  p99 %8.1f ms  max %8.1f ms%n", name,
            s.count(), s.p50Ms(), s.p90Ms(), s.p99Ms(), s.maxMs());
    }
}
