package io.tollgate.contracts;

import java.util.List;

/**
 * The roles of Tollgate, once for every module: the services admit callers by these names
 * (constants, so they can stand in {@code @RolesAllowed}), and clients and user files use them.
 */
public final class Roles {

    /** ERP systems: create, read, list and cancel orders. */
    public static final String ERP = "erp";
    /** Treasury: record revenue-share payments; read orders. */
    public static final String TREASURY = "treasury";
    /** Compliance officers: designations, policy, usage scenarios, decisions; read applications. */
    public static final String COMPLIANCE = "compliance";
    /** Auditors: read everything, verify, rebuild, export; change nothing else. */
    public static final String AUDITOR = "auditor";
    /** Operations: health, metrics, summaries, the dashboard; change nothing. */
    public static final String OPERATOR = "operator";

    /** Every role, in the order users are listed and generated. */
    public static final List<String> ALL = List.of(ERP, TREASURY, COMPLIANCE, AUDITOR, OPERATOR);

    private Roles() {
    }
}
