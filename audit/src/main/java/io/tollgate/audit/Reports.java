package io.tollgate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.audit.figures.BalanceRow;
import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.replay.Replay;
import io.tollgate.audit.rules.Refusal;
import io.tollgate.audit.rules.Rulebook;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.WireJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/** How the commands print figures: an aligned table, or JSON shaped like the ledger's API. */
final class Reports {

    static final ObjectMapper JSON = WireJson.mapper();

    private Reports() {
    }

    static void table(PrintWriter out, List<BalanceRow> rows) {
        int width = "account".length();
        for (BalanceRow row : rows) {
            width = Math.max(width, row.account().length());
        }
        String format = "%-" + width + "s  %-8s  %20s  %20s  %20s%n";
        out.printf(format, "account", "currency", "debits", "credits", "balance");
        for (BalanceRow row : rows) {
            out.printf(format, row.account(), row.currency(), row.decimal(row.debitsMinor()),
                    row.decimal(row.creditsMinor()), row.decimal(row.balanceMinor()));
        }
    }

    static String trial(Balances balances) {
        StringJoiner joined = new StringJoiner(", ");
        balances.trialBalance().forEach((currency, sum) ->
                joined.add(currency + " " + Money.ofMinor(sum, currency).amount()));
        return joined.length() == 0 ? "(no postings)" : joined.toString();
    }

    /** The ledger's {@code Balances} shape (asOf, basis, currency, accounts, digest) plus the
     * trial balance. */
    static ObjectNode balances(Balances balances) {
        ObjectNode json = JSON.createObjectNode();
        json.put("asOf", balances.cut().at() == null ? null : balances.cut().at().toString());
        json.put("basis", balances.cut().basis().word());
        json.put("currency", balances.currency());
        ArrayNode accounts = json.putArray("accounts");
        for (BalanceRow row : balances.rows()) {
            accounts.addObject().put("account", row.account()).put("currency", row.currency())
                    .put("debits", row.decimal(row.debitsMinor()))
                    .put("credits", row.decimal(row.creditsMinor()))
                    .put("balance", row.decimal(row.balanceMinor()));
        }
        ObjectNode trial = json.putObject("trialBalance");
        balances.trialBalance().forEach((c, sum) -> trial.put(c, Money.ofMinor(sum, c).amount()));
        json.put("digest", balances.digest());
        return json;
    }

    /** Where the figures came from and what the replay did. */
    static ObjectNode source(Replay.Result result, Path journal, long entries) {
        ObjectNode json = JSON.createObjectNode();
        if (result == null) {
            json.put("journal", journal.toString()).put("entries", entries);
            return json;
        }
        Rulebook.Tally t = result.tally();
        json.put("topics", String.join(",", Replay.topics())).put("records", result.records())
                .put("skipped", result.skipped()).put("applied", t.applied())
                .put("duplicates", t.duplicates()).put("refused", t.refused())
                .put("held", t.held()).put("anomalies", t.anomalies()).put("entries", t.entries())
                .put("waiting", t.waiting()).put("suspended", t.suspended()).put("notBooked", t.notBooked())
                .put("replayClock", result.clock().toString()).put("millis", result.millis())
                .put("signaturesChecked", result.signaturesChecked())
                .put("badlySigned", result.badlySigned());
        ArrayNode refusals = json.putArray("refusals");
        for (Refusal r : t.refusals()) {
            refusals.addObject().put("eventId", r.eventId()).put("orderId", r.orderId())
                    .put("topic", r.topic()).put("partition", r.partition())
                    .put("offset", r.offset()).put("code", r.code()).put("reason", r.reason());
        }
        ArrayNode skips = json.putArray("skipReasons");
        result.skipReasons().forEach(skips::add);
        ObjectNode ends = json.putObject("endOffsets");
        result.ends().forEach((tp, end) -> ends.put(tp.toString(), end));
        return json;
    }

    static void describe(PrintWriter out, Replay.Result result, Path journal, long entries) {
        if (result == null) {
            out.printf("read %,d entries from %s%n", entries, journal);
            return;
        }
        Rulebook.Tally t = result.tally();
        out.printf("replay: %,d records (%,d skipped as undecodable), %,d events applied,"
                + " %,d duplicates, %,d refused, %,d held, %,d not booked (waits, supplied scenarios);"
                + " %,d entries; %,d payments waiting,"
                + " %,d held in suspense:unknown-order; %,d anomalies; %.1f s%n", result.records(),
                result.skipped(), t.applied(), t.duplicates(), t.refused(), t.held(), t.notBooked(), t.entries(),
                t.waiting(), t.suspended(), t.anomalies(), result.millis() / 1000.0);
        out.println(result.signaturesChecked()
                ? String.format("signatures: checked against --trusted-keys; %,d records unsigned or"
                        + " badly signed, skipped", result.badlySigned())
                : "signatures: not checked (no --trusted-keys): records taken as the broker holds them");
        for (Refusal r : t.refusals()) {
            out.printf("refused: event %s of order %s (%s/%d@%d): %s %s%n", r.eventId(),
                    r.orderId(), r.topic(), r.partition(), r.offset(), r.code(), r.reason());
        }
        for (String reason : result.skipReasons()) {
            out.println("skipped: " + reason);
        }
    }
}
