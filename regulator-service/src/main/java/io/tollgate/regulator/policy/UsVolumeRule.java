package io.tollgate.regulator.policy;

import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.ProductClassification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The US-volume cap as a pure function: does a grant of {@code facts} fit within the version's
 * cap, given what the feed reports for its product class and period? The product class is the
 * catalogue's model (H200, Instinct MI325X, ...): the rule counts "the product" shipped to the US,
 * and every SKU of one model is that product.
 */
public final class UsVolumeRule {

    private UsVolumeRule() {
    }

    /** The product class of a SKU: its catalogue model; empty for a SKU the catalogue does not know. */
    public static Optional<String> productClass(String sku) {
        ProductClassification c = ProductCatalogue.standard().classify(sku);
        return c.known() ? Optional.of(c.product().model()) : Optional.empty();
    }

    /** Units that may be authorized: {@code ratio} (a decimal string) × US units, rounded down. */
    public static long allowedUnits(String ratio, long usUnits) {
        return new BigDecimal(ratio).multiply(BigDecimal.valueOf(usUnits)).setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** The version's cap if it has one and it reaches the application's destination and product. */
    public static Optional<UsVolumeCap> capFor(Policy policy, ApplicationFacts facts) {
        UsVolumeCap cap = policy.usVolumeCap();
        if (cap == null || !cap.appliesTo(facts.destination()) || productClass(facts.productSku()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cap);
    }

    /**
     * Empty when the grant fits (or no cap reaches it); else the shortfall. A standing of null
     * (not assessed) counts as nothing reported: a grant never passes the cap unchecked.
     */
    public static Optional<UsVolumeShortfall> shortfall(Policy policy, ApplicationFacts facts, String period,
                                                        UsVolumeStanding standing) {
        Optional<UsVolumeCap> cap = capFor(policy, facts);
        if (cap.isEmpty()) {
            return Optional.empty();
        }
        String productClass = productClass(facts.productSku()).orElseThrow();
        UsVolumeStanding s = standing != null ? standing : UsVolumeStanding.nothingReported(productClass, period);
        if (!s.productClass().equals(productClass) || !s.period().equals(period)) {
            throw new IllegalArgumentException("US-volume standing of " + s.productClass() + " " + s.period()
                    + " for an application of " + productClass + " " + period);
        }
        long allowed = cap.get().allowedUnits(s.usUnits());
        long headroom = allowed - s.authorizedUnits() - s.unitsWaitingAhead();
        if (facts.quantity() <= headroom) {
            return Optional.empty();
        }
        return Optional.of(new UsVolumeShortfall(cap.get(), productClass, period, facts.quantity(), s.usUnits(),
                s.authorizedUnits(), s.unitsWaitingAhead(), allowed, headroom));
    }
}
