package io.tollgate.contracts;

import java.util.UUID;

/** Field checks shared by the wire records; each failure names the field. */
final class Require {

    private Require() {
    }

    static void present(String field, Object value) {
        if (value == null) {
            throw new ContractViolationException(field, "is required");
        }
    }

    static void text(String field, String value) {
        present(field, value);
        if (value.isBlank()) {
            throw new ContractViolationException(field, "must not be blank");
        }
    }

    static void positive(String field, long value) {
        if (value <= 0) {
            throw new ContractViolationException(field, "must be positive");
        }
    }

    /**
     * A name of an open set ({@code waitingFor}, a code, what was passed over): upper-case words
     * joined by underscores, at most {@link WireLimits#CODE_CHARS_MAX} characters.
     */
    static void name(String field, String value) {
        text(field, value);
        if (value.length() > WireLimits.CODE_CHARS_MAX || !value.matches("[A-Z][A-Z0-9_]*")) {
            throw new ContractViolationException(field, "must be an upper-case name ([A-Z][A-Z0-9_]*) of at most "
                    + WireLimits.CODE_CHARS_MAX + " characters");
        }
    }

    /** A CloudEvents id ({@code ce_id}, or another record's id): a UUID. */
    static void eventId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ContractViolationException(field, "is required");
        }
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ContractViolationException(field, "must be a UUID");
        }
    }
}
