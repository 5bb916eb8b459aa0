package io.tollgate.regulator.policy;

/** A proposed policy breaks a rule; {@link #field()} names the JSON path at fault. */
public class InvalidPolicyException extends IllegalArgumentException {

    private final String field;

    public InvalidPolicyException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
