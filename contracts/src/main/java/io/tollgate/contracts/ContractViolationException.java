package io.tollgate.contracts;

/** A wire message breaks the contract; {@link #field()} names the offending field. */
public class ContractViolationException extends IllegalArgumentException {

    private final String field;

    public ContractViolationException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
