package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tollgate.contracts.testkit.WireEventSamples;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A supplied document's field rules, the one copy both services' edges and the wire event use:
 * each broken rule names its field and carries the code the services answer with.
 */
class SuppliedDocumentTest {

    private static final LocalDate ISSUED = LocalDate.parse("2026-11-30");
    private static final String SHA = "9C8B7A6F5E4D3C2B1A0F9E8D7C6B5A4F3E2D1C0B9A8F7E6D5C4B3A2F1E0D9C8B";

    @Test
    void aGoodDocumentIsTrimmedAndItsDigestLowerCased() {
        // when
        SuppliedDocument document = SuppliedDocument.of("LAB_TEST_REPORT", " US Labs ", ISSUED,
                ISSUED.plusDays(60), " LAB-1 ", SHA);

        // then
        assertThat(document.kind()).isEqualTo(DocumentKind.LAB_TEST_REPORT);
        assertThat(document.issuer()).isEqualTo("US Labs");
        assertThat(document.reference()).isEqualTo("LAB-1");
        assertThat(document.sha256()).matches(SuppliedDocument.SHA256_PATTERN);
    }

    @ParameterizedTest(name = "{0}={1} -> {2} on {3}")
    @CsvSource(delimiter = '|', textBlock = """
            kind      | PASSPORT   | DOCUMENT_KIND_UNKNOWN  | kind
            kind      |            | DOCUMENT_KIND_UNKNOWN  | kind
            issuer    |            | INVALID_FIELD          | issuer
            issuer    | 'a\tb'     | INVALID_FIELD          | issuer
            issuer    | LONG201    | LIMIT_EXCEEDED         | issuer
            reference | ' '        | INVALID_FIELD          | reference
            reference | LONG101    | LIMIT_EXCEEDED         | reference
            issuedOn  |            | INVALID_FIELD          | issuedOn
            expiresOn |            | INVALID_FIELD          | expiresOn
            expiresOn | 2026-11-29 | DOCUMENT_DATES_INVALID | expiresOn
            expiresOn | 2036-12-08 | LIMIT_EXCEEDED         | expiresOn
            sha256    | not-a-hash | INVALID_FIELD          | sha256
            sha256    |            | INVALID_FIELD          | sha256
            """)
    void aBrokenRuleNamesItsFieldAndCode(String field, String value, String code, String named) {
        // given
        String v = value == null ? null : value.startsWith("LONG") ? "x".repeat(Integer.parseInt(value.substring(4)))
                : value.replace("\\t", "\t");
        String kind = field.equals("kind") ? v : "BUYER_KYC_ATTESTATION";
        String issuer = field.equals("issuer") ? v : "Example AI Lab";
        String reference = field.equals("reference") ? v : "KYC-1";
        LocalDate issuedOn = field.equals("issuedOn") ? null : ISSUED;
        LocalDate expiresOn = field.equals("expiresOn") ? (v == null ? null : LocalDate.parse(v))
                : ISSUED.plusDays(365);
        String sha256 = field.equals("sha256") ? v : SHA;

        // when
        Throwable thrown = catchThrowable(() -> SuppliedDocument.of(kind, issuer, issuedOn, expiresOn, reference,
                sha256));

        // then
        assertThat(thrown).isInstanceOf(DocumentRuleException.class);
        assertThat(((DocumentRuleException) thrown).code()).isEqualTo(code);
        assertThat(((DocumentRuleException) thrown).field()).isEqualTo(named);
    }

    @Test
    void theLongestValidityIsTenYearsFromIssue() {
        // when
        SuppliedDocument document = SuppliedDocument.of("BUYER_KYC_ATTESTATION", "Example AI Lab", ISSUED,
                ISSUED.plusDays(SuppliedDocument.VALIDITY_DAYS_MAX), "KYC-1", SHA);

        // then
        assertThat(document.expiresOn()).isEqualTo(ISSUED.plusDays(3_660));
    }

    @Test
    void todaysChecksRefuseADocumentFromTheFutureAndAnExpiredOne() {
        // given
        SuppliedDocument document = SuppliedDocument.of("LAB_TEST_REPORT", "US Labs", ISSUED,
                ISSUED.plusDays(60), "LAB-1", SHA);

        // when
        DocumentRuleException future = (DocumentRuleException) catchThrowable(
                () -> document.requireCurrentOn(ISSUED.minusDays(1)));
        DocumentRuleException expired = (DocumentRuleException) catchThrowable(
                () -> document.requireCurrentOn(ISSUED.plusDays(61)));

        // then
        assertThat(future.code()).isEqualTo("DOCUMENT_DATES_INVALID");
        assertThat(future.field()).isEqualTo("issuedOn");
        assertThat(expired.code()).isEqualTo("DOCUMENT_EXPIRED");
        assertThat(expired.field()).isEqualTo("expiresOn");
        assertThat(document.requireCurrentOn(ISSUED)).isSameAs(document);
        assertThat(document.requireCurrentOn(ISSUED.plusDays(60))).isSameAs(document);
    }

    @Test
    void theWireEventHoldsTheSameRulesAndLowerCasesTheDigest() {
        // given
        DocumentSuppliedV1 sample = WireEventSamples.documentSupplied();

        // when
        Throwable reversed = catchThrowable(() -> new DocumentSuppliedV1(sample.orderId(), sample.kind(),
                sample.issuer(), sample.expiresOn(), sample.issuedOn(), sample.reference(), sample.sha256(),
                sample.suppliedBy(), sample.occurredAt()));
        DocumentSuppliedV1 upper = new DocumentSuppliedV1("order-1", sample.document(), "erp", Instant.EPOCH);
        DocumentSuppliedV1 fromUpper = new DocumentSuppliedV1("order-1", sample.kind(), sample.issuer(),
                sample.issuedOn(), sample.expiresOn(), sample.reference(), SHA, "erp", Instant.EPOCH);

        // then
        assertThat(((DocumentRuleException) reversed).field()).isEqualTo("expiresOn");
        assertThat(fromUpper.sha256()).isEqualTo(SHA.toLowerCase());
        assertThat(upper.document()).isEqualTo(sample.document());
    }
}
