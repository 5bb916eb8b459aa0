package io.tollgate.regulator.rest;

import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.regulator.api.ApplicationCommands.OfficerDecision;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.command.ApplicationWorkflow;
import io.tollgate.regulator.query.ApplicationView;
import io.tollgate.regulator.query.Page;
import io.tollgate.regulator.query.Queries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Applications: the review queues, one application in full, the buyer's scenario, officer decisions. */
@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    static final int SCENARIO_MAX = 10_000;
    static final int REASON_MAX = 2_000;

    /** Body of POST /usage-scenario. */
    public record UsageScenarioRequest(String usageScenario) {
    }

    /** Body of POST /decision. */
    public record DecisionRequest(String decision, String reason) {
    }

    private final Queries queries;
    private final ApplicationWorkflow workflow;
    private final String officerPrincipal;

    public ApplicationResource(Queries queries, ApplicationWorkflow workflow,
                               @ConfigProperty(name = "tollgate.regulator.officer-principal") String officer) {
        this.queries = queries;
        this.workflow = workflow;
        this.officerPrincipal = officer;
    }

    @GET
    public Page<ApplicationView> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                      @QueryParam("cursor") String cursor) {
        return queries.applications(status(status), Problems.cursor(cursor), Problems.limit(limit));
    }

    @GET
    @Path("/{orderId}")
    public ApplicationView get(@PathParam("orderId") String orderId) {
        return find(orderId);
    }

    @POST
    @Path("/{orderId}/usage-scenario")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApplicationView supplyUsageScenario(@PathParam("orderId") String orderId, UsageScenarioRequest body) {
        String scenario = Problems.text("usageScenario", Problems.body(body).usageScenario(), SCENARIO_MAX);
        ApplicationView app = find(orderId);
        Problems.refusing(() -> Conflicts.retrying(() -> workflow.supplyUsageScenario(app, scenario)));
        return find(orderId);
    }

    @POST
    @Path("/{orderId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApplicationView decide(@PathParam("orderId") String orderId, DecisionRequest body) {
        DecisionRequest request = Problems.body(body);
        OfficerDecision decision = decision(request.decision());
        String reason = Problems.text("reason", request.reason(), REASON_MAX);
        ApplicationView app = find(orderId);
        Problems.refusing(() -> Conflicts.retrying(
                () -> workflow.decideByOfficer(app, decision, reason, officerPrincipal)));
        return find(orderId);
    }

    private ApplicationView find(String orderId) {
        Problems.id("orderId", orderId);
        return queries.applicationWithHistory(orderId)
                .orElseThrow(() -> ProblemException.notFound("application for order", orderId));
    }

    private static OfficerDecision decision(String decision) {
        if (decision != null) {
            for (OfficerDecision d : OfficerDecision.values()) {
                if (d.name().equals(decision)) {
                    return d;
                }
            }
        }
        throw ProblemException.badRequest("decision", "decision must be one of "
                + Arrays.toString(OfficerDecision.values()));
    }

    private static ApplicationStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return ApplicationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "status must be one of "
                    + Arrays.toString(ApplicationStatus.values()));
        }
    }
}
