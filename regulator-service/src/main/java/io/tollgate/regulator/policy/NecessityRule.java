package io.tollgate.regulator.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CN import track as categories of necessity: the categories a buyer may declare, and the
 * one an application is judged under until the buyer declares another ({@code defaultCategory}:
 * orders carry only a usage scenario, so they start as commercial need).
 */
public record NecessityRule(String defaultCategory, List<NecessityCategory> categories) {

    public NecessityRule {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** The category named {@code name} (compared upper-cased), or the default for none. */
    public Optional<NecessityCategory> category(String name) {
        String wanted = (name == null ? defaultCategory : name).trim().toUpperCase(Locale.ROOT);
        return categories.stream().filter(c -> c.name().equals(wanted)).findFirst();
    }

    public List<String> names() {
        return categories.stream().map(NecessityCategory::name).toList();
    }
}
