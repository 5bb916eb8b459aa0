package io.tollgate.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.audit.figures.BalanceRow;
import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.figures.Cut;
import io.tollgate.audit.ledger.LedgerApi;
import io.tollgate.audit.replay.Replay;
import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Line;
import io.tollgate.contracts.Money;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code compare}: the live ledger's balances and digest beside the replay's. Equal digests:
 * exit 0. Otherwise it names the first account that differs (canonical order) and, from that
 * account's postings on both sides, the first entry that differs (by business time, then id).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"The live ledger's balances and digest beside the replay's.",
        "Asks the live ledger for its balances and digest (now or as of an instant), replays the"
            + " topics for its own and prints both side by side; when the digests differ, the"
            + " first account and the first entry that differ (exit code 1)."})
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli root;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    CutOptions cut;
    @Mixin
    ReplayOptions replay;
    @Mixin
    LedgerOptions ledger;
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
        description = "A table (default) or one JSON object.")
    OutputFormat format;

    /** One account's totals on both sides (zeros where a side has no line). */
    record Pair(String account, String currency, BalanceRow ledger, BalanceRow replay) {

        boolean equal() {
            return ledger.debitsMinor() == replay.debitsMinor()
                    && ledger.creditsMinor() == replay.creditsMinor();
        }
    }

    /** One entry's effect on the differing account on both sides (null where it is missing). */
    record EntryDiff(String entryId, String kind, String orderId, String sourceEventId,
                     Instant businessTime, Long ledgerMinor, Long replayMinor) {
    }

    /** Everything a comparison found, for either output format. */
    record Outcome(String ledgerUrl, Cut cut, String ledgerDigest, String replayDigest,
                   List<Pair> accounts, Pair first, List<EntryDiff> entries, List<String> notes,
                   Replay.Result replay) {

        boolean equal() {
            return ledgerDigest.equals(replayDigest);
        }
    }

    @Override
    public Integer call() {
        Cut c = cut.cut();
        LedgerApi api = ledger.api(root.environment(), spec.commandLine());
        LedgerApi.Figures live = api.balances(c, cut.currency);
        Balances ours = new Balances(c, cut.currency);
        Replay.Result result = replay.replay(root, spec.commandLine(), ours, null);
        List<Pair> accounts = pairs(live.rows(), ours.rows());
        List<String> notes = new ArrayList<>();
        Pair first = null;
        List<EntryDiff> entries = List.of();
        if (!live.digest().equals(ours.digest())) {
            first = firstDifference(accounts);
            String listed = Balances.digest(live.rows());
            if (!listed.equals(live.digest())) {
                notes.add("the ledger's listed balances give " + listed + ", not the digest it"
                        + " reports: its running balances or checkpoints disagree with its"
                        + " postings; summed its export instead");
                List<BalanceRow> exported = api.balancesFromExport(c, cut.currency);
                first = firstDifference(pairs(exported, ours.rows()));
            }
            if (first == null) {
                notes.add("the digests differ but no account does");
            } else {
                entries = entryDiffs(api, first, c, result);
                if (entries.isEmpty()) {
                    notes.add("every entry of " + first.account() + " agrees: the ledger's total"
                            + " for the account does not match its own postings");
                }
            }
        }
        Outcome outcome = new Outcome(api.base().toString(), c, live.digest(), ours.digest(),
                accounts, first, entries, notes, result);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(json(outcome));
        } else {
            text(out, outcome);
        }
        return outcome.equal() ? 0 : AuditCli.EXIT_DIFFERENT;
    }

    private static List<Pair> pairs(List<BalanceRow> ledgerRows, List<BalanceRow> replayRows) {
        Map<String, BalanceRow[]> both = new TreeMap<>();
        for (BalanceRow r : ledgerRows) {
            both.computeIfAbsent(key(r), k -> new BalanceRow[2])[0] = r;
        }
        for (BalanceRow r : replayRows) {
            both.computeIfAbsent(key(r), k -> new BalanceRow[2])[1] = r;
        }
        List<Pair> out = new ArrayList<>(both.size());
        for (BalanceRow[] pair : both.values()) {
            BalanceRow any = pair[0] != null ? pair[0] : pair[1];
            out.add(new Pair(any.account(), any.currency(), orZero(pair[0], any),
                    orZero(pair[1], any)));
        }
        out.sort(Comparator.comparing(Pair::account).thenComparing(Pair::currency));
        return out;
    }

    private static String key(BalanceRow row) {
        return row.account() + '\u0000' + row.currency();
    }

    private static BalanceRow orZero(BalanceRow row, BalanceRow like) {
        return row != null ? row : new BalanceRow(like.account(), like.currency(), 0, 0);
    }

    private static Pair firstDifference(List<Pair> accounts) {
        return accounts.stream().filter(s -> !s.equal()).findFirst().orElse(null);
    }

    /**
     * The entries whose effect on the differing account is not the same on both sides, first one
     * first. The replay side is derived again up to the same end offsets, keeping that account.
     */
    private List<EntryDiff> entryDiffs(LedgerApi api, Pair account, Cut c, Replay.Result first) {
        Map<String, LedgerApi.EntryEffect> live =
                api.accountEntries(account.account(), account.currency(), c);
        Map<String, Entry> derived = new LinkedHashMap<>();
        Map<String, Long> effect = new LinkedHashMap<>();
        replay.replay(root, spec.commandLine(), e -> {
            for (Line line : e.lines()) {
                if (c.includes(e) && line.account().equals(account.account())
                        && line.currency().equals(account.currency())) {
                    derived.putIfAbsent(e.id(), e);
                    effect.merge(e.id(), line.signedMinor(), Math::addExact);
                }
            }
        }, first.ends());
        List<EntryDiff> diffs = new ArrayList<>();
        for (Map.Entry<String, Long> mine : effect.entrySet()) {
            LedgerApi.EntryEffect theirs = live.get(mine.getKey());
            Long ledgerMinor = theirs == null ? null : theirs.signedMinor();
            if (!Objects.equals(ledgerMinor, mine.getValue())) {
                Entry e = derived.get(mine.getKey());
                diffs.add(new EntryDiff(e.id(), e.kind().name(), e.orderId(), e.source().eventId(),
                        e.businessTime(), ledgerMinor, mine.getValue()));
            }
        }
        for (LedgerApi.EntryEffect l : live.values()) {
            if (!effect.containsKey(l.entryId())) {
                diffs.add(new EntryDiff(l.entryId(), l.kind(), l.orderId(), l.sourceEventId(),
                        l.businessTime(), l.signedMinor(), null));
            }
        }
        diffs.sort(Comparator.comparing(EntryDiff::businessTime)
                .thenComparing(EntryDiff::entryId));
        return diffs;
    }

    private void text(PrintWriter out, Outcome o) {
        out.println("Compare " + o.cut().describe() + ", "
                + (cut.currency == null ? "all currencies" : cut.currency) + ": the ledger at "
                + o.ledgerUrl() + " beside the replay of the topics");
        int width = o.accounts().stream().mapToInt(s -> s.account().length()).max().orElse(7);
        String row = "%-" + width + "s  %-8s  %20s  %20s  %s%n";
        out.printf(row, "account", "currency", "ledger balance", "replay balance", "");
        for (Pair s : o.accounts()) {
            out.printf(row, s.account(), s.currency(), balance(s.ledger()), balance(s.replay()),
                    s.equal() ? "" : "DIFFERS");
        }
        out.println("ledger digest: " + o.ledgerDigest());
        out.println("replay digest: " + o.replayDigest());
        o.notes().forEach(n -> out.println("note: " + n));
        out.println(o.equal() ? "EQUAL" : "DIFFERENT");
        Pair first = o.first();
        if (first != null) {
            out.printf("first account that differs: %s %s: ledger debits %s credits %s, replay"
                    + " debits %s credits %s%n", first.account(), first.currency(),
                    debits(first.ledger()), credits(first.ledger()), debits(first.replay()),
                    credits(first.replay()));
        }
        if (!o.entries().isEmpty()) {
            EntryDiff e = o.entries().get(0);
            out.printf("first entry that differs: %s (%s, order %s, source event %s, business time"
                    + " %s): on this account the ledger has %s, the replay %s%n", e.entryId(),
                    e.kind(), e.orderId(), e.sourceEventId(), e.businessTime(),
                    effect(e.ledgerMinor(), first.currency()),
                    effect(e.replayMinor(), first.currency()));
            if (o.entries().size() > 1) {
                out.printf("(%d entries of this account differ)%n", o.entries().size());
            }
        }
        Reports.describe(out, o.replay(), null, o.replay().tally().entries());
    }

    private ObjectNode json(Outcome o) {
        ObjectNode json = Reports.JSON.createObjectNode();
        json.put("ledger", o.ledgerUrl())
                .put("asOf", o.cut().at() == null ? null : o.cut().at().toString())
                .put("basis", o.cut().basis().word()).put("currency", cut.currency)
                .put("equal", o.equal())
                .put("ledgerDigest", o.ledgerDigest()).put("replayDigest", o.replayDigest());
        ArrayNode accounts = json.putArray("accounts");
        for (Pair s : o.accounts()) {
            accounts.addObject().put("account", s.account()).put("currency", s.currency())
                    .put("ledgerBalance", balance(s.ledger()))
                    .put("replayBalance", balance(s.replay())).put("equal", s.equal());
        }
        Pair first = o.first();
        if (first != null) {
            ObjectNode diff = json.putObject("firstDifference").put("account", first.account())
                    .put("currency", first.currency())
                    .put("ledgerBalance", balance(first.ledger()))
                    .put("replayBalance", balance(first.replay()));
            if (!o.entries().isEmpty()) {
                EntryDiff e = o.entries().get(0);
                diff.putObject("entry").put("entryId", e.entryId()).put("kind", e.kind())
                        .put("orderId", e.orderId()).put("sourceEventId", e.sourceEventId())
                        .put("businessTime", e.businessTime().toString())
                        .put("ledger", effect(e.ledgerMinor(), first.currency()))
                        .put("replay", effect(e.replayMinor(), first.currency()));
                diff.put("entriesDiffering", o.entries().size());
            }
        }
        ArrayNode notes = json.putArray("notes");
        o.notes().forEach(notes::add);
        json.set("source", Reports.source(o.replay(), null, o.replay().tally().entries()));
        return json;
    }

    private static String balance(BalanceRow row) {
        return row.decimal(row.balanceMinor());
    }

    private static String debits(BalanceRow row) {
        return row.decimal(row.debitsMinor());
    }

    private static String credits(BalanceRow row) {
        return row.decimal(row.creditsMinor());
    }

    /** A signed effect as "debit 1.00" / "credit 1.00", or "no entry". */
    private static String effect(Long signedMinor, String currency) {
        if (signedMinor == null) {
            return "no entry";
        }
        String side = signedMinor >= 0 ? "debit " : "credit ";
        return side + Money.ofMinor(Math.abs(signedMinor), currency).amount();
    }
}
