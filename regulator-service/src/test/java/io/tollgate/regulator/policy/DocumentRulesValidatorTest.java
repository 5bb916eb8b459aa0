package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.DocumentKind;
import io.tollgate.regulator.testdata.Mother;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A version's documents section is checked when it is adopted; each failure names the field. */
class DocumentRulesValidatorTest {

    private static final DocumentRequirement KYC = new DocumentRequirement(DocumentKind.BUYER_KYC_ATTESTATION,
            "kyc", "The consignee's KYC attestation", 365);

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of(new DocumentRules(null), "documents.required"),
                Arguments.of(new DocumentRules(Arrays.asList(KYC, null)), "documents.required[1].kind"),
                Arguments.of(new DocumentRules(List.of(KYC, KYC)), "documents.required[1].kind"),
                Arguments.of(new DocumentRules(List.of(KYC, KYC, KYC)), "documents.required"),
                Arguments.of(rules(new DocumentRequirement(null, "kyc", "text", null)), "documents.required[0].kind"),
                Arguments.of(rules(new DocumentRequirement(DocumentKind.LAB_TEST_REPORT, "Lab Report", "text", null)),
                        "documents.required[0].clause"),
                Arguments.of(rules(new DocumentRequirement(DocumentKind.LAB_TEST_REPORT, Clauses.UNIT_CAP, "text",
                        null)), "documents.required[0].clause"),
                Arguments.of(rules(new DocumentRequirement(DocumentKind.LAB_TEST_REPORT, "lab", " ", null)),
                        "documents.required[0].text"),
                Arguments.of(rules(new DocumentRequirement(DocumentKind.LAB_TEST_REPORT, "lab",
                        "x".repeat(PolicyValidator.TEXT_MAX + 1), null)), "documents.required[0].text"),
                Arguments.of(rules(new DocumentRequirement(DocumentKind.LAB_TEST_REPORT, "lab", "text", 0)),
                        "documents.required[0].maxAgeDays"),
                Arguments.of(rules(new DocumentRequirement(DocumentKind.LAB_TEST_REPORT, "lab", "text",
                        PolicyValidator.DOCUMENT_AGE_DAYS_MAX + 1)), "documents.required[0].maxAgeDays"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bad")
    void aBadSectionIsRefusedNamingTheField(DocumentRules rules, String field) {
        Policy policy = Mother.policy2026().withDocuments(rules);

        assertThatThrownBy(() -> PolicyValidator.validate(policy)).isInstanceOf(InvalidPolicyException.class)
                .extracting(e -> ((InvalidPolicyException) e).field()).isEqualTo(field);
    }

    @Test
    void theShippedSectionsAnEmptyOneAndNoneAtAllAreAccepted() {
        assertThatCode(() -> PolicyValidator.validate(Mother.policy2026())).doesNotThrowAnyException();
        assertThatCode(() -> PolicyValidator.validate(Mother.baseline())).doesNotThrowAnyException();
        assertThatCode(() -> PolicyValidator.validate(Mother.policy2026().withDocuments(DocumentRules.NONE)))
                .doesNotThrowAnyException();
        assertThatCode(() -> PolicyValidator.validate(Mother.policy2026().withDocuments(null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> PolicyValidator.validate(Mother.policy2026().withDocuments(rules(
                new DocumentRequirement(DocumentKind.LAB_TEST_REPORT, "lab", "text",
                        PolicyValidator.DOCUMENT_AGE_DAYS_MAX))))).doesNotThrowAnyException();
    }

    private static DocumentRules rules(DocumentRequirement requirement) {
        return new DocumentRules(List.of(requirement));
    }
}
