package io.tollgate.order.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.contracts.Roles;

/** Whose orders a caller may read: every client's, or only its own. */
final class ReadScope {

    private ReadScope() {
    }

    /**
     * Null (every client's) for the order desk, treasury and auditors; for an erp caller only its
     * own client's, named by its principal.
     */
    static String of(SecurityIdentity identity) {
        boolean readsAll = identity.hasRole(Roles.ORDER_DESK) || identity.hasRole(Roles.TREASURY)
                || identity.hasRole(Roles.AUDITOR);
        return readsAll ? null : identity.getPrincipal().getName();
    }
}
