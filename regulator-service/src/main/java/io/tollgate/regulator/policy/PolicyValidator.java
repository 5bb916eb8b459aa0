package io.tollgate.regulator.policy;

import io.tollgate.contracts.Countries;
import io.tollgate.contracts.Eligibility;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.TransactionKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rules a policy document must meet before it can be adopted; each failure names the field. */
public final class PolicyValidator {

    /** Bound on the categories of necessity of one version. */
    public static final int NECESSITY_CATEGORIES_MAX = 20;
    private static final String CATEGORY = "[A-Z][A-Z0-9_]{0,59}";
    /** Bound on a rule's text and a version's source note. */
    public static final int TEXT_MAX = 1_000;
    public static final int CATEGORIES_MAX = 200;
    public static final int MIN_LENGTH_MAX = 10_000;
    private static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._-]{0,39}";
    static final String CLAUSE = "[a-z0-9][a-z0-9._-]{0,59}";
    static final Set<String> RESERVED_CLAUSES = Set.of(Clauses.PRODUCT_CATALOGUE,
            Clauses.DESIGNATED_REGISTER, Clauses.UNIT_CAP, Clauses.USAGE_SCENARIO, Clauses.REVIEW_THRESHOLD,
            Clauses.OFFICER_REVIEW, Policy.LEGACY_PRODUCT_CLAUSE, Clauses.DESTINATION_NOT_REVIEWED);
    /** Bound on a required document's {@code maxAgeDays}: ten years. */
    public static final int DOCUMENT_AGE_DAYS_MAX = 3_660;
    /** Bound on each country list of a version's destination rules: every assigned code once. */
    public static final int COUNTRIES_MAX = 249;

    private PolicyValidator() {
    }

    public static void validate(Policy policy) {
        if (policy == null) {
            throw new InvalidPolicyException("body", "is required");
        }
        if (policy.version() == null || !policy.version().matches(VERSION)) {
            throw new InvalidPolicyException("version", "must match " + VERSION);
        }
        if (policy.effectiveFrom() == null) {
            throw new InvalidPolicyException("effectiveFrom", "is required (an ISO-8601 instant)");
        }
        validateProductRules(policy);
        if (policy.source() != null && policy.source().length() > TEXT_MAX) {
            throw new InvalidPolicyException("source", "must be at most " + TEXT_MAX + " characters");
        }
        try {
            RevenueShare.parseRate(policy.revenueShareRate());
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("revenueShareRate", "must be a decimal in [0, 1] such as \"0.25\"");
        }
        if (policy.payee() == null || policy.payee().isBlank() || policy.payee().length() > 100) {
            throw new InvalidPolicyException("payee", "must be 1 to 100 characters");
        }
        if (policy.usageScenario() != null) {
            throw new InvalidPolicyException("usageScenario", "is no longer accepted: the CN track is judged by"
                    + " categories of necessity; put the scenario rule under a category in necessity");
        }
        validateNecessity(policy.necessity());
        if (policy.reviewThresholdQuantity() < 1) {
            throw new InvalidPolicyException("reviewThresholdQuantity", "must be at least 1");
        }
        validateDestinations(policy.destinations());
        if (policy.documents() != null) {
            DocumentRulesValidator.validate(policy.documents(), CLAUSE, RESERVED_CLAUSES);
        }
        UsVolumeCapValidator.validate(policy.usVolumeCap(), policy.destinations());
    }

    private static void validateProductRules(Policy policy) {
        if (policy.families() != null) {
            throw new InvalidPolicyException("families", "is no longer accepted: products are classified by"
                    + " the contract's product catalogue; say what the version does with each eligibility"
                    + " in productRules");
        }
        List<ProductRule> rules = policy.productRules();
        if (rules == null || rules.size() != Eligibility.values().length) {
            throw new InvalidPolicyException("productRules", "must hold one rule for each eligibility "
                    + Arrays.toString(Eligibility.values()));
        }
        Set<Eligibility> seen = EnumSet.noneOf(Eligibility.class);
        for (int i = 0; i < rules.size(); i++) {
            ProductRule rule = rules.get(i);
            String at = "productRules[" + i + "]";
            if (rule == null || rule.eligibility() == null || !seen.add(rule.eligibility())) {
                throw new InvalidPolicyException(at + ".eligibility", "must name an eligibility no other rule names");
            }
            if (rule.licensing() == null) {
                throw new InvalidPolicyException(at + ".licensing", "must be LICENSABLE or PROHIBITED");
            }
            if (rule.clause() == null || !rule.clause().matches(CLAUSE)) {
                throw new InvalidPolicyException(at + ".clause", "must match " + CLAUSE);
            }
            if (RESERVED_CLAUSES.contains(rule.clause())) {
                throw new InvalidPolicyException(at + ".clause", "names a clause every version shares");
            }
            if (rule.text() == null || rule.text().isBlank() || rule.text().length() > TEXT_MAX) {
                throw new InvalidPolicyException(at + ".text", "must be 1 to " + TEXT_MAX + " characters");
            }
        }
    }

    private static void validateNecessity(NecessityRule rule) {
        if (rule == null) {
            throw new InvalidPolicyException("necessity", "is required");
        }
        List<NecessityCategory> categories = rule.categories();
        if (categories.isEmpty() || categories.size() > NECESSITY_CATEGORIES_MAX) {
            throw new InvalidPolicyException("necessity.categories", "must hold 1 to " + NECESSITY_CATEGORIES_MAX
                    + " categories");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            NecessityCategory c = categories.get(i);
            String at = "necessity.categories[" + i + "]";
            if (c == null || c.name() == null || !c.name().matches(CATEGORY) || !names.add(c.name())) {
                throw new InvalidPolicyException(at + ".name", "must match " + CATEGORY
                        + " and name no other category");
            }
            if (c.clause() == null || !c.clause().matches(CLAUSE) || RESERVED_CLAUSES.contains(c.clause())) {
                throw new InvalidPolicyException(at + ".clause", "must match " + CLAUSE
                        + " and not name a clause every version shares");
            }
            if (c.text() == null || c.text().isBlank() || c.text().length() > TEXT_MAX) {
                throw new InvalidPolicyException(at + ".text", "must be 1 to " + TEXT_MAX + " characters");
            }
            if (c.exempt() && c.scenario() != null) {
                throw new InvalidPolicyException(at + ".scenario", "must be absent: an exempt category needs no"
                        + " scenario (an officer checks the claim)");
            }
            if (!c.exempt()) {
                validateScenario(at + ".scenario", c.scenario());
            }
        }
        Optional<NecessityCategory> fallback = rule.defaultCategory() == null ? Optional.empty()
                : categories.stream().filter(c -> c.name().equals(rule.defaultCategory())).findFirst();
        if (fallback.isEmpty() || fallback.get().exempt()) {
            throw new InvalidPolicyException("necessity.defaultCategory", "must name a category that is not exempt:"
                    + " an order states no category, and an exemption is only ever claimed");
        }
    }

    private static void validateScenario(String field, UsageScenarioRule rule) {
        if (rule == null) {
            throw new InvalidPolicyException(field, "is required");
        }
        if (rule.minLength() < 0 || rule.minLength() > MIN_LENGTH_MAX) {
            throw new InvalidPolicyException(field + ".minLength", "must be in [0, " + MIN_LENGTH_MAX + "]");
        }
        if (rule.workloadCategories().size() > CATEGORIES_MAX) {
            throw new InvalidPolicyException(field + ".workloadCategories",
                    "must hold at most " + CATEGORIES_MAX + " categories");
        }
        for (int i = 0; i < rule.workloadCategories().size(); i++) {
            String category = rule.workloadCategories().get(i);
            if (category == null || category.isBlank() || category.length() > 60) {
                throw new InvalidPolicyException(field + ".workloadCategories[" + i + "]",
                        "must be 1 to 60 characters");
            }
        }
    }

    /**
     * A version adopted now must say which destinations it reviews: without them a newer order to
     * anywhere would be refused under the legacy rule, which is right for stored versions only.
     */
    private static void validateDestinations(DestinationRules rules) {
        if (rules == null) {
            throw new InvalidPolicyException("destinations", "is required: the destinations, transaction"
                    + " kinds and headquarters countries the version reviews");
        }
        countries("destinations.reviewedDestinations", rules.reviewedDestinations(), 1);
        if (rules.reviewedTransactions() == null || rules.reviewedTransactions().isEmpty()
                || rules.reviewedTransactions().contains(null)) {
            throw new InvalidPolicyException("destinations.reviewedTransactions", "must name at least one of "
                    + Arrays.toString(TransactionKind.values()));
        }
        countries("destinations.licenceHeadquarters", rules.licenceHeadquarters(), 0);
        countries("destinations.countryGroupD5", rules.countryGroupD5(), 0);
        if (rules.countryGroupD5Source() == null || rules.countryGroupD5Source().isBlank()
                || rules.countryGroupD5Source().length() > TEXT_MAX) {
            throw new InvalidPolicyException("destinations.countryGroupD5Source", "must be 1 to " + TEXT_MAX
                    + " characters: where the list was taken from, and as of when");
        }
        partyRule("destinations.transactionRule", rules.transactionRule());
        partyRule("destinations.headquartersRule", rules.headquartersRule());
        partyRule("destinations.destinationRule", rules.destinationRule());
        partyRule("destinations.outsideScopeRule", rules.outsideScopeRule());
    }

    static void countries(String field, List<String> codes, int min) {
        if (codes == null || codes.size() < min || codes.size() > COUNTRIES_MAX) {
            throw new InvalidPolicyException(field, "must hold " + min + " to " + COUNTRIES_MAX + " countries");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            if (!Countries.isCode(codes.get(i)) || !seen.add(codes.get(i))) {
                throw new InvalidPolicyException(field + "[" + i + "]", "must be an ISO 3166-1 alpha-2 code in"
                        + " upper case, listed once");
            }
        }
    }

    private static void partyRule(String field, PartyRule rule) {
        if (rule == null || rule.clause() == null || !rule.clause().matches(CLAUSE)
                || RESERVED_CLAUSES.contains(rule.clause())) {
            throw new InvalidPolicyException(field + ".clause", "must match " + CLAUSE
                    + " and not name a clause every version shares");
        }
        if (rule.text() == null || rule.text().isBlank() || rule.text().length() > TEXT_MAX) {
            throw new InvalidPolicyException(field + ".text", "must be 1 to " + TEXT_MAX + " characters");
        }
    }
}
