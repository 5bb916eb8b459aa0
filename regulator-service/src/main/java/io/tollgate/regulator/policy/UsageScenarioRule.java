package io.tollgate.regulator.policy;

import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.Track;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When the CN import track accepts a usage scenario: at least {@code minLength} characters (after
 * trimming) and at least one of the workload categories, matched case-insensitively as whole words.
 */
public record UsageScenarioRule(int minLength, List<String> workloadCategories) {

    public UsageScenarioRule {
        workloadCategories = workloadCategories == null ? List.of() : List.copyOf(workloadCategories);
    }

    /** Empty when the scenario is acceptable; otherwise the CN-track reason it is not. */
    public Optional<Reason> check(String scenario) {
        if (scenario == null || scenario.isBlank()) {
            return Optional.of(new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_MISSING,
                    "A usage scenario is required for the CN import application: " + describe()));
        }
        String trimmed = scenario.trim();
        if (trimmed.length() < minLength) {
            return Optional.of(new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_UNACCEPTABLE,
                    "The usage scenario is too thin: " + trimmed.length() + " characters, at least "
                            + minLength + " required"));
        }
        if (!workloadCategories.isEmpty() && !namesACategory(trimmed)) {
            return Optional.of(new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_UNACCEPTABLE,
                    "The usage scenario names no workload category (one of: "
                            + String.join(", ", workloadCategories) + ")"));
        }
        return Optional.empty();
    }

    /** What this rule asks of a scenario, for the buyer (it is published while the application waits). */
    public String describe() {
        String length = "at least " + minLength + " characters";
        return workloadCategories.isEmpty() ? length : length + " naming a workload category (one of: "
                + String.join(", ", workloadCategories) + ")";
    }

    private boolean namesACategory(String scenario) {
        String lower = scenario.toLowerCase(Locale.ROOT);
        for (String category : workloadCategories) {
            String word = Pattern.quote(category.toLowerCase(Locale.ROOT).trim());
            if (Pattern.compile("(?<![\\p{L}\\p{N}])" + word + "(?![\\p{L}\\p{N}])").matcher(lower).find()) {
                return true;
            }
        }
        return false;
    }
}
