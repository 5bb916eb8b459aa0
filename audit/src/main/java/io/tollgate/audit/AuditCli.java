package io.tollgate.audit;

import io.tollgate.audit.journal.JournalException;
import io.tollgate.audit.ledger.LedgerApiException;
import io.tollgate.audit.replay.ReplayException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./tollgate audit}: the auditor's tool. It needs read access to the event topics and, for
 * {@code compare}, the ledger's public API; its posting rules are its own (package
 * {@code rules}), written from docs/ledger-rules.md.
 */
@Command(name = "tollgate audit", mixinStandardHelpOptions = true,
    version = "tollgate audit 0.1.0",
    description = "Replays Tollgate's event topics with an independent implementation of the"
        + " posting rules (docs/ledger-rules.md) into balances, a digest and a journal, and"
        + " compares them with the live ledger; rechecks every decision against the published"
        + " policy versions (docs/policy-rules.md).",
    subcommands = {BalancesCommand.class, CompareCommand.class, ExportCommand.class,
        VerifyAnchorsCommand.class, RecheckPolicyCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done; for compare: the digests are equal; for verify-anchors: every anchor"
        + " matches; for recheck-policy: no decision differs", "1:compare: the figures differ;"
        + " verify-anchors: a chain differs from its anchors; recheck-policy: a decision differs",
        "2:bad arguments", "3:the topics, a file or the ledger could not be read"})
public final class AuditCli implements Callable<Integer> {

    public static final int EXIT_DIFFERENT = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILED = 3;

    private final Map<String, String> environment;
    private final Clock clock;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    AuditCli(Map<String, String> environment, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out,
                StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, err, System.getenv(), Clock.systemUTC()));
    }

    /** Runs one command line; what {@link #main} does, without leaving the JVM. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err,
                              Map<String, String> environment, Clock clock) {
        CommandLine cli = new CommandLine(new AuditCli(environment, clock))
            .setOut(out).setErr(err)
            .setExecutionExceptionHandler(AuditCli::failed);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    Map<String, String> environment() {
        return environment;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /** Operating failures: one clear line and exit code 3; a programming error keeps its trace. */
    private static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ReplayException || e instanceof LedgerApiException
                || e instanceof JournalException || e instanceof java.io.UncheckedIOException) {
            err.println("tollgate audit: " + e.getMessage());
        } else {
            err.println("tollgate audit: unexpected failure: " + e);
            e.printStackTrace(err);
        }
        return EXIT_FAILED;
    }
}
