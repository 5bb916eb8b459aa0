package io.tollgate.eventing.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A bearer token without a {@code groups} claim names no role: it is refused at authentication
 * (401), not let in role-less, so a misconfigured identity provider fails loudly.
 */
@ApplicationScoped
public class RequireGroups implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && (token.getGroups() == null || token.getGroups().isEmpty())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token names no groups"));
        }
        return Uni.createFrom().item(identity);
    }
}
