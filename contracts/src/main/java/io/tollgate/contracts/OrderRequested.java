package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An order request in any of its versions ({@code tollgate.order.requested.v1} and {@code .v2}).
 * Consumers read every version through {@link #asV2()}: the one place where an older version is
 * upcast, so no consumer keeps its own defaults.
 */
public sealed interface OrderRequested extends WireEvent permits OrderRequestedV1, OrderRequestedV2 {

    String customerId();

    String customerName();

    String productSku();

    String productFamily();

    long quantity();

    Money unitPrice();

    Money grossAmount();

    String usageScenario();

    String erpReference();

    String requestedBy();

    /** This request as the current version; a V1 request gets the defaults its era implied. */
    @JsonIgnore
    OrderRequestedV2 asV2();
}
