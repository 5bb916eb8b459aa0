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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code compare}: the live ledger's balances and digest beside the replay's. Equal digests: exit 0.
 * Otherwise it names the first account that differs (canonical order) and, from that account's
 * postings on both sides, the first entry that differs (by business time, then id): exit 1.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"The live ledger's balances and digest beside the replay's.",
        "Asks the live ledger for its balances and digest (now or as of an instant), replays the"
            + " topics for its own and prints both side by side; when the digests differ, the first"
            + " account and the first entry that differ (exit code 1)."})
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
    record Side2(String account, String currency, BalanceRow ledger, BalanceRow replay) {
        boolean equal() {
            return ledger.debitsMinor() == replay.debitsMinor() && ledger.creditsMinor() == replay.creditsMinor();
        }
    }

    /** One entry's effect on the differing account on both sides (null where it is missing). */
    record EntryDiff(String entryId, String kind, String orderId, String sourceEventId, Instant businessTime,
                     Long ledgerMinor, Long replayMinor) {
    }

    @Override
    public Integer call() {
        Cut c = cut.cut();
        LedgerApi api = ledger.api(root.environment(), spec.commandLine());
        LedgerApi.Figures live = api.balances(c, cut.currency);
        Balances ours = new Balances(c, cut.currency);
        Replay.Result result = replay.replay(root, spec.commandLine(), ours, null);
        List<Side2> sides = sideBySide(live.rows(), ours.rows());
        boolean equal = live.digest().equals(ours.digest());
        List<String> notes = new ArrayList<>();
        Side2 first = null;
        List<EntryDiff> entries = List.of();
        if (!equal) {
            first = firstDifference(sides).orElse(null);
            String listed = Balances.digest(live.rows());
            if (!listed.equals(live.digest())) {
                notes.add("the ledger's listed balances give " + listed + ", not the digest it reports: its"
                        + " running balances or checkpoints disagree with its postings; summed its export instead");
                first = firstDifference(sideBySide(api.balancesFromExport(c, cut.currency), ours.rows())).orElse(null);
            }
            if (first == null) {
                notes.add("the digests differ but no account does");
            } else {
                entries = entryDiffs(api, first, c, result);
                if (entries.isEmpty()) {
                    notes.add("every entry of " + first.account() + " agrees: the ledger's total for the account"
                            + " does not match its own postings");
                }
            }
        }
        print(api, c, live.digest(), ours.digest(), sides, first, entries, notes, result);
        return equal ? 0 : AuditCli.EXIT_DIFFERENT;
    }

    private static List<Side2> sideBySide(List<BalanceRow> ledgerRows, List<BalanceRow> replayRows) {
        Map<String, BalanceRow[]> both = new TreeMap<>();
        for (BalanceRow r : ledgerRows) {
            both.computeIfAbsent(r.account() + '\u0000' + r.currency(), k -> new BalanceRow[2])[0] = r;
        }
        for (BalanceRow r : replayRows) {
            both.computeIfAbsent(r.account() + '\u0000' + r.currency(), k -> new BalanceRow[2])[1] = r;
        }
        List<Side2> out = new ArrayList<>(both.size());
        both.values().forEach(pair -> {
            BalanceRow any = pair[0] != null ? pair[0] : pair[1];
            out.add(new Side2(any.account(), any.currency(), orZero(pair[0], any), orZero(pair[1], any)));
        });
        out.sort(Comparator.comparing(Side2::account).thenComparing(Side2::currency));
        return out;
    }

    private static BalanceRow orZero(BalanceRow row, BalanceRow like) {
        return row != null ? row : new BalanceRow(like.account(), like.currency(), 0, 0);
    }

    private static Optional<Side2> firstDifference(List<Side2> sides) {
        return sides.stream().filter(s -> !s.equal()).findFirst();
    }

    /**
     * The entries whose effect on the differing account is not the same on both sides, first one
     * first. The replay side is derived again up to the same end offsets, keeping only that account.
     */
    private List<EntryDiff> entryDiffs(LedgerApi api, Side2 account, Cut c, Replay.Result first) {
        Map<String, LedgerApi.EntryEffect> live = api.accountEntries(account.account(), account.currency(), c);
        Map<String, Entry> derived = new LinkedHashMap<>();
        Map<String, Long> effect = new LinkedHashMap<>();
        replay.replay(root, spec.commandLine(), e -> {
            if (!c.includes(e)) {
                return;
            }
            for (Line line : e.lines()) {
                if (line.account().equals(account.account()) && line.currency().equals(account.currency())) {
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
        live.values().stream().filter(l -> !effect.containsKey(l.entryId())).forEach(l -> diffs.add(
                new EntryDiff(l.entryId(), l.kind(), l.orderId(), l.sourceEventId(), l.businessTime(),
                        l.signedMinor(), null)));
        diffs.sort(Comparator.comparing(EntryDiff::businessTime).thenComparing(EntryDiff::entryId));
        return diffs;
    }

    private void print(LedgerApi api, Cut c, String ledgerDigest, String replayDigest, List<Side2> sides,
                       Side2 first, List<EntryDiff> entries, List<String> notes, Replay.Result result) {
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(json(api, c, ledgerDigest, replayDigest, sides, first, entries, notes, result));
            return;
        }
        out.println("Compare " + c.describe() + ", " + (cut.currency == null ? "all currencies" : cut.currency)
                + ": the ledger at " + api.base() + " beside the replay of the topics");
        int width = sides.stream().mapToInt(s -> s.account().length()).max().orElse(7);
        String row = "%-" + width + "s  %-8s  %20s  %20s  %s%n";
        out.printf(row, "account", "currency", "ledger balance", "replay balance", "");
        for (Side2 s : sides) {
            out.printf(row, s.account(), s.currency(), s.ledger().decimal(s.ledger().balanceMinor()),
                    s.replay().decimal(s.replay().balanceMinor()), s.equal() ? "" : "DIFFERS");
        }
        out.println("ledger digest: " + ledgerDigest);
        out.println("replay digest: " + replayDigest);
        notes.forEach(n -> out.println("note: " + n));
        if (ledgerDigest.equals(replayDigest)) {
            out.println("EQUAL");
        } else {
            out.println("DIFFERENT");
            if (first != null) {
                out.printf("first account that differs: %s %s: ledger debits %s credits %s, replay debits %s"
                        + " credits %s%n", first.account(), first.currency(), first.ledger().decimal(
                        first.ledger().debitsMinor()), first.ledger().decimal(first.ledger().creditsMinor()),
                        first.replay().decimal(first.replay().debitsMinor()),
                        first.replay().decimal(first.replay().creditsMinor()));
            }
            if (!entries.isEmpty()) {
                EntryDiff e = entries.get(0);
                out.printf("first entry that differs: %s (%s, order %s, source event %s, business time %s):"
                        + " on this account the ledger has %s, the replay %s%n", e.entryId(), e.kind(), e.orderId(),
                        e.sourceEventId(), e.businessTime(), amount(e.ledgerMinor(), first.currency()),
                        amount(e.replayMinor(), first.currency()));
                if (entries.size() > 1) {
                    out.printf("(%d entries of this account differ)%n", entries.size());
                }
            }
        }
        Reports.describe(out, result, null, result.tally().entries());
    }

    /** A signed effect as "debit 1.00" / "credit 1.00", or "no entry". */
    private static String amount(Long signedMinor, String currency) {
        if (signedMinor == null) {
            return "no entry";
        }
        String side = signedMinor >= 0 ? "debit " : "credit ";
        return side + Money.ofMinor(Math.abs(signedMinor), currency).amount();
    }

    private ObjectNode json(LedgerApi api, Cut c, String ledgerDigest, String replayDigest, List<Side2> sides,
                            Side2 first, List<EntryDiff> entries, List<String> notes, Replay.Result result) {
        ObjectNode json = Reports.JSON.createObjectNode();
        json.put("ledger", api.base().toString()).put("asOf", c.at() == null ? null : c.at().toString())
                .put("basis", c.basis().word()).put("currency", cut.currency)
                .put("equal", ledgerDigest.equals(replayDigest))
                .put("ledgerDigest", ledgerDigest).put("replayDigest", replayDigest);
        ArrayNode accounts = json.putArray("accounts");
        for (Side2 s : sides) {
            accounts.addObject().put("account", s.account()).put("currency", s.currency())
                    .put("ledgerBalance", s.ledger().decimal(s.ledger().balanceMinor()))
                    .put("replayBalance", s.replay().decimal(s.replay().balanceMinor())).put("equal", s.equal());
        }
        if (first != null) {
            ObjectNode diff = json.putObject("firstDifference").put("account", first.account())
                    .put("currency", first.currency())
                    .put("ledgerBalance", first.ledger().decimal(first.ledger().balanceMinor()))
                    .put("replayBalance", first.replay().decimal(first.replay().balanceMinor()));
            if (!entries.isEmpty()) {
                EntryDiff e = entries.get(0);
                diff.putObject("entry").put("entryId", e.entryId()).put("kind", e.kind()).put("orderId", e.orderId())
                        .put("sourceEventId", e.sourceEventId()).put("businessTime", e.businessTime().toString())
                        .put("ledger", amount(e.ledgerMinor(), first.currency()))
                        .put("replay", amount(e.replayMinor(), first.currency()));
                diff.put("entriesDiffering", entries.size());
            }
        }
        ArrayNode noteArray = json.putArray("notes");
        notes.forEach(noteArray::add);
        json.set("source", Reports.source(result, null, result.tally().entries()));
        return json;
    }
}
