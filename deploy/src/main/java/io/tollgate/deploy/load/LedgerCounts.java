package io.tollgate.deploy.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The ledger summary's order counts and paid revenue share at one moment. The summary counts each
 * order once under its latest status ({@code requested} = still awaiting a decision) and
 * {@code total} as all of them; {@code requested} here is that total.
 */
public record LedgerCounts(long requested, long decided, long authorized, long denied,
                           BigDecimal paid) {

    public static LedgerCounts of(JsonNode summary) {
        JsonNode orders = summary.path("orders");
        long decided = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = orders.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> status = it.next();
            if (!status.getKey().equals("requested") && !status.getKey().equals("total")) {
                decided += status.getValue().asLong(0);
            }
        }
        String paid = summary.path("revenueSharePaid").asText("0");
        return new LedgerCounts(orders.path("total").asLong(0), decided,
            orders.path("authorized").asLong(0) + orders.path("settled").asLong(0),
            orders.path("denied").asLong(0), new BigDecimal(paid.isEmpty() ? "0" : paid));
    }

    /** The change from {@code before} to this. */
    public LedgerCounts minus(LedgerCounts before) {
        return new LedgerCounts(requested - before.requested, decided - before.decided,
            authorized - before.authorized, denied - before.denied, paid.subtract(before.paid));
    }
}
