package io.tollgate.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.audit.figures.BalanceRow;
import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.journal.JournalException;
import io.tollgate.audit.journal.JournalReader;
import io.tollgate.audit.replay.Replay;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code balances}: balances per account and the digest, now or as of an instant. */
@Command(name = "balances", mixinStandardHelpOptions = true,
    description = {"Balances per account and the digest, now or as of an instant.",
        "Replays the topics (or reads an exported journal) and prints balances per account and"
            + " currency, the trial balance and the digest."})
final class BalancesCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli root;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    CutOptions cut;
    @Mixin
    ReplayOptions replay;
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
        description = "A table (default) or one JSON object.")
    OutputFormat format;
    @Option(names = "--journal", paramLabel = "FILE",
        description = "Sum an exported journal (csv or jsonl, from the export command) instead"
            + " of replaying.")
    Path journal;

    @Override
    public Integer call() {
        Balances balances = new Balances(cut.cut(), cut.currency);
        Replay.Result result = null;
        long entries;
        if (journal != null) {
            if (!Files.isReadable(journal)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--journal " + journal
                        + " is not a readable file");
            }
            try {
                entries = JournalReader.read(journal, balances);
            } catch (JournalException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--journal " + e.getMessage());
            }
        } else {
            result = replay.replay(root, spec.commandLine(), balances, null);
            entries = result.tally().entries();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            ObjectNode json = Reports.balances(balances);
            json.set("source", Reports.source(result, journal, entries));
            out.println(json);
        } else {
            out.println("Balances " + balances.cut().describe() + ", "
                    + (cut.currency == null ? "all currencies" : cut.currency) + ", from "
                    + (journal == null ? "the topics" : journal.toString()));
            Reports.table(out, balances.rows());
            out.println("trial balance: " + Reports.trial(balances));
            out.println("digest: " + balances.digest());
            Reports.describe(out, result, journal, entries);
        }
        return 0;
    }
}
