package io.tollgate.deploy.demo;

import java.util.Locale;

/**
 * Who makes a call, as the services' roles name them (eventing's {@code Roles}): the demo plays
 * each part of the day as the role that owns it.
 */
public enum Role {
    /** The ERP system: submits, follows and cancels orders. */
    ERP,
    /** Treasury: records revenue-share remittances. */
    TREASURY,
    /** Compliance officers: designations, policy, usage scenarios, decisions. */
    COMPLIANCE,
    /** Auditors: balances, journal, verification. */
    AUDITOR,
    /** Operations: summaries and dashboards. */
    OPERATOR;

    /** The role's name in credentials and user files ({@code erp}, {@code treasury}, …). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
