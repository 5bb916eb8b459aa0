package io.tollgate.regulator.policy;

/**
 * One reason a Chinese buyer may give for needing the accelerators, and what the CN import track
 * asks of it. An {@code exempt} category (a university or an R&amp;D institute) needs no detailed
 * usage scenario, but the claim goes to a compliance officer, who checks the institution; any
 * other category (commercial need) must come with a usage scenario its {@code scenario} rule
 * accepts, and is asked for more detail until it does.
 *
 * @param name     the category a buyer declares, e.g. {@code COMMERCIAL}
 * @param clause   the clause decisions name when this category decided the CN track
 * @param scenario the detail a non-exempt category needs; absent for an exempt one
 * @param text     what the category means and where it comes from, for people
 */
public record NecessityCategory(String name, String clause, boolean exempt, UsageScenarioRule scenario,
                                String text) {
}
