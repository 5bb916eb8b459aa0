package io.tollgate.eventing.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Pins a bearer token's principal to its issuer and subject, {@code <iss>#<sub>}: the name every
 * service records (event metadata, proposer and approver, an order's client) and compares (four
 * eyes, order ownership). A token's default name ({@code upn}, then {@code preferred_username}) is
 * chosen by whoever issues it and two issuers may use one subject, so neither alone identifies a
 * caller. Tokens without both claims, with a {@code #} in the issuer (an OpenID issuer has no
 * fragment, so the split is unambiguous) or whose pinned name exceeds {@link #NAME_CHARS_MAX} are
 * refused at authentication (401).
 */
@ApplicationScoped
public class IssuerSubjectPrincipal implements SecurityIdentityAugmentor {

    /** The longest principal name: what every principal column of every service holds. */
    public static final int NAME_CHARS_MAX = 200;
    static final String SEPARATOR = "#";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token instanceof Pinned) {
            return Uni.createFrom().item(identity);
        }
        String name;
        try {
            name = name(token.getIssuer(), token.getSubject());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .setPrincipal(new Pinned(name, token))
                .build());
    }

    /** The pinned name of a token from {@code issuer} about {@code subject}; refuses what cannot be pinned. */
    public static String name(String issuer, String subject) {
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("token lacks an issuer (iss) or a subject (sub)");
        }
        if (issuer.contains(SEPARATOR)) {
            throw new IllegalArgumentException("token issuer contains '" + SEPARATOR + "'");
        }
        String name = issuer + SEPARATOR + subject;
        if (name.length() > NAME_CHARS_MAX) {
            throw new IllegalArgumentException("token issuer and subject exceed " + NAME_CHARS_MAX + " characters");
        }
        return name;
    }

    /** The token as before, its name pinned; claims (groups included) read through unchanged. */
    record Pinned(String name, JsonWebToken token) implements JsonWebToken {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return token.getClaimNames();
        }

        @Override
        public <T> T getClaim(String claimName) {
            return token.getClaim(claimName);
        }
    }
}
