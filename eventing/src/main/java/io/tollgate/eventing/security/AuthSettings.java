package io.tollgate.eventing.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How callers authenticate: {@code jwt} (production: bearer tokens, roles from the groups claim) or
 * {@code embedded} (the local stack: HTTP Basic users from a generated file). A process running the
 * production profile refuses to start with embedded credentials.
 */
@ApplicationScoped
public class AuthSettings {

    @ConfigProperty(name = "tollgate.auth.mode")
    String mode;
    @ConfigProperty(name = "tollgate.auth.users-file")
    String usersFile;

    void check(@Observes StartupEvent event) {
        if (!mode.equals("jwt") && !mode.equals("embedded")) {
            throw new IllegalStateException("tollgate.auth.mode (TOLLGATE_AUTH_MODE) must be jwt or embedded, got "
                    + mode);
        }
        List<String> profiles = ConfigUtils.getProfiles();
        if (embedded() && profiles.contains("prod") && !profiles.contains("local")) {
            throw new IllegalStateException("embedded credentials are refused in production: set "
                    + "tollgate.auth.mode=jwt with mp.jwt.verify.* (or run the local profile: QUARKUS_PROFILE=local)");
        }
        if (embedded() && !Files.isReadable(Path.of(usersFile))) {
            throw new IllegalStateException("tollgate.auth.mode=embedded but the user file " + usersFile
                    + " is missing; ./tollgate up writes it");
        }
    }

    public boolean embedded() {
        return mode.equals("embedded");
    }

    public String usersFile() {
        return usersFile;
    }
}
