package io.tollgate.regulator.api;

/** A compliance officer's answer to a reviewed application. */
public enum OfficerDecision { GRANT, DENY }
