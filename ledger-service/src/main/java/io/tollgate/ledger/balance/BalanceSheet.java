package io.tollgate.ledger.balance;

import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Balances per account and currency, summed from postings or from stored partial sums, with the
 * trial balance and the canonical digest two ledgers are compared by.
 */
public final class BalanceSheet {

    private final Map<String, BalanceLine> lines = new HashMap<>();

    public void add(Posting p) {
        add(p.account(), p.currency(), p.side() == Side.DEBIT ? p.amountMinor() : 0,
                p.side() == Side.CREDIT ? p.amountMinor() : 0);
    }

    public void add(String account, String currency, long debitsMinor, long creditsMinor) {
        lines.merge(account + '\u0000' + currency, new BalanceLine(account, currency, debitsMinor, creditsMinor),
                (a, b) -> a.plus(b.debitsMinor(), b.creditsMinor()));
    }

    /** All lines in canonical order (account, then currency). */
    public List<BalanceLine> lines() {
        List<BalanceLine> out = new ArrayList<>(lines.values());
        out.sort(BalanceLine.CANONICAL);
        return out;
    }

    public BalanceLine line(String account, String currency) {
        BalanceLine l = lines.get(account + '\u0000' + currency);
        return l == null ? new BalanceLine(account, currency, 0, 0) : l;
    }

    /** Sum of all balances per currency; zero in every currency for a sound journal. */
    public Map<String, Long> trialBalance() {
        Map<String, Long> sums = new TreeMap<>();
        for (BalanceLine l : lines.values()) {
            sums.merge(l.currency(), l.balanceMinor(), Math::addExact);
        }
        return sums;
    }

    /** The digest of {@link #lines()}; see {@link #digest(List)}. */
    public String digest() {
        return digest(lines());
    }

    /**
     * {@code "sha256:" + hex(SHA-256(canonical balances))}: for every line with a non-zero balance, in
     * canonical order, the UTF-8 text {@code account "\t" currency "\t" balanceMinor "\n"}. Lines that net
     * to zero are left out, so a payment that was held in suspense and later resolved gives the same
     * digest as one posted directly.
     */
    public static String digest(List<BalanceLine> lines) {
        List<BalanceLine> sorted = new ArrayList<>(lines);
        sorted.sort(BalanceLine.CANONICAL);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        for (BalanceLine l : sorted) {
            if (l.balanceMinor() != 0) {
                sha256.update((l.account() + "\t" + l.currency() + "\t" + l.balanceMinor() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}
