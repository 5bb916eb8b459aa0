package io.tollgate.regulator.query;

import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.DocumentSuppliedEvent;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.GrantedUnitsReturnedEvent;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioSuppliedEvent;
import io.tollgate.regulator.api.UsVolumeAwaitedEvent;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Keeps {@code regulator_application} and its history in step with the Application events, in the
 * command's transaction (subscribing processor), and feeds the application metrics after commit.
 */
@Singleton
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
public class ApplicationProjection {

    private static final String SET_OUTCOME = "UPDATE regulator_application SET status = ?, policy_version = ?,"
            + " policy_clause = ?, us_export = ?, cn_import = ?, reasons = ?, updated_at = ? WHERE order_id = ?";

    private final SqlStatements jdbc;
    private final RegulatorMetrics metrics;

    public ApplicationProjection(SqlStatements jdbc, RegulatorMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    @EventHandler
    public void on(ApplicationReceivedEvent e) {
        jdbc.update("INSERT INTO regulator_application (order_id, request_event_id, status, customer_id,"
                        + " customer_name, product_sku, product_family, quantity, usage_scenario, quarter,"
                        + " requested_at, received_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                e.orderId(), e.requestEventId(), ApplicationStatus.RECEIVED, e.customerId(), e.customerName(),
                e.productSku(), e.productFamily(), e.quantity(), e.usageScenario(), e.quarter(),
                e.requestedAt(), e.receivedAt(), e.receivedAt());
        history(e.orderId(), "RECEIVED", ApplicationStatus.RECEIVED, null, null,
                e.quantity() + " × " + e.productSku() + " for " + e.customerId(), null, "order-service",
                e.receivedAt());
        metrics.received();
    }

    @EventHandler
    public void on(UsageScenarioRequestedEvent e) {
        setOutcome(e.orderId(), ApplicationStatus.USAGE_SCENARIO_REQUESTED, e.policyVersion(), e.policyClause(),
                e.usExport(),
                e.cnImport(), List.of(e.reason()), e.requestedAt());
        Reason r = e.reason();
        history(e.orderId(), "USAGE_SCENARIO_REQUESTED", ApplicationStatus.USAGE_SCENARIO_REQUESTED,
                r.track().name(), r.code().name(), r.text(), e.policyVersion(), "policy", e.requestedAt());
    }

    /**
     * The actor is who supplied the scenario: the officer who entered it, or the ERP whose
     * scenario came through order-service ("buyer" on events from before auth).
     */
    @EventHandler
    public void on(UsageScenarioSuppliedEvent e, @MetaDataValue(PrincipalInterceptor.PRINCIPAL) String by) {
        jdbc.update("UPDATE regulator_application SET usage_scenario = ?, status = ?, reasons = NULL,"
                        + " updated_at = ? WHERE order_id = ?",
                e.usageScenario(), ApplicationStatus.RECEIVED, e.suppliedAt(), e.orderId());
        String text = e.necessityCategory() == null ? e.usageScenario()
                : e.usageScenario() + " (category of necessity: " + e.necessityCategory() + ")";
        history(e.orderId(), "USAGE_SCENARIO_SUPPLIED", ApplicationStatus.RECEIVED, "CN_IMPORT", null,
                text, null, by == null ? "buyer" : by, e.suppliedAt());
    }

    /** One history row per kind missing or expired; the view lists them while the application waits. */
    @EventHandler
    public void on(DocumentsRequestedEvent e) {
        setOutcome(e.orderId(), ApplicationStatus.AWAITING_DOCUMENTS, e.policyVersion(), e.policyClause(),
                e.usExport(), null, e.reasons(), e.requestedAt());
        jdbc.update("UPDATE regulator_application SET documents_missing = ? WHERE order_id = ?",
                ReadModelJson.write(e.missing()), e.orderId());
        for (MissingDocument m : e.missing()) {
            history(e.orderId(), "DOCUMENTS_REQUESTED", ApplicationStatus.AWAITING_DOCUMENTS, "US_EXPORT",
                    m.code().name(), m.text(), e.policyVersion(), "policy", e.requestedAt());
        }
    }

    /** The actor is the principal that supplied it; an application waiting for documents is evaluated again. */
    @EventHandler
    public void on(DocumentSuppliedEvent e, @MetaDataValue(PrincipalInterceptor.PRINCIPAL) String by) {
        jdbc.update("INSERT INTO regulator_application_document (order_id, kind, issuer, issued_on, expires_on,"
                        + " reference, sha256, supplied_by, supplied_at) VALUES (?,?,?,?,?,?,?,?,?)",
                e.orderId(), e.kind(), e.issuer(), e.issuedOn(), e.expiresOn(), e.reference(), e.sha256(), by,
                e.suppliedAt());
        jdbc.update("UPDATE regulator_application SET status = ? WHERE order_id = ? AND status = ?",
                ApplicationStatus.RECEIVED, e.orderId(), ApplicationStatus.AWAITING_DOCUMENTS);
        jdbc.update("UPDATE regulator_application SET updated_at = ? WHERE order_id = ?", e.suppliedAt(),
                e.orderId());
        history(e.orderId(), "DOCUMENT_SUPPLIED", currentStatus(e.orderId()), "US_EXPORT", e.kind().name(),
                e.kind() + " from " + e.issuer() + " (reference " + e.reference() + "), issued " + e.issuedOn()
                        + ", expires " + e.expiresOn() + ", SHA-256 " + e.sha256(), null,
                by == null ? "buyer" : by, e.suppliedAt());
    }

    @EventHandler
    public void on(ReviewRequestedEvent e) {
        setOutcome(e.orderId(), ApplicationStatus.PENDING_REVIEW, e.policyVersion(), e.policyClause(),
                e.usExport(),
                e.cnImport(), null, e.requestedAt());
        history(e.orderId(), "REVIEW_REQUESTED", ApplicationStatus.PENDING_REVIEW, e.usExport().track().name(),
                e.usExport().code(), e.usExport().text(), e.policyVersion(), "policy", e.requestedAt());
    }

    /** The grant (the rules' or an officer's) waits for US volume; the actor is who granted it. */
    @EventHandler
    public void on(UsVolumeAwaitedEvent e) {
        setOutcome(e.orderId(), ApplicationStatus.AWAITING_US_VOLUME, e.policyVersion(), e.policyClause(),
                e.usExport(), e.cnImport(), null, e.awaitingSince());
        history(e.orderId(), "US_VOLUME_AWAITED", ApplicationStatus.AWAITING_US_VOLUME, e.usExport().track().name(),
                e.usExport().code(), e.usExport().text() + " (until " + e.expiresAt() + ")", e.policyVersion(),
                e.officer() == null ? "policy" : e.officer(), e.awaitingSince());
    }

    @EventHandler
    public void on(ApplicationGrantedEvent e) {
        Instant received = receivedAt(e.orderId());
        setOutcome(e.orderId(), ApplicationStatus.GRANTED, e.policyVersion(), e.policyClause(), e.usExport(),
                e.cnImport(),
                List.of(), e.decidedAt());
        decided(e.orderId(), e.authorizationId(), e.decidedBy(), e.decidedAt());
        String text = "Granted: revenue share " + e.revenueShareRate() + " to " + e.payee()
                + (e.note() == null ? "" : "; " + e.note());
        history(e.orderId(), "GRANTED", ApplicationStatus.GRANTED, null, null, text, e.policyVersion(),
                e.decidedBy(), e.decidedAt());
        metrics.granted(e.decidedBy(), received, e.decidedAt());
    }

    @EventHandler
    public void on(ApplicationDeniedEvent e) {
        Instant received = receivedAt(e.orderId());
        setOutcome(e.orderId(), ApplicationStatus.DENIED, e.policyVersion(), e.policyClause(), e.usExport(),
                e.cnImport(),
                e.reasons(), e.decidedAt());
        decided(e.orderId(), e.authorizationId(), e.decidedBy(), e.decidedAt());
        for (Reason r : e.reasons()) {
            history(e.orderId(), "DENIED", ApplicationStatus.DENIED, r.track().name(), r.code().name(),
                    r.text(), e.policyVersion(), e.decidedBy(), e.decidedAt());
        }
        metrics.denied(e.reasons(), e.decidedBy(), received, e.decidedAt());
    }

    @EventHandler
    public void on(ApplicationWithdrawnEvent e) {
        jdbc.update("UPDATE regulator_application SET status = ?, updated_at = ? WHERE order_id = ?",
                ApplicationStatus.WITHDRAWN, e.withdrawnAt(), e.orderId());
        history(e.orderId(), "WITHDRAWN", ApplicationStatus.WITHDRAWN, null, null,
                "Order cancelled while " + e.previousStatus() + (e.reason() == null ? "" : ": " + e.reason()),
                null, "order-service", e.withdrawnAt());
    }

    @EventHandler
    public void on(GrantedUnitsReturnedEvent e) {
        jdbc.update("UPDATE regulator_application SET units_returned = TRUE, updated_at = ? WHERE order_id = ?",
                e.returnedAt(), e.orderId());
        history(e.orderId(), "UNITS_RETURNED", ApplicationStatus.GRANTED, "US_EXPORT", null,
                "Order cancelled after the grant: " + e.quantity() + " units returned to " + e.quarter(),
                null, "order-service", e.returnedAt());
    }

    private void setOutcome(String orderId, ApplicationStatus status, String policyVersion, String policyClause,
                            TrackOutcome us, TrackOutcome cn, List<Reason> reasons, Instant at) {
        int rows = jdbc.update(SET_OUTCOME, status, policyVersion, policyClause, ReadModelJson.write(us),
                ReadModelJson.write(cn), reasons == null ? null : ReadModelJson.write(reasons), at, orderId);
        if (rows != 1) {
            throw new IllegalStateException("no application row for order " + orderId);
        }
    }

    private void decided(String orderId, String authorizationId, String decidedBy, Instant at) {
        jdbc.update("UPDATE regulator_application SET authorization_id = ?, decided_by = ?, decided_at = ?"
                + " WHERE order_id = ?", authorizationId, decidedBy, at, orderId);
    }

    private ApplicationStatus currentStatus(String orderId) {
        return jdbc.queryOne("SELECT status FROM regulator_application WHERE order_id = ?",
                row -> ApplicationStatus.valueOf(row.getString("status")), orderId).orElseThrow(() ->
                new IllegalStateException("no application row for order " + orderId));
    }

    private Instant receivedAt(String orderId) {
        return jdbc.queryOne("SELECT received_at FROM regulator_application WHERE order_id = ?",
                row -> SqlStatements.instant(row, "received_at"), orderId).orElse(null);
    }

    private void history(String orderId, String event, ApplicationStatus status, String track, String code,
                         String text, String policyVersion, String actor, Instant at) {
        jdbc.update("INSERT INTO regulator_application_history (order_id, event, status, track, code, text,"
                        + " policy_version, actor, at) VALUES (?,?,?,?,?,?,?,?,?)",
                orderId, event, status, track, code, text, policyVersion, actor, at);
    }
}
