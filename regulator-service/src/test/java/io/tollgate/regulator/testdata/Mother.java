package io.tollgate.regulator.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Eligibility;
import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.regulator.api.DocumentSuppliedEvent;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.api.ReceiveApplicationCommand;
import io.tollgate.regulator.policy.ApplicationFacts;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.DocumentsOnFile;
import io.tollgate.regulator.policy.Licensing;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.ProductRule;
import io.tollgate.regulator.policy.UsVolumeRule;
import io.tollgate.regulator.policy.UsVolumeStanding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The shipped version in force from 15 January 2026 (H200-class case by case). */
    public static Policy policy2026() {
        return PolicyDocuments.shipped().get(1);
    }

    /** The shipped version in force before 15 January 2026 (presumption of denial). */
    public static Policy baseline() {
        return PolicyDocuments.shipped().get(0);
    }

    /** The 2026 version under a new version name, taking effect at {@code effectiveFrom}. */
    public static Policy policy2026As(String version, Instant effectiveFrom) {
        Policy p = policy2026();
        return new Policy(version, effectiveFrom, p.productRules(), p.revenueShareRate(), p.payee(),
                p.necessity(), p.reviewThresholdQuantity(), p.source(), p.destinations())
                .withDocuments(p.documents()).withUsVolumeCap(p.usVolumeCap());
    }

    /** The 2026 version as "v2", with the case-by-case products refused under clause "v2-refused". */
    public static Policy policyV2ProhibitingH200() {
        return prohibitingCaseByCase(policy2026(), "v2");
    }

    /**
     * {@code p} under a new version name (same effective instant, so adopted later it takes over),
     * with the case-by-case products (H200, MI325X, ...) refused under clause "{@code version}-refused".
     */
    public static Policy prohibitingCaseByCase(Policy p, String version) {
        List<ProductRule> rules = new ArrayList<>();
        for (ProductRule rule : p.productRules()) {
            rules.add(rule.eligibility() == Eligibility.CASE_BY_CASE
                    ? new ProductRule(version.toLowerCase(java.util.Locale.ROOT) + "-refused", rule.eligibility(),
                            Licensing.PROHIBITED, "refused in " + version)
                    : rule);
        }
        return new Policy(version, p.effectiveFrom(), rules, p.revenueShareRate(), p.payee(), p.necessity(),
                p.reviewThresholdQuantity(), p.source(), p.destinations())
                .withDocuments(p.documents()).withUsVolumeCap(p.usVolumeCap());
    }

    /** {@code p} under a new version name, with the same effective instant. */
    public static Policy renamed(Policy p, String version) {
        return new Policy(version, p.effectiveFrom(), p.productRules(), p.revenueShareRate(), p.payee(),
                p.necessity(), p.reviewThresholdQuantity(), p.source(), p.destinations())
                .withDocuments(p.documents()).withUsVolumeCap(p.usVolumeCap());
    }

    /** A version as stored before effective dates and the catalogue: its own family list. */
    public static Policy legacyV1() {
        String path = "stored-events/v1/PolicyAdoptedEvent.json";
        try (InputStream in = Mother.class.getClassLoader().getResourceAsStream(path)) {
            JsonNode stored = StoredEventJson.mapper().readTree(in);
            return StoredEventJson.mapper().treeToValue(stored.path("policy"), Policy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** US units reported: every test's grant fits, so the US-volume cap decides nothing here. */
    public static final long AMPLE_US_UNITS = 1_000_000_000L;

    /** Ample US volume for an application of {@code sku} requested at {@code requestedAt}. */
    public static UsVolumeStanding ampleUsVolume(String sku, Instant requestedAt) {
        return new UsVolumeStanding(UsVolumeRule.productClass(sku).orElseThrow(), Quarter.of(requestedAt),
                AMPLE_US_UNITS, 0, 0);
    }

    /** Ample US volume for the H200 applications requested at {@link #REQUESTED_AT}. */
    public static UsVolumeStanding ampleUsVolume() {
        return ampleUsVolume("H200-SXM-141GB", REQUESTED_AT);
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
                familyOf(sku), quantity, scenario, REQUESTED_AT, NOW, "CN", TransactionKind.EXPORT, null, null);
    }

    public static ApplicationReceivedEvent received(String sku, long quantity, String scenario) {
        return receivedAt(REQUESTED_AT, sku, quantity, scenario);
    }

    /** An application whose order was requested at {@code requestedAt}. */
    public static ApplicationReceivedEvent receivedAt(Instant requestedAt, String sku, long quantity,
                                                      String scenario) {
        return new ApplicationReceivedEvent(ORDER, REQUEST_EVENT, CUSTOMER, "Example AI Lab", sku,
                familyOf(sku), quantity, scenario, Quarter.of(requestedAt), requestedAt, NOW, "CN",
                TransactionKind.EXPORT, null, null);
    }

    /**
     * An application for 10 units of H200 with a good scenario, requested at {@code requestedAt},
     * going to {@code destination} as {@code kind} for a buyer and parent headquartered as given.
     */
    public static ApplicationReceivedEvent receivedFor(Instant requestedAt, String destination,
                                                       TransactionKind kind, String buyerHeadquarters,
                                                       String parentHeadquarters) {
        String sku = "H200-SXM-141GB";
        return new ApplicationReceivedEvent(ORDER, REQUEST_EVENT, CUSTOMER, "Example AI Lab", sku,
                familyOf(sku), 10, GOOD_SCENARIO, Quarter.of(requestedAt), requestedAt, NOW, destination, kind,
                buyerHeadquarters, parentHeadquarters);
    }

    /** A register history of {@code versions}, adopted in this order. */
    public static PolicyHistory historyOf(Policy... versions) {
        List<PolicyHistory.Adopted> adopted = new ArrayList<>();
        for (int i = 0; i < versions.length; i++) {
            adopted.add(new PolicyHistory.Adopted(versions[i], NOW, i + 1));
        }
        return new PolicyHistory(adopted);
    }

    /** The shipped history: the baseline, then the version in force from 15 January 2026. */
    public static PolicyHistory shippedHistory() {
        return historyOf(baseline(), policy2026());
    }

    /** The buyer's KYC attestation: issued 1 October 2026, valid to 30 September 2027. */
    public static SuppliedDocument kycAttestation() {
        return new SuppliedDocument(DocumentKind.BUYER_KYC_ATTESTATION, "Example AI Lab compliance office",
                LocalDate.parse("2026-10-01"), LocalDate.parse("2027-09-30"), "KYC-2026-0042",
                "3f1a0c5e9b7d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468");
    }

    /** The lab's report on this shipment: issued 20 October 2026, valid to 31 January 2027. */
    public static SuppliedDocument labTestReport() {
        return new SuppliedDocument(DocumentKind.LAB_TEST_REPORT, "US Accelerator Test Labs Inc.",
                LocalDate.parse("2026-10-20"), LocalDate.parse("2027-01-31"), "LAB-2026-1187",
                "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b");
    }

    /** {@code document} supplied for {@link #ORDER} at {@link #NOW}. */
    public static DocumentSuppliedEvent supplied(SuppliedDocument document) {
        return new DocumentSuppliedEvent(ORDER, document, NOW);
    }

    /**
     * An application's history with both documents the 2026 version requires supplied right after
     * its first event ({@code first}, the application received), then {@code rest}: for tests of
     * the rules other than documents, which hold whatever documents the application carries.
     */
    public static List<Object> documented(Object first, Object... rest) {
        List<Object> events = new ArrayList<>();
        events.add(first);
        events.add(supplied(kycAttestation()));
        events.add(supplied(labTestReport()));
        events.addAll(Arrays.asList(rest));
        return events;
    }

    /** {@code facts} with both documents the 2026 version requires, judged at {@link #NOW}. */
    public static ApplicationFacts documentedFacts(ApplicationFacts facts) {
        return facts.withDocuments(new DocumentsOnFile(List.of(kycAttestation(), labTestReport()), NOW));
    }

    private static String familyOf(String sku) {
        return ProductCatalogue.standard().classify(sku).family();
    }
}
