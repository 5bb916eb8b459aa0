package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions and small helpers the contract tests share. */
final class ContractAssertions {

    private ContractAssertions() {
    }

    /** The call fails with a contract violation naming {@code field}; returns its message. */
    static String assertViolation(ThrowingCallable call, String field) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ContractViolationException.class);
        assertThat(((ContractViolationException) thrown).field()).isEqualTo(field);
        return thrown.getMessage();
    }

    /** The call fails with a contract violation, whatever field it names. */
    static void assertViolation(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ContractViolationException.class);
    }

    static Class<? extends WireEvent> recordOf(String ceType) {
        return EventTypes.classOf(ceType).orElseThrow();
    }

    static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
