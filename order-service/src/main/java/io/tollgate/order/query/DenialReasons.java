package io.tollgate.order.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A denial's reasons as the read model keeps them: the wire's JSON array in one column. */
final class DenialReasons {

    private static final TypeReference<List<DenialReason>> LIST = new TypeReference<>() {
    };

    private DenialReasons() {
    }

    static String write(List<DenialReason> reasons) {
        return new String(WireJson.write(reasons), StandardCharsets.UTF_8);
    }

    /** The stored reasons; empty when none were stored (a grant, or a denial applied before they were). */
    static List<DenialReason> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.copyOf(WireJson.mapper().readValue(json, LIST));
        } catch (IOException e) {
            throw new IllegalStateException("order_view.denial_reasons is not the JSON it wrote: " + json, e);
        }
    }
}
