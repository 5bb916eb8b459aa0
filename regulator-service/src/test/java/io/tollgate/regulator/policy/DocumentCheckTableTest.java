package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.DocumentKind;
import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documents rule as a table, under the shipped versions: each kind missing, each expiring the
 * day before, on, or after the decision's day, each at the edge of its maximum age, both present;
 * the baseline version and a version without the section require none.
 */
class DocumentCheckTableTest {

    /** The decision instant: late on 2 November 2026, UTC (its day is what counts). */
    private static final Instant DECIDED_AT = Instant.parse("2026-11-02T23:59:59Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-02");

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        rows.add(row("both present", List.of(kyc(DAY.minusDays(30), DAY.plusDays(300)),
                lab(DAY.minusDays(10), DAY.plusDays(60))), ""));
        rows.add(row("none supplied", List.of(), "BUYER_KYC_ATTESTATION=DOCUMENT_MISSING,"
                + "LAB_TEST_REPORT=DOCUMENT_MISSING"));
        rows.add(row("KYC missing", List.of(lab(DAY.minusDays(10), DAY.plusDays(60))),
                "BUYER_KYC_ATTESTATION=DOCUMENT_MISSING"));
        rows.add(row("lab report missing", List.of(kyc(DAY.minusDays(30), DAY.plusDays(300))),
                "LAB_TEST_REPORT=DOCUMENT_MISSING"));
        for (DocumentKind kind : DocumentKind.values()) {
            rows.add(row(kind + " expired the day before", withExpiry(kind, DAY.minusDays(1)),
                    kind + "=DOCUMENT_EXPIRED"));
            rows.add(row(kind + " expires on the decision's day", withExpiry(kind, DAY), ""));
            rows.add(row(kind + " expires the day after", withExpiry(kind, DAY.plusDays(1)), ""));
        }
        // Maximum age: 365 days for the attestation, 90 for the lab report (the 2026 version).
        rows.add(row("KYC issued 365 days before", List.of(kyc(DAY.minusDays(365), DAY.plusDays(1)),
                lab(DAY, DAY)), ""));
        rows.add(row("KYC issued 366 days before", List.of(kyc(DAY.minusDays(366), DAY.plusDays(1)),
                lab(DAY, DAY)), "BUYER_KYC_ATTESTATION=DOCUMENT_EXPIRED"));
        rows.add(row("lab report issued 90 days before", List.of(kyc(DAY, DAY),
                lab(DAY.minusDays(90), DAY.plusDays(1))), ""));
        rows.add(row("lab report issued 91 days before", List.of(kyc(DAY, DAY),
                lab(DAY.minusDays(91), DAY.plusDays(1))), "LAB_TEST_REPORT=DOCUMENT_EXPIRED"));
        rows.add(row("an expired and a current attestation", List.of(kyc(DAY.minusDays(400), DAY.minusDays(40)),
                kyc(DAY.minusDays(5), DAY.plusDays(100)), lab(DAY, DAY)), ""));
        rows.add(row("both expired", List.of(kyc(DAY.minusDays(400), DAY.minusDays(40)),
                lab(DAY.minusDays(60), DAY.minusDays(1))),
                "BUYER_KYC_ATTESTATION=DOCUMENT_EXPIRED,LAB_TEST_REPORT=DOCUMENT_EXPIRED"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("rows")
    void eachRowWaitsForExactlyTheKindsMissingOrExpiredAtTheDecision(String name, List<SuppliedDocument> supplied,
                                                                    String expected) {
        // given
        Policy policy = Mother.policy2026();
        ApplicationFacts facts = new ApplicationFacts("H200-NVL", 10, Mother.GOOD_SCENARIO)
                .withDocuments(new DocumentsOnFile(supplied, DECIDED_AT));

        // when
        List<MissingDocument> missing = DocumentCheck.missing(policy.documentRules(), facts.documents());
        Verdict verdict = PolicyEvaluator.evaluate(policy, facts, Mother.designated(), PolicyEvaluator.Mode.RULES);

        // then
        assertThat(missing.stream().map(m -> m.kind() + "=" + m.code()).collect(Collectors.joining(",")))
                .isEqualTo(expected);
        if (expected.isEmpty()) {
            assertThat(verdict.outcome()).isEqualTo(Outcome.GRANT);
        } else {
            assertThat(verdict.outcome()).isEqualTo(Outcome.NEEDS_DOCUMENTS);
            assertThat(verdict.reasons()).extracting(r -> r.code()).containsExactlyElementsOf(
                    missing.stream().map(MissingDocument::code).toList());
            assertThat(verdict.usExport().code()).isEqualTo(missing.stream()
                    .anyMatch(m -> m.code() == ReasonCode.DOCUMENT_MISSING) ? "DOCUMENT_MISSING" : "DOCUMENT_EXPIRED");
            assertThat(verdict.cnImport()).isNull();
            assertThat(verdict.clause()).isEqualTo(missing.get(0).clause());
        }
    }

    @Test
    void theBaselineVersionRequiresNoDocument() {
        // given
        Policy baseline = Mother.baseline();

        // when
        List<MissingDocument> missing = DocumentCheck.missing(baseline.documentRules(),
                new DocumentsOnFile(List.of(), DECIDED_AT));

        // then
        assertThat(baseline.documentRules().required()).isEmpty();
        assertThat(missing).isEmpty();
    }

    @Test
    void aVersionStoredWithoutTheSectionRequiresNoneAndGrantsWithoutPapers() {
        // given: the version as stored before documents (no section at all)
        Policy stored = PolicyDocuments.read(PolicyDocuments.write(Mother.policy2026().withDocuments(null)));
        ApplicationFacts facts = new ApplicationFacts("H200-NVL", 10, Mother.GOOD_SCENARIO);

        // when
        Verdict verdict = PolicyEvaluator.evaluate(stored, facts, Mother.designated(), PolicyEvaluator.Mode.RULES);

        // then
        assertThat(PolicyDocuments.write(stored)).doesNotContain("documents");
        assertThat(stored.documentRules()).isEqualTo(DocumentRules.NONE);
        assertThat(verdict.outcome()).isEqualTo(Outcome.GRANT);
    }

    @Test
    void aProhibitedProductIsDeniedBeforeAnyDocumentIsAskedFor() {
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(), new ApplicationFacts("B200", 10,
                Mother.GOOD_SCENARIO), Mother.designated(), PolicyEvaluator.Mode.RULES);

        assertThat(verdict.outcome()).isEqualTo(Outcome.DENY);
        assertThat(verdict.reasons()).extracting(r -> r.code()).containsExactly(ReasonCode.PRODUCT_PROHIBITED);
    }

    @Test
    void anOfficerGrantStillNeedsTheDocuments() {
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(), new ApplicationFacts("H200-NVL", 5000,
                Mother.GOOD_SCENARIO), Mother.designated(), PolicyEvaluator.Mode.OFFICER_GRANT);

        assertThat(verdict.outcome()).isEqualTo(Outcome.NEEDS_DOCUMENTS);
    }

    private static Arguments row(String name, List<SuppliedDocument> supplied, String expected) {
        return Arguments.of(name, supplied, expected);
    }

    /** Both kinds current, except {@code kind}, which expires on {@code expiresOn}. */
    private static List<SuppliedDocument> withExpiry(DocumentKind kind, LocalDate expiresOn) {
        LocalDate issued = DAY.minusDays(20);
        return List.of(kind == DocumentKind.BUYER_KYC_ATTESTATION ? kyc(issued, expiresOn) : kyc(issued, DAY.plusDays(300)),
                kind == DocumentKind.LAB_TEST_REPORT ? lab(issued, expiresOn) : lab(issued, DAY.plusDays(60)));
    }

    private static SuppliedDocument kyc(LocalDate issuedOn, LocalDate expiresOn) {
        return new SuppliedDocument(DocumentKind.BUYER_KYC_ATTESTATION, "Example AI Lab", issuedOn, expiresOn,
                "KYC-" + issuedOn, "a".repeat(64));
    }

    private static SuppliedDocument lab(LocalDate issuedOn, LocalDate expiresOn) {
        return new SuppliedDocument(DocumentKind.LAB_TEST_REPORT, "US Accelerator Test Labs", issuedOn, expiresOn,
                "LAB-" + issuedOn, "b".repeat(64));
    }
}
