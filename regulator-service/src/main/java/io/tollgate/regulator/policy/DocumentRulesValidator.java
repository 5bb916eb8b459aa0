package io.tollgate.regulator.policy;

import io.tollgate.contracts.DocumentKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@link PolicyValidator}'s rules for a version's {@code documents} section; each failure names the field. */
final class DocumentRulesValidator {

    private DocumentRulesValidator() {
    }

    static void validate(DocumentRules rules, String clausePattern, Set<String> reservedClauses) {
        List<DocumentRequirement> required = rules.required();
        if (required == null || required.size() > DocumentKind.values().length) {
            throw new InvalidPolicyException("documents.required", "must hold 0 to " + DocumentKind.values().length
                    + " requirements, at most one per kind " + Arrays.toString(DocumentKind.values()));
        }
        Set<DocumentKind> seen = EnumSet.noneOf(DocumentKind.class);
        for (int i = 0; i < required.size(); i++) {
            DocumentRequirement r = required.get(i);
            String at = "documents.required[" + i + "]";
            if (r == null || r.kind() == null || !seen.add(r.kind())) {
                throw new InvalidPolicyException(at + ".kind", "must name a kind of "
                        + Arrays.toString(DocumentKind.values()) + " no other requirement names");
            }
            if (r.clause() == null || !r.clause().matches(clausePattern) || reservedClauses.contains(r.clause())) {
                throw new InvalidPolicyException(at + ".clause", "must match " + clausePattern
                        + " and not name a clause every version shares");
            }
            if (r.text() == null || r.text().isBlank() || r.text().length() > PolicyValidator.TEXT_MAX) {
                throw new InvalidPolicyException(at + ".text", "must be 1 to " + PolicyValidator.TEXT_MAX
                        + " characters");
            }
            if (r.maxAgeDays() != null && (r.maxAgeDays() < 1
                    || r.maxAgeDays() > PolicyValidator.DOCUMENT_AGE_DAYS_MAX)) {
                throw new InvalidPolicyException(at + ".maxAgeDays", "must be 1 to "
                        + PolicyValidator.DOCUMENT_AGE_DAYS_MAX + " days when present");
            }
        }
    }
}
