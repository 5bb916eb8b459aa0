package io.tollgate.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Money;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The balances DESIGN.md's posting rules give for the orders a test made, computed independently
 * of the ledger: authorization → Dr receivable / Cr revenue (gross), Dr expense / Cr liability
 * (share); payment → Dr liability / Cr cash; cancellation of an authorized order → the reverse of
 * its authorization postings; requests and denials move no money. One currency; exact decimals.
 */
final class ExpectedLedger {

    static final String EXPENSE = "expense:revenue-share";
    static final String CASH = "cash:operating";

    /** Debits and credits of one account. */
    record Line(BigDecimal debits, BigDecimal credits) {
        static final Line ZERO = new Line(BigDecimal.ZERO, BigDecimal.ZERO);

        Line debit(BigDecimal amount) {
            return new Line(debits.add(amount), credits);
        }

        Line credit(BigDecimal amount) {
            return new Line(debits, credits.add(amount));
        }

        BigDecimal balance() {
            return debits.subtract(credits);
        }
    }

    private final String currency;
    private final Map<String, Line> lines = new TreeMap<>();

    ExpectedLedger(String currency) {
        this.currency = currency;
    }

    static String receivable(String customerId) {
        return "receivable:customer:" + customerId;
    }

    static String revenue(String family) {
        return "revenue:sales:" + family.toLowerCase(Locale.ROOT);
    }

    static String liability(String payee) {
        return "liability:revenue-share:" + payee.toLowerCase(Locale.ROOT);
    }

    synchronized void authorized(OrderLine order, Money share, String payee) {
        debit(receivable(order.customerId()), order.gross());
        credit(revenue(order.family()), order.gross());
        debit(EXPENSE, share);
        credit(liability(payee), share);
    }

    /** The cancellation of an authorized order: its authorization postings, reversed. */
    synchronized void reversed(OrderLine order, Money share, String payee) {
        credit(receivable(order.customerId()), order.gross());
        debit(revenue(order.family()), order.gross());
        credit(EXPENSE, share);
        debit(liability(payee), share);
    }

    synchronized void paid(Money amount, String payee) {
        debit(liability(payee), amount);
        credit(CASH, amount);
    }

    private void debit(String account, Money amount) {
        lines.merge(account, Line.ZERO.debit(checked(amount)), ExpectedLedger::sum);
    }

    private void credit(String account, Money amount) {
        lines.merge(account, Line.ZERO.credit(checked(amount)), ExpectedLedger::sum);
    }

    private BigDecimal checked(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new IllegalArgumentException("expected " + currency + ", got " + amount);
        }
        return amount.value();
    }

    private static Line sum(Line a, Line b) {
        return new Line(a.debits.add(b.debits), a.credits.add(b.credits));
    }

    synchronized Map<String, Line> lines() {
        return new TreeMap<>(lines);
    }

    synchronized BigDecimal balance(String account) {
        return lines.getOrDefault(account, Line.ZERO).balance();
    }

    String currency() {
        return currency;
    }

    /**
     * Compares with a ledger balances document ({@code accounts[]} with account, currency, debits,
     * credits, balance as decimal strings): the same accounts of this currency, each to the cent.
     * Returns the differences, one per line; empty when they agree.
     */
    synchronized String differences(JsonNode balances) {
        Map<String, Line> actual = new TreeMap<>();
        for (JsonNode account : balances.path("accounts")) {
            if (!currency.equals(account.path("currency").asText())) {
                continue;
            }
            Line line = new Line(decimal(account, "debits"), decimal(account, "credits"));
            if (line.balance().compareTo(decimal(account, "balance")) != 0) {
                return "account " + account + " states a balance other than debits − credits";
            }
            actual.put(account.path("account").asText(), line);
        }
        StringBuilder out = new StringBuilder();
        TreeMap<String, Line> all = new TreeMap<>(lines);
        actual.forEach(all::putIfAbsent);
        for (String account : all.keySet()) {
            Line want = lines.getOrDefault(account, Line.ZERO);
            Line got = actual.getOrDefault(account, Line.ZERO);
            if (want.debits.compareTo(got.debits) != 0 || want.credits.compareTo(got.credits) != 0) {
                out.append(String.format("%s: expected Dr %s Cr %s (balance %s), ledger Dr %s Cr %s (balance %s)%n",
                    account, want.debits.toPlainString(), want.credits.toPlainString(),
                    want.balance().toPlainString(), got.debits.toPlainString(), got.credits.toPlainString(),
                    got.balance().toPlainString()));
            }
        }
        return out.toString();
    }

    /** A decimal string field, refused if it has sub-cent digits (amounts are to the cent). */
    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new AssertionError(field + " must be a decimal string, got " + value + " in " + node);
        }
        BigDecimal decimal = new BigDecimal(value.asText());
        if (decimal.stripTrailingZeros().scale() > 2) {
            throw new AssertionError(field + " has sub-cent digits: " + value + " in " + node);
        }
        return decimal;
    }
}
