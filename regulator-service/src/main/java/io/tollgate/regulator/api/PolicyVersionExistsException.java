package io.tollgate.regulator.api;

/** A policy version is adopted at most once. */
public class PolicyVersionExistsException extends RegulatorRejection {
    public PolicyVersionExistsException(String version) {
        super("POLICY_VERSION_EXISTS", "Policy version " + version + " was already adopted");
    }
}
