package io.tollgate.contracts;

import java.util.List;

/**
 * The roles of Tollgate, once for every module: the services admit callers by these names
 * (constants, so they can stand in {@code @RolesAllowed}), and clients and user files use them.
 */
public final class Roles {

    /** ERP systems: create orders; read, list and cancel those their own client created. */
    public static final String ERP = "erp";
    /**
     * The shared services desk: read (never create or cancel) the orders of every ERP client, where an
     * {@code erp} caller sees only its own client's.
     */
    public static final String ORDER_DESK = "order-desk";
    /** Treasury: record revenue-share payments; read orders. */
    public static final String TREASURY = "treasury";
    /** Compliance officers: designations, policy, usage scenarios, decisions; read applications. */
    public static final String COMPLIANCE = "compliance";
    /** Auditors: read everything, verify, rebuild, export; change nothing else. */
    public static final String AUDITOR = "auditor";
    /** Operations: health, metrics, summaries, the dashboard; change nothing. */
    public static final String OPERATOR = "operator";

    /** Every role, in the order users are listed and generated. */
    public static final List<String> ALL = List.of(ERP, ORDER_DESK, TREASURY, COMPLIANCE, AUDITOR, OPERATOR);

    private Roles() {
    }
}
