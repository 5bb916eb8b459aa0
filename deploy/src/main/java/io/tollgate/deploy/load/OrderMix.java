package io.tollgate.deploy.load;

import io.tollgate.deploy.demo.ComplianceSteps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which order the n-th request of a load run is: spread over several designated customers and
 * H200 products (granted), with one in ten denied — a Blackwell, a Rubin, or a customer that is
 * not on the register, in turn. Quantities stay under the review threshold so no officer is needed
 * beyond the documents every granted order waits for.
 */
public final class OrderMix {

    /** One in this many orders is one the regulator must deny. */
    static final int DENIED_EVERY = 10;
    static final int CUSTOMERS = 8;
    private static final List<String> GRANTED_PRODUCTS = List.of("H200-SXM-141GB", "H200-NVL");
    private static final List<String> DENIED_PRODUCTS = List.of("B200", "VR200");
    private static final BigDecimal UNIT_PRICE = new BigDecimal("31500.00");
    private static final int QUANTITY_MAX = 8;

    /** One order to post, and the status the regulator should give it. */
    public record Plan(String customerId, String customerName, String product, int quantity,
                       BigDecimal unitPrice, boolean denied) {
        public BigDecimal gross() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    private final String runId;

    public OrderMix(String runId) {
        this.runId = runId;
    }

    /** The designated customers of this run (each run has its own, so caps never run out). */
    public List<String> designatedCustomers() {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            ids.add(customer(c));
        }
        return ids;
    }

    /**
     * The product classes (catalogue models) of the orders to be granted: the ERP reports US
     * shipments of each before the run, so the 50% cap never holds one back.
     */
    public Set<String> grantedProductClasses() {
        Set<String> classes = new LinkedHashSet<>();
        GRANTED_PRODUCTS.forEach(sku -> classes.add(ComplianceSteps.productClass(sku)));
        return classes;
    }

    public Plan plan(long n) {
        int quantity = (int) (n % QUANTITY_MAX) + 1;
        String customer = customer((int) (n % CUSTOMERS));
        if (n % DENIED_EVERY != DENIED_EVERY - 1) {
            String product = GRANTED_PRODUCTS.get((int) (n / CUSTOMERS % GRANTED_PRODUCTS.size()));
            return new Plan(customer, name(customer), product, quantity, UNIT_PRICE, false);
        }
        long deniedIndex = n / DENIED_EVERY % 3;
        if (deniedIndex == 2) {
            String stranger = "load-" + runId + "-unregistered";
            return new Plan(stranger, name(stranger), GRANTED_PRODUCTS.get(0), quantity, UNIT_PRICE, true);
        }
        return new Plan(customer, name(customer), DENIED_PRODUCTS.get((int) deniedIndex), quantity,
            UNIT_PRICE, true);
    }

    private String customer(int c) {
        return "load-" + runId + "-c" + c;
    }

    private static String name(String customerId) {
        return "Load test buyer " + customerId;
    }
}
