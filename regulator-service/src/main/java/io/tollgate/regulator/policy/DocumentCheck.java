package io.tollgate.regulator.policy;

import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges the documents on file against the ones a version requires, at the decision instant: a
 * required kind is satisfied when some document of that kind was issued on or before the
 * decision's UTC day, expires on or after it, and (when the version bounds their age) was issued at
 * most {@code maxAgeDays} before it. Otherwise the kind is missing (none supplied) or expired.
 */
public final class DocumentCheck {

    private DocumentCheck() {
    }

    /** The required kinds no document satisfies, in the order the version lists them. */
    public static List<MissingDocument> missing(DocumentRules rules, DocumentsOnFile file) {
        LocalDate day = LocalDate.ofInstant(file.at(), ZoneOffset.UTC);
        List<MissingDocument> missing = new ArrayList<>();
        for (DocumentRequirement requirement : rules.required()) {
            List<SuppliedDocument> ofKind = file.supplied().stream()
                    .filter(d -> d.kind() == requirement.kind()).toList();
            if (ofKind.stream().anyMatch(d -> counts(requirement, d, day))) {
                continue;
            }
            missing.add(ofKind.isEmpty() ? missingOne(requirement) : expiredOne(requirement, ofKind, day));
        }
        return missing;
    }

    /** True when {@code document} satisfies {@code requirement} on {@code day}. */
    public static boolean counts(DocumentRequirement requirement, SuppliedDocument document, LocalDate day) {
        if (document.kind() != requirement.kind() || !document.validOn(day)) {
            return false;
        }
        Integer maxAge = requirement.maxAgeDays();
        return maxAge == null || !document.issuedOn().plusDays(maxAge).isBefore(day);
    }

    /**
     * The verdict of an application whose documents are missing or expired, or empty when every
     * required one counts. The US export track waits: the documents are conditions of its licence.
     */
    static Optional<Verdict> verdict(Policy policy, DocumentsOnFile file) {
        List<MissingDocument> missing = missing(policy.documentRules(), file);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        List<Reason> reasons = missing.stream().map(MissingDocument::reason).toList();
        boolean anyMissing = missing.stream().anyMatch(m -> m.code() == ReasonCode.DOCUMENT_MISSING);
        ReasonCode code = anyMissing ? ReasonCode.DOCUMENT_MISSING : ReasonCode.DOCUMENT_EXPIRED;
        String kinds = String.join(", ", missing.stream().map(m -> m.kind() + " "
                + (m.code() == ReasonCode.DOCUMENT_MISSING ? "missing" : "expired")).toList());
        TrackOutcome us = TrackOutcome.pending(Track.US_EXPORT, code.name(), "Waiting for documents"
                + " required by policy " + policy.version() + ": " + kinds);
        return Optional.of(new Verdict(Outcome.NEEDS_DOCUMENTS, reasons, us, null, policy.version(),
                missing.get(0).clause()));
    }

    private static MissingDocument missingOne(DocumentRequirement requirement) {
        return new MissingDocument(requirement.kind(), ReasonCode.DOCUMENT_MISSING, requirement.clause(),
                requirement.kind() + " missing: " + requirement.text() + ageRule(requirement)
                        + " (clause " + requirement.clause() + ")");
    }

    private static MissingDocument expiredOne(DocumentRequirement requirement, List<SuppliedDocument> ofKind,
                                              LocalDate day) {
        // The latest issued says why the kind no longer counts; a newer document is what is asked.
        SuppliedDocument latest = ofKind.stream().max(Comparator.comparing(SuppliedDocument::issuedOn)
                .thenComparing(SuppliedDocument::expiresOn)).orElseThrow();
        String why = latest.expiresOn().isBefore(day) ? "expired on " + latest.expiresOn()
                : latest.issuedOn().isAfter(day) ? "is issued on " + latest.issuedOn() + ", after " + day
                : "issued on " + latest.issuedOn() + ", more than " + requirement.maxAgeDays()
                        + " days before " + day;
        return new MissingDocument(requirement.kind(), ReasonCode.DOCUMENT_EXPIRED, requirement.clause(),
                requirement.kind() + " expired: the latest supplied (reference " + latest.reference() + ") "
                        + why + "; supply a current one. " + requirement.text() + ageRule(requirement)
                        + " (clause " + requirement.clause() + ")");
    }

    private static String ageRule(DocumentRequirement requirement) {
        return requirement.maxAgeDays() == null ? ""
                : " Counts for at most " + requirement.maxAgeDays() + " days after its issue.";
    }
}
