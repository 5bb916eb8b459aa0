package io.tollgate.regulator.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The documents a policy version requires of each application (each order is one shipment), as
 * data. A version stored without this section requires none ({@link #NONE}).
 */
public record DocumentRules(List<DocumentRequirement> required) {

    /** What a version without the section requires: nothing. */
    public static final DocumentRules NONE = new DocumentRules(List.of());

    public DocumentRules {
        // An unmodifiable copy that keeps a null element, so the validator can name it.
        required = required == null ? null : Collections.unmodifiableList(new ArrayList<>(required));
    }
}
