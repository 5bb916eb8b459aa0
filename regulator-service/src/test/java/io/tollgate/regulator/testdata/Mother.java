package io.tollgate.regulator.testdata;

import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.api.ReceiveApplicationCommand;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Licensing;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.policy.ProductFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Object mother: the shipped policy, customers in each standing, applications in each shape. */
public final class Mother {

    public static final String ORDER = "order-1";
    public static final String REQUEST_EVENT = "0b6c6c8e-6a8f-4d7f-9d55-2f0a4f6f1a01";
    public static final String CUSTOMER = "cust-1";
    public static final String QUARTER = "2026-Q4";
    public static final Instant REQUESTED_AT = Instant.parse("2026-11-02T09:00:00Z");
    public static final Instant NOW = Instant.parse("2026-11-02T09:00:01Z");
    public static final String AUTHORIZATION = "5a1f7d38-3c1f-4a51-b0d1-0c0f3c5f9e77";
    public static final String GOOD_SCENARIO =
            "Training and inference of Chinese-language models for a university research lab";
    public static final String THIN_SCENARIO = "AI stuff";
    public static final String NO_CATEGORY_SCENARIO =
            "We will put these accelerators in our new data centre in Hangzhou next spring";

    private Mother() {
    }

    public static Policy policyV1() {
        return PolicyDocuments.defaultPolicy();
    }

    /** The shipped policy under a new version, with H200 moved to the prohibited list. */
    public static Policy policyV2ProhibitingH200() {
        Policy v1 = policyV1();
        List<ProductFamily> families = new ArrayList<>();
        for (ProductFamily family : v1.families()) {
            Licensing licensing = family.name().startsWith("Hopper") ? Licensing.PROHIBITED : family.licensing();
            families.add(new ProductFamily(family.name(), family.architecture(), licensing,
                    family.skuPatterns()));
        }
        return new Policy("v2", families, v1.revenueShareRate(), v1.payee(), v1.usageScenario(),
                v1.reviewThresholdQuantity());
    }

    public static CustomerStanding designated() {
        return new CustomerStanding(CUSTOMER, CustomerStanding.Status.DESIGNATED, null, QUARTER, 0);
    }

    public static CustomerStanding designatedWithCap(long cap, long used) {
        return new CustomerStanding(CUSTOMER, CustomerStanding.Status.DESIGNATED, cap, QUARTER, used);
    }

    public static CustomerStanding revoked() {
        return new CustomerStanding(CUSTOMER, CustomerStanding.Status.REVOKED, null, QUARTER, 0);
    }

    public static CustomerStanding notDesignated() {
        return CustomerStanding.notDesignated(CUSTOMER, QUARTER);
    }

    public static ReceiveApplicationCommand receive(String sku, long quantity, String scenario) {
        return new ReceiveApplicationCommand(ORDER, REQUEST_EVENT, CUSTOMER, "Example AI Lab", sku,
                familyOf(sku), quantity, scenario, REQUESTED_AT, NOW);
    }

    public static ApplicationReceivedEvent received(String sku, long quantity, String scenario) {
        return new ApplicationReceivedEvent(ORDER, REQUEST_EVENT, CUSTOMER, "Example AI Lab", sku,
                familyOf(sku), quantity, scenario, QUARTER, REQUESTED_AT, NOW);
    }

    private static String familyOf(String sku) {
        return sku.startsWith("H200") ? "H200" : sku.startsWith("B") || sku.startsWith("GB") ? "Blackwell" : "other";
    }
}
