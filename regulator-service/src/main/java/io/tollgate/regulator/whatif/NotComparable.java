package io.tollgate.regulator.whatif;

/**
 * Recorded decisions the draft is not compared with, by why.
 *
 * @param officerDecisions    made by a compliance officer (listed beside the draft's verdict)
 * @param scenarioNotRecorded a request for a better usage scenario made when the buyer's ERP sent
 *                            one the rules refused: the refused text is not stored, so the facts of
 *                            that decision are not known
 */
public record NotComparable(int officerDecisions, int scenarioNotRecorded) {

    public int total() {
        return officerDecisions + scenarioNotRecorded;
    }
}
