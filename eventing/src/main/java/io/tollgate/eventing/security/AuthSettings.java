package io.tollgate.eventing.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How callers authenticate: {@code jwt} (production: bearer tokens, roles from the groups claim) or
 * {@code embedded} (the local stack: HTTP Basic users from a generated file). A process refuses to
 * start with embedded credentials when it runs the production profile without the local one, and
 * whatever the profile when its HTTP server listens beyond loopback: the generated users are for
 * one machine, and a profile is only a setting that a deployment can get wrong.
 */
@ApplicationScoped
public class AuthSettings {

    @ConfigProperty(name = "tollgate.auth.mode")
    String mode;
    @ConfigProperty(name = "tollgate.auth.users-file")
    String usersFile;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

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
        if (embedded() && !loopback(httpHost)) {
            throw new IllegalStateException("embedded credentials are refused on an HTTP server reachable from "
                    + "other machines: quarkus.http.host (QUARKUS_HTTP_HOST) is " + httpHost
                    + "; bind it to 127.0.0.1 or use tollgate.auth.mode=jwt");
        }
        if (embedded() && !Files.isReadable(Path.of(usersFile))) {
            throw new IllegalStateException("tollgate.auth.mode=embedded but the user file " + usersFile
                    + " is missing; ./tollgate up writes it");
        }
    }

    /** Whether every address {@code host} names is a loopback address (0.0.0.0 and :: are not). */
    static boolean loopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host.strip());
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean embedded() {
        return mode.equals("embedded");
    }

    public String usersFile() {
        return usersFile;
    }
}
