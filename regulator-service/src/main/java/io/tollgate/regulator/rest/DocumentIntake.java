package io.tollgate.regulator.rest;

import io.tollgate.contracts.DocumentRuleException;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.eventing.rest.ProblemException;
import java.time.LocalDate;

/**
 * The edge of {@code POST /api/v1/applications/{orderId}/documents}: refuses a bad document with a
 * 422 problem naming the field, before anything is stored. The field rules are the contract's
 * ({@link SuppliedDocument}, which order-service's edge uses too); the day they are checked against
 * is this service's today (UTC).
 */
final class DocumentIntake {

    private DocumentIntake() {
    }

    static SuppliedDocument check(ApplicationResource.DocumentRequest body, LocalDate today) {
        ApplicationResource.DocumentRequest request = Problems.body(body);
        try {
            return SuppliedDocument.of(request.kind(), request.issuer(), request.issuedOn(), request.expiresOn(),
                    request.reference(), request.sha256()).requireCurrentOn(today);
        } catch (DocumentRuleException e) {
            throw new ProblemException(422, e.code(), e.field(), e.getMessage());
        }
    }
}
