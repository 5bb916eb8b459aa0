package io.tollgate.eventing.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Checks HTTP Basic credentials against the embedded user file, when
 * {@code tollgate.auth.mode=embedded}. In {@code jwt} mode it refuses every Basic attempt, so only
 * bearer tokens get in.
 */
@ApplicationScoped
public class EmbeddedIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final AuthSettings settings;
    private volatile EmbeddedUsers users;

    @Inject
    public EmbeddedIdentityProvider(AuthSettings settings) {
        this.settings = settings;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        if (!settings.embedded()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Basic authentication is off"));
        }
        return context.runBlocking(() -> users().verify(request.getUsername(), request.getPassword().getPassword())
                .map(user -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user.name()))
                        .addRoles(user.roles())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("bad credentials")));
    }

    private EmbeddedUsers users() {
        EmbeddedUsers current = users;
        if (current == null) {
            synchronized (this) {
                if (users == null) {
                    users = EmbeddedUsers.load(Path.of(settings.usersFile()));
                }
                current = users;
            }
        }
        return current;
    }
}
