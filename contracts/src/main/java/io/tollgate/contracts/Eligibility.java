package io.tollgate.contracts;

/**
 * Where a catalogued product stands under the export rules for China and Macau that the catalogue
 * was checked against (the BIS rule effective 15 January 2026). A policy version decides what each
 * value means for an application; the catalogue only states the facts that put a product here.
 */
public enum Eligibility {
    /**
     * At or below the rule's performance thresholds and commercially available in the US on the
     * rule's cut-off date: licence applications are reviewed case by case.
     */
    CASE_BY_CASE,
    /**
     * Below the thresholds, but not commercially available in the US on the cut-off date (for
     * example a China-only derivative): the rule's case-by-case review does not reach it.
     */
    NOT_COVERED,
    /** Above the thresholds (Blackwell, Rubin and their AMD peers): never licensable. */
    PROHIBITED
}
