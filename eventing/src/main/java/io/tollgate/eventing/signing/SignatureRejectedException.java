package io.tollgate.eventing.signing;

import io.tollgate.contracts.ContractViolationException;

/**
 * A record's signature is missing, malformed, made by an untrusted key or a key of another
 * producer, or does not match the record: the record is dead-lettered with this reason and never
 * applied. The field is always {@code ce_dssematerial}.
 */
public class SignatureRejectedException extends ContractViolationException {

    public SignatureRejectedException(String rule) {
        super(DsseEnvelope.HEADER, rule);
    }
}
