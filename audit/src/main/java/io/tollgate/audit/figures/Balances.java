package io.tollgate.audit.figures;

import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Line;
import io.tollgate.audit.rules.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Balances summed from the entries a {@link Cut} includes, optionally of one currency, with the
 * trial balance and the digest of docs/ledger-rules.md §9. Fed entry by entry (a sink of the
 * replay), so a replay never holds its journal.
 */
public final class Balances implements Consumer<Entry> {

    private final Cut cut;
    private final String currency;
    /** account → currency → {debits, credits}: one per account and currency (the chart's size). */
    private final Map<String, Map<String, long[]>> sums = new HashMap<>();

    /** {@code currency} null for every currency. */
    public Balances(Cut cut, String currency) {
        this.cut = cut;
        this.currency = currency;
    }

    public Cut cut() {
        return cut;
    }

    public String currency() {
        return currency;
    }

    @Override
    public void accept(Entry entry) {
        if (!cut.includes(entry)) {
            return;
        }
        for (Line line : entry.lines()) {
            add(line.account(), line.currency(), line.side(), line.amountMinor());
        }
    }

    /** Adds one line; lines of another currency than the filter are ignored. */
    public void add(String account, String lineCurrency, Side side, long amountMinor) {
        if (currency != null && !currency.equals(lineCurrency)) {
            return;
        }
        long[] sum = sums.computeIfAbsent(account, k -> new HashMap<>(2))
                .computeIfAbsent(lineCurrency, k -> new long[2]);
        int i = side == Side.D ? 0 : 1;
        sum[i] = Math.addExact(sum[i], amountMinor);
    }

    /** Every account and currency with an included line, in canonical order. */
    public List<BalanceRow> rows() {
        List<BalanceRow> rows = new ArrayList<>(sums.size());
        sums.forEach((account, byCurrency) -> byCurrency.forEach((currency, sum) ->
                rows.add(new BalanceRow(account, currency, sum[0], sum[1]))));
        rows.sort(BalanceRow.CANONICAL);
        return rows;
    }

    /** The sum of all balances per currency: zero for a journal whose entries all balance. */
    public Map<String, Long> trialBalance() {
        Map<String, Long> trial = new TreeMap<>();
        for (BalanceRow row : rows()) {
            trial.merge(row.currency(), row.balanceMinor(), Math::addExact);
        }
        return trial;
    }

    public String digest() {
        return digest(rows());
    }

    /** §9: SHA-256 of "account TAB currency TAB balance LF" per non-zero row, canonical order. */
    public static String digest(List<BalanceRow> rows) {
        List<BalanceRow> sorted = new ArrayList<>(rows);
        sorted.sort(BalanceRow.CANONICAL);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        StringBuilder text = new StringBuilder();
        for (BalanceRow row : sorted) {
            if (row.balanceMinor() != 0) {
                text.append(row.account()).append('\t').append(row.currency()).append('\t')
                        .append(row.balanceMinor()).append('\n');
            }
        }
        byte[] hash = sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(hash);
    }
}
