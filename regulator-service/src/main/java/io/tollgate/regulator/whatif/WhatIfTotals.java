package io.tollgate.regulator.whatif;

/**
 * The counts of one run: {@code decisions = unchanged + changed + notComparable.total()}, and
 * {@code evaluated = unchanged + changed}.
 *
 * @param applications the applications read (requested in the range, after the cursor)
 * @param decisions    their recorded decisions (rules and officers)
 * @param evaluated    the rules decisions compared with the draft
 */
public record WhatIfTotals(int applications, int decisions, int evaluated, int unchanged, int changed,
                           NotComparable notComparable) {

    public WhatIfTotals {
        if (evaluated != unchanged + changed || decisions != evaluated + notComparable.total()) {
            throw new IllegalStateException("what-if totals do not add up: " + decisions + " decisions, "
                    + unchanged + " unchanged, " + changed + " changed, " + notComparable);
        }
    }
}
