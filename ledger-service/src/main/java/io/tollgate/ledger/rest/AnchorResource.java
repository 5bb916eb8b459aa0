package io.tollgate.ledger.rest;

import io.tollgate.contracts.LedgerCheckpointAnchoredV1;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.ledger.anchor.AnchorStore;
import io.tollgate.ledger.anchor.ChainPoint;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What an auditor needs to hold the live ledger to its published anchors from outside: the chain
 * heads of the live generation, and a chain's entry hash and balance digest at any seq.
 */
// The same root as LedgerResource: a longer class path would capture /api/v1/audit/* from it.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class AnchorResource {

    private final Databases databases;

    @Inject
    public AnchorResource(Databases databases) {
        this.databases = databases;
    }

    /** One chain head. */
    public record ChainHeadView(String chainId, long seq, String entryHash) {
    }

    /** The live generation and every chain head in it, by chain id. */
    public record ChainHeads(long generation, List<ChainHeadView> chains) {
    }

    @GET
    @Path("/audit/chains")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "listChainHeads", summary = "The live generation's chain heads",
            description = "Every hash chain of the live journal generation with its last seq and entry hash, "
                    + "for holding the ledger to the anchors it published on tollgate.ledger-checkpoints.v1 "
                    + "(./tollgate audit verify-anchors).")
    @APIResponse(responseCode = "200", description = "The generation and its chain heads")
    public ChainHeads chains() {
        try (Connection c = databases.dataSource().getConnection()) {
            long generation = AnchorStore.generation(c);
            return new ChainHeads(generation, AnchorStore.heads(c).stream()
                    .map(h -> new ChainHeadView(h[0], Long.parseLong(h[1]), h[2])).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the chain heads", e);
        }
    }

    /** The chain's entry hash at {@code seq} and the digest of its balances up to there. */
    @GET
    @Path("/audit/chain-points")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "getChainPoint", summary = "A chain's entry hash and balance digest at a seq",
            description = "What an anchor of this chain and seq vouches for, as the live journal has it now: "
                    + "the entry hash at `seq` and the digest of the chain's balances up to there.")
    @APIResponse(responseCode = "200", description = "The chain at that seq")
    @APIResponse(responseCode = "400", description = "chain or seq missing or out of range")
    @APIResponse(responseCode = "404", description = "The chain has no entry at that seq")
    public ChainPoint chainPoint(
            @QueryParam("chain") @NotNull @Size(min = 1, max = LedgerCheckpointAnchoredV1.CHAIN_ID_LENGTH_MAX)
            String chain,
            @QueryParam("seq") @NotNull @Min(1) @Max(Long.MAX_VALUE) Long seq) {
        try (Connection c = databases.dataSource().getConnection()) {
            long generation = AnchorStore.generation(c);
            return AnchorStore.pointAt(c, generation, chain, seq)
                    .orElseThrow(() -> ProblemException.notFound("entry", chain + " seq " + seq));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read chain " + chain, e);
        }
    }
}
