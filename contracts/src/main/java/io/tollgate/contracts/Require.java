package io.tollgate.contracts;

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
}
