package io.tollgate.audit;

import io.tollgate.audit.figures.Basis;
import io.tollgate.audit.journal.JournalFormat;
import io.tollgate.audit.journal.JournalWriter;
import io.tollgate.audit.replay.Replay;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code export}: the journal the replay derives, streamed as it is made, principals included. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"The journal the replay derives, with who caused each entry.",
        "Replays the topics and streams the journal it derives, one entry at a time in replay"
            + " order, with the principal who caused each entry: CSV (one row per line) or JSON"
            + " Lines (one object per entry). balances --journal FILE sums such a file again."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli root;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    ReplayOptions replay;
    @Option(names = "--format", required = true, paramLabel = "csv|jsonl",
        converter = FormatValue.class, description = "csv or jsonl.")
    JournalFormat format;
    @Option(names = "--from", paramLabel = "INSTANT", converter = Converters.InstantValue.class,
        description = "Only entries at or after this instant.")
    Instant from;
    @Option(names = "--to", paramLabel = "INSTANT", converter = Converters.InstantValue.class,
        description = "Only entries at or before this instant (as --as-of includes them).")
    Instant to;
    @Option(names = "--basis", paramLabel = "business|recording", defaultValue = "business",
        converter = Converters.BasisValue.class,
        description = "Which time --from and --to compare (default business).")
    Basis basis;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write here instead of stdout.")
    Path output;

    /** csv or jsonl, named in the refusal. */
    static final class FormatValue implements CommandLine.ITypeConverter<JournalFormat> {
        @Override
        public JournalFormat convert(String value) {
            if (value.equals("csv") || value.equals("jsonl")) {
                return JournalFormat.of(value);
            }
            throw Converters.refused(value, "is not a format: csv or jsonl");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (from != null && to != null && from.isAfter(to)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--from " + from + " is after --to " + to);
        }
        Path folder = output == null ? null : output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output
                    + ": the folder does not exist");
        }
        Writer sink = output == null ? spec.commandLine().getOut()
                : new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8),
                        1 << 16);
        try (JournalWriter journal = new JournalWriter(format, sink, basis, from, to)) {
            Replay.Result result = replay.replay(root, spec.commandLine(), journal, null);
            journal.close();
            spec.commandLine().getErr().printf(
                    "audit: exported %,d of %,d entries (%,d records replayed)%n",
                    journal.written(), result.tally().entries(), result.records());
        } finally {
            if (output != null) {
                sink.close();
            }
        }
        return 0;
    }
}
