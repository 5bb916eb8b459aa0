package io.tollgate.order.api;

import java.util.Objects;

/** The {@code Order} aggregate refused a command; {@link #code()} names the rule. */
public class OrderRejectedException extends RuntimeException {

    private final OrderErrorCode code;

    public OrderRejectedException(OrderErrorCode code, String detail) {
        super(code.name() + ": " + detail);
        this.code = Objects.requireNonNull(code, "code");
    }

    public OrderErrorCode code() {
        return code;
    }

    /** The sentence for people, without the code prefix. */
    public String detail() {
        return getMessage().substring(code.name().length() + 2);
    }
}
