package io.tollgate.regulator.policy;

import java.util.Objects;

/**
 * What the designated register says about a customer for one calendar quarter, as the
 * {@code Designation} aggregate (or its absence) reports it.
 *
 * @param unitCapPerQuarter    null when the customer has no cap
 * @param unitsGrantedInQuarter units already granted (and not given back) in {@code quarter}
 */
public record CustomerStanding(String customerId, Status status, Long unitCapPerQuarter,
                               String quarter, long unitsGrantedInQuarter) {

    /** Register status. */
    public enum Status { NOT_DESIGNATED, DESIGNATED, REVOKED }

    public CustomerStanding {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(quarter, "quarter");
        if (unitsGrantedInQuarter < 0) {
            throw new IllegalArgumentException("unitsGrantedInQuarter must not be negative");
        }
    }

    public static CustomerStanding notDesignated(String customerId, String quarter) {
        return new CustomerStanding(customerId, Status.NOT_DESIGNATED, null, quarter, 0);
    }
}
