package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.Countries;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The destination and party rules of the shipped versions, one row per rule: each destination,
 * each headquarters case, reexport and in-country transfer, on both sides of the instant the BIS
 * rule took effect (2026-01-15T05:00:00Z). The application is otherwise one the 2026 version grants
 * (H200, designated customer, good scenario, 10 units), so every difference is the rule's.
 */
class DestinationRulesTest {

    private static final PolicyHistory SHIPPED = Mother.shippedHistory();
    private static final Instant EFFECTIVE = Instant.parse("2026-01-15T05:00:00Z");

    @ParameterizedTest(name = "{0} {1} to {2}, buyer {3}, parent {4} -> {5} {6} ({7})")
    @CsvSource(nullValues = "-", textBlock = """
        # at                     | kind                | dest | buyer | parent | outcome | code                              | clause
        2026-01-15T05:00:00Z     | EXPORT              | CN   | -     | -      | GRANT   | -                                 | case-by-case-h200-class
        2026-01-15T05:00:00Z     | EXPORT              | MO   | -     | -      | GRANT   | -                                 | case-by-case-h200-class
        2026-01-15T05:00:00Z     | EXPORT              | CN   | US    | US     | GRANT   | -                                 | case-by-case-h200-class
        2026-01-15T05:00:00Z     | EXPORT              | CN   | CN    | KY     | GRANT   | -                                 | case-by-case-h200-class
        2026-01-15T05:00:00Z     | REEXPORT            | CN   | CN    | CN     | DENY    | TRANSACTION_PRESUMPTION_OF_DENIAL | reexport-transfer-presumption-of-denial
        2026-01-15T05:00:00Z     | IN_COUNTRY_TRANSFER | CN   | -     | -      | DENY    | TRANSACTION_PRESUMPTION_OF_DENIAL | reexport-transfer-presumption-of-denial
        2026-01-15T05:00:00Z     | REEXPORT            | MO   | -     | -      | DENY    | TRANSACTION_PRESUMPTION_OF_DENIAL | reexport-transfer-presumption-of-denial
        2026-01-15T05:00:00Z     | IN_COUNTRY_TRANSFER | MY   | MY    | MY     | DENY    | TRANSACTION_PRESUMPTION_OF_DENIAL | reexport-transfer-presumption-of-denial
        2026-01-15T05:00:00Z     | EXPORT              | MY   | CN    | CN     | DENY    | HEADQUARTERS_LICENCE_REQUIRED     | macau-d5-headquarters
        2026-01-15T05:00:00Z     | EXPORT              | MY   | MY    | CN     | DENY    | HEADQUARTERS_LICENCE_REQUIRED     | macau-d5-headquarters
        2026-01-15T05:00:00Z     | EXPORT              | SG   | MO    | SG     | DENY    | HEADQUARTERS_LICENCE_REQUIRED     | macau-d5-headquarters
        2026-01-15T05:00:00Z     | EXPORT              | DE   | DE    | RU     | DENY    | HEADQUARTERS_LICENCE_REQUIRED     | macau-d5-headquarters
        2026-01-15T05:00:00Z     | EXPORT              | AE   | IR    | AE     | DENY    | HEADQUARTERS_LICENCE_REQUIRED     | macau-d5-headquarters
        2026-01-15T05:00:00Z     | EXPORT              | RU   | DE    | DE     | DENY    | DESTINATION_PRESUMPTION_OF_DENIAL | d5-destination-presumption-of-denial
        2026-01-15T05:00:00Z     | EXPORT              | VE   | US    | US     | DENY    | DESTINATION_PRESUMPTION_OF_DENIAL | d5-destination-presumption-of-denial
        2026-01-15T05:00:00Z     | EXPORT              | DE   | DE    | US     | DENY    | OUTSIDE_LICENSING_SCOPE           | outside-licensing-scope
        2026-01-15T05:00:00Z     | EXPORT              | KH   | KH    | KH     | DENY    | OUTSIDE_LICENSING_SCOPE           | outside-licensing-scope
        2026-01-15T05:00:00Z     | EXPORT              | HK   | HK    | HK     | GRANT   | -                                 | case-by-case-h200-class
        2026-01-15T05:00:00Z     | EXPORT              | GB   | GB    | HK     | DENY    | HEADQUARTERS_LICENCE_REQUIRED     | macau-d5-headquarters
        2026-01-15T04:59:59.999Z | EXPORT              | CN   | -     | -      | DENY    | PRODUCT_PROHIBITED                | presumption-of-denial
        2026-01-15T04:59:59.999Z | EXPORT              | MO   | -     | -      | DENY    | PRODUCT_PROHIBITED                | presumption-of-denial
        2026-01-15T04:59:59.999Z | REEXPORT            | CN   | -     | -      | DENY    | TRANSACTION_PRESUMPTION_OF_DENIAL | reexport-transfer-presumption-of-denial
        2026-01-15T04:59:59.999Z | IN_COUNTRY_TRANSFER | MO   | -     | -      | DENY    | TRANSACTION_PRESUMPTION_OF_DENIAL | reexport-transfer-presumption-of-denial
        2026-01-15T04:59:59.999Z | EXPORT              | MY   | CN    | CN     | DENY    | HEADQUARTERS_LICENCE_REQUIRED     | macau-d5-headquarters
        2026-01-15T04:59:59.999Z | EXPORT              | RU   | DE    | DE     | DENY    | DESTINATION_PRESUMPTION_OF_DENIAL | d5-destination-presumption-of-denial
        2026-01-15T04:59:59.999Z | EXPORT              | DE   | DE    | US     | DENY    | OUTSIDE_LICENSING_SCOPE           | outside-licensing-scope
        """, delimiter = '|')
    void eachDestinationPartyAndTransactionIsDecidedByItsClause(Instant at, TransactionKind kind,
                                                                String destination, String buyer,
                                                                String parent, Outcome outcome,
                                                                ReasonCode code, String clause) {
        // given
        Policy policy = SHIPPED.inForceAt(at);
        ApplicationFacts facts = facts(destination, kind, buyer, parent);

        // when
        Verdict verdict = PolicyEvaluator.evaluate(policy, facts, Mother.designated(), PolicyEvaluator.Mode.RULES);

        // then
        assertThat(policy.version()).isEqualTo(at.isBefore(EFFECTIVE) ? "baseline.1" : "2026-01-15.1");
        assertThat(verdict.outcome()).isEqualTo(outcome);
        assertThat(verdict.clause()).isEqualTo(clause);
        if (code == null) {
            assertThat(verdict.reasons()).isEmpty();
        } else {
            assertThat(verdict.reasons()).extracting(r -> r.code()).containsExactly(code);
            assertThat(verdict.reasons().get(0).track()).isEqualTo(Track.US_EXPORT);
            assertThat(verdict.usExport().code()).isEqualTo(code.name());
            assertThat(verdict.cnImport()).isNull();
        }
    }

    @ParameterizedTest(name = "an officer cannot grant a {0} to {1}")
    @CsvSource({"REEXPORT, CN, CN", "EXPORT, MY, CN", "EXPORT, DE, US"})
    void anOfficerGrantCannotOverrideADestinationRule(TransactionKind kind, String destination, String buyer) {
        // given
        ApplicationFacts facts = facts(destination, kind, buyer, buyer);

        // when
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(), facts, Mother.designated(),
                PolicyEvaluator.Mode.OFFICER_GRANT);

        // then
        assertThat(verdict.outcome()).isEqualTo(Outcome.DENY);
    }

    @ParameterizedTest(name = "V1-era application, {0} units of {1}, scenario {2}")
    @CsvSource(nullValues = "-", value = {
        "10,   H200-SXM-141GB, good",
        "5000, H200-SXM-141GB, good",
        "10,   H200-NVL,       -",
        "10,   B200,           good",
        "10,   A100-80GB,      good",
        "10,   MI325X,         good",
    })
    void anApplicationOfAV1OrderIsDecidedAsBeforeUnderEveryVersion(long quantity, String sku, String scenario) {
        // given: the facts as a V1 order carried them, and as its upcast to V2 reads
        String text = scenario == null ? null : Mother.GOOD_SCENARIO;
        ApplicationFacts v1 = Mother.documentedFacts(new ApplicationFacts(sku, quantity, text, null));
        ApplicationFacts upcast = Mother.documentedFacts(new ApplicationFacts(sku, quantity, text, null, Countries.CHINA,
                TransactionKind.EXPORT, null, null));

        for (Policy policy : List.of(Mother.baseline(), Mother.policy2026(), Mother.legacyV1(),
                withoutDestinations(Mother.policy2026()))) {
            // when
            Verdict before = PolicyEvaluator.evaluate(withoutDestinations(policy), v1, Mother.designated(),
                    PolicyEvaluator.Mode.RULES);
            Verdict after = PolicyEvaluator.evaluate(policy, upcast, Mother.designated(),
                    PolicyEvaluator.Mode.RULES);

            // then
            assertThat(after).as(policy.version()).isEqualTo(before);
        }
    }

    @Test
    void aVersionStoredBeforeDestinationRulesRefusesAnythingButAnExportToChinaOrMacau() {
        // given
        Policy stored = withoutDestinations(Mother.policy2026());

        // when
        Verdict germany = PolicyEvaluator.evaluate(stored, facts("DE", TransactionKind.EXPORT, "DE", "DE"),
                Mother.designated(), PolicyEvaluator.Mode.RULES);
        Verdict macau = PolicyEvaluator.evaluate(stored, facts("MO", TransactionKind.EXPORT, null, null),
                Mother.designated(), PolicyEvaluator.Mode.RULES);

        // then
        assertThat(germany.outcome()).isEqualTo(Outcome.DENY);
        assertThat(germany.clause()).isEqualTo(Clauses.DESTINATION_NOT_REVIEWED);
        assertThat(macau.outcome()).isEqualTo(Outcome.GRANT);
    }

    @Test
    void theShippedVersionsEncodeMacauAndCountryGroupD5AsData() {
        for (Policy policy : List.of(Mother.baseline(), Mother.policy2026())) {
            DestinationRules rules = policy.destinations();
            assertThat(rules.reviewedDestinations()).containsExactly("CN", "HK", "MO");
            assertThat(rules.reviewedTransactions()).containsExactly(TransactionKind.EXPORT);
            assertThat(rules.licenceHeadquarters()).containsExactly("HK", "MO");
            assertThat(rules.countryGroupD5()).contains("CN", "RU", "IR", "KP", "VE").doesNotContain("MO", "HK",
                    "KH", "TW");
            assertThat(rules.countryGroupD5Source()).contains("Supplement No. 1 to EAR part 740");
        }
    }

    @Test
    void aVersionAdoptedNowMustSayWhatItReviews() {
        // given
        Policy p = Mother.policy2026();
        DestinationRules d = p.destinations();
        DestinationRules lowercase = new DestinationRules(List.of("cn"), d.reviewedTransactions(),
                d.licenceHeadquarters(), d.countryGroupD5(), d.countryGroupD5Source(), d.transactionRule(),
                d.headquartersRule(), d.destinationRule(), d.outsideScopeRule());
        DestinationRules reserved = new DestinationRules(d.reviewedDestinations(), d.reviewedTransactions(),
                d.licenceHeadquarters(), d.countryGroupD5(), d.countryGroupD5Source(),
                new PartyRule(Clauses.UNIT_CAP, "x"), d.headquartersRule(), d.destinationRule(),
                d.outsideScopeRule());

        // when / then
        assertInvalid(withDestinations(p, null), "destinations");
        assertInvalid(withDestinations(p, lowercase), "destinations.reviewedDestinations[0]");
        assertInvalid(withDestinations(p, reserved), "destinations.transactionRule.clause");
    }

    private static void assertInvalid(Policy policy, String field) {
        assertThatThrownBy(() -> PolicyValidator.validate(policy))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static ApplicationFacts facts(String destination, TransactionKind kind, String buyer, String parent) {
        return Mother.documentedFacts(new ApplicationFacts("H200-SXM-141GB", 10, Mother.GOOD_SCENARIO, null, destination, kind, buyer,
                parent));
    }

    private static Policy withoutDestinations(Policy p) {
        return withDestinations(p, null);
    }

    private static Policy withDestinations(Policy p, DestinationRules rules) {
        return new Policy(p.version(), p.effectiveFrom(), p.productRules(), p.revenueShareRate(), p.payee(),
                p.usageScenario(), p.necessity(), p.reviewThresholdQuantity(), p.source(), p.families(), rules);
    }
}
