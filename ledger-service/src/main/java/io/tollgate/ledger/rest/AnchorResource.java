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

/**
 * What an auditor needs to hold the live ledger to its published anchors from outside: the chain
 * heads of the live generation, and a chain's entry hash and balance digest at any seq.
 */
// The same root as LedgerResource: a longer class path would capture /api/v1/audit/* from it.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
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
