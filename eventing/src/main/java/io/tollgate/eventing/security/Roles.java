package io.tollgate.eventing.security;

import java.util.List;

/** The roles of Tollgate; every endpoint names the ones it admits, anything unnamed is denied. */
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

    public static final List<String> ALL = List.of(ERP, TREASURY, COMPLIANCE, AUDITOR, OPERATOR);

    private Roles() {
    }
}
