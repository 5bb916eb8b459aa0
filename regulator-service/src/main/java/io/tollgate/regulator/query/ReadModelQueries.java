package io.tollgate.regulator.query;

import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.regulator.api.ProposalKind;
import io.tollgate.regulator.api.ProposalStatus;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.command.Application;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.policy.PolicyHistory;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the read models: applications, the register, policy versions. Every list is bounded. */
@Singleton
public class ReadModelQueries {

    /** Bound on history rows shown for one application (a few per application in practice). */
    public static final int HISTORY_MAX = 1_000;
    /** Bound on the quarters shown per designation (newest first). */
    public static final int QUARTERS_MAX = 12;

    private static final String APPLICATION_COLUMNS = "row_no, order_id, request_event_id, status, customer_id,"
            + " customer_name, product_sku, product_family, quantity, usage_scenario, quarter, policy_version,"
            + " policy_clause,"
            + " authorization_id, decided_by, us_export, cn_import, reasons, units_returned, requested_at,"
            + " received_at, decided_at, updated_at";

    private final SqlStatements jdbc;
    private volatile ParsedHistory lastParsed;

    public ReadModelQueries(SqlStatements jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApplicationView> application(String orderId) {
        return jdbc.queryOne("SELECT " + APPLICATION_COLUMNS + " FROM regulator_application WHERE order_id = ?",
                ReadModelQueries::application, orderId);
    }

    public Optional<ApplicationView> applicationWithHistory(String orderId) {
        return application(orderId).map(this::withDocuments).map(view -> view.withHistory(jdbc.query(
                "SELECT event, status, track, code, text, policy_version, actor, at"
                        + " FROM regulator_application_history WHERE order_id = ?"
                        + " ORDER BY id LIMIT " + HISTORY_MAX,
                row -> new ApplicationView.HistoryEntry(row.getString("event"), row.getString("status"),
                        row.getString("track"), row.getString("code"), row.getString("text"),
                        row.getString("policy_version"), row.getString("actor"), SqlStatements.instant(row, "at")),
                orderId)));
    }

    /** The application's documents: those supplied, and the kinds missing while it waits for them. */
    private ApplicationView withDocuments(ApplicationView view) {
        List<ApplicationView.SuppliedDocumentEntry> supplied = jdbc.query("SELECT kind, issuer, issued_on,"
                        + " expires_on, reference, sha256, supplied_by, supplied_at FROM regulator_application_document"
                        + " WHERE order_id = ? ORDER BY id LIMIT " + Application.DOCUMENTS_MAX,
                row -> new ApplicationView.SuppliedDocumentEntry(DocumentKind.valueOf(row.getString("kind")),
                        row.getString("issuer"), row.getObject("issued_on", LocalDate.class),
                        row.getObject("expires_on", LocalDate.class), row.getString("reference"),
                        row.getString("sha256"), row.getString("supplied_by"),
                        SqlStatements.instant(row, "supplied_at")), view.orderId());
        String missing = ApplicationStatus.AWAITING_DOCUMENTS.name().equals(view.status())
                ? jdbc.queryOne("SELECT documents_missing FROM regulator_application WHERE order_id = ?",
                        row -> row.getString("documents_missing"), view.orderId()).orElse(null)
                : null;
        return view.withDocuments(new ApplicationView.Documents(supplied, ReadModelJson.missingDocuments(missing)));
    }

    /** Applications after {@code afterRowNo}, oldest first, optionally of one status. */
    public CursorPage<ApplicationView> applications(ApplicationStatus status, long afterRowNo, int limit) {
        String where = status == null ? "row_no > ?" : "status = ? AND row_no > ?";
        Object[] params = status == null ? new Object[] {afterRowNo} : new Object[] {status, afterRowNo};
        List<ApplicationView> rows = jdbc.query("SELECT " + APPLICATION_COLUMNS + " FROM regulator_application"
                + " WHERE " + where + " ORDER BY row_no LIMIT " + (limit + 1), ReadModelQueries::application, params);
        return CursorPage.of(rows, limit, ApplicationView::rowNo);
    }

    public Optional<DesignationView> designation(String customerId) {
        return jdbc.queryOne("SELECT * FROM regulator_designation WHERE customer_id = ?",
                this::designation, customerId);
    }

    /** True if the customer was ever put on the register (revoked or not). */
    public boolean isOnRegister(String customerId) {
        return jdbc.queryOne("SELECT 1 AS one FROM regulator_designation WHERE customer_id = ?",
                row -> row.getInt("one"), customerId).isPresent();
    }

    public CursorPage<DesignationView> designations(long afterRowNo, int limit) {
        List<DesignationView> rows = jdbc.query("SELECT * FROM regulator_designation WHERE row_no > ?"
                + " ORDER BY row_no LIMIT " + (limit + 1), this::designation, afterRowNo);
        return CursorPage.of(rows, limit, DesignationView::rowNo);
    }

    /**
     * Every adopted policy version, to choose the one in force at an instant. Every call asks the
     * database which row is the newest (another node may have adopted one), but the versions are
     * parsed again only when a new one was adopted.
     */
    public Optional<PolicyHistory> policyHistory() {
        Optional<Long> newest = jdbc.queryOne("SELECT row_no FROM regulator_policy ORDER BY row_no DESC LIMIT 1",
                row -> row.getLong("row_no"));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        ParsedHistory cached = lastParsed;
        if (cached != null && cached.rowNo() == newest.get()) {
            return Optional.of(cached.history());
        }
        List<PolicyHistory.Adopted> versions = jdbc.query("SELECT row_no, document, adopted_at FROM regulator_policy"
                        + " WHERE row_no <= ? ORDER BY row_no LIMIT " + (PolicyHistory.VERSIONS_MAX + 1),
                row -> new PolicyHistory.Adopted(PolicyDocuments.read(row.getString("document")),
                        SqlStatements.instant(row, "adopted_at"), row.getLong("row_no")), newest.get());
        PolicyHistory history = new PolicyHistory(versions);
        lastParsed = new ParsedHistory(newest.get(), history);
        return Optional.of(history);
    }

    /** The versions as of one adoption (versions are immutable once adopted: a change is a new row). */
    private record ParsedHistory(long rowNo, PolicyHistory history) {
    }

    public Optional<Policy> policy(String version) {
        return jdbc.queryOne("SELECT document FROM regulator_policy WHERE version = ?",
                row -> PolicyDocuments.read(row.getString("document")), version);
    }

    private DesignationView designation(ResultSet row) throws SQLException {
        String customerId = row.getString("customer_id");
        Map<String, Long> units = new LinkedHashMap<>();
        jdbc.query("SELECT quarter, units FROM regulator_designation_units WHERE customer_id = ?"
                        + " ORDER BY quarter DESC LIMIT " + QUARTERS_MAX,
                r -> units.put(r.getString("quarter"), r.getLong("units")), customerId);
        return new DesignationView(customerId, row.getString("name"), row.getString("country"),
                SqlStatements.nullableLong(row, "unit_cap_per_quarter"), row.getString("status"),
                SqlStatements.instant(row, "designated_at"), row.getString("designated_by"),
                SqlStatements.instant(row, "revoked_at"), row.getString("revoked_by"), SqlStatements.instant(row, "updated_at"),
                row.getString("updated_by"), row.getString("proposal_id"), row.getString("proposed_by"),
                row.getString("approved_by"), units, row.getLong("row_no"));
    }

    public Optional<PolicyAdoptionView> policyAdoption(String version) {
        return jdbc.queryOne("SELECT version, adopted_by, adopted_at, proposal_id, proposed_by, approved_by"
                        + " FROM regulator_policy WHERE version = ?",
                row -> new PolicyAdoptionView(row.getString("version"), row.getString("adopted_by"),
                        SqlStatements.instant(row, "adopted_at"), row.getString("proposal_id"),
                        row.getString("proposed_by"), row.getString("approved_by")), version);
    }

    public Optional<ProposalView> proposal(String proposalId) {
        return jdbc.queryOne("SELECT * FROM regulator_proposal WHERE proposal_id = ?",
                ReadModelQueries::proposal, proposalId);
    }

    /** Proposals after {@code afterRowNo}, oldest first, optionally of one status. */
    public CursorPage<ProposalView> proposals(ProposalStatus status, long afterRowNo, int limit) {
        String where = status == null ? "row_no > ?" : "status = ? AND row_no > ?";
        Object[] params = status == null ? new Object[] {afterRowNo} : new Object[] {status, afterRowNo};
        List<ProposalView> rows = jdbc.query("SELECT * FROM regulator_proposal WHERE " + where
                + " ORDER BY row_no LIMIT " + (limit + 1), ReadModelQueries::proposal, params);
        return CursorPage.of(rows, limit, ProposalView::rowNo);
    }

    private static ProposalView proposal(ResultSet row) throws SQLException {
        ProposalKind kind = ProposalKind.valueOf(row.getString("kind"));
        String change = row.getString("change_json");
        return new ProposalView(row.getString("proposal_id"), kind, row.getString("subject"),
                ProposalStatus.valueOf(row.getString("status")),
                kind == ProposalKind.ADOPT_POLICY ? PolicyDocuments.read(change) : null,
                kind == ProposalKind.DESIGNATE_CUSTOMER ? ReadModelJson.designationChange(change) : null,
                row.getString("proposed_by"), SqlStatements.instant(row, "proposed_at"),
                row.getString("decided_by"), SqlStatements.instant(row, "decided_at"), row.getString("reason"),
                row.getLong("row_no"));
    }

    private static ApplicationView application(ResultSet row) throws SQLException {
        TrackOutcome us = ReadModelJson.track(row.getString("us_export"));
        TrackOutcome cn = ReadModelJson.track(row.getString("cn_import"));
        return new ApplicationView(row.getString("order_id"), row.getString("status"),
                row.getString("customer_id"), row.getString("customer_name"), row.getString("product_sku"),
                row.getString("product_family"), row.getLong("quantity"), row.getString("usage_scenario"),
                row.getString("quarter"), row.getString("policy_version"), row.getString("policy_clause"),
                row.getString("authorization_id"),
                row.getString("decided_by"), us == null && cn == null ? null : new ApplicationView.Tracks(us, cn),
                ReadModelJson.reasons(row.getString("reasons")), row.getBoolean("units_returned"),
                row.getString("request_event_id"), SqlStatements.instant(row, "requested_at"),
                SqlStatements.instant(row, "received_at"), SqlStatements.instant(row, "decided_at"),
                SqlStatements.instant(row, "updated_at"), null, null, row.getLong("row_no"));
    }
}
