package io.tollgate.audit;

import io.tollgate.audit.ledger.LedgerApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the live ledger is and how the auditor signs in: a bearer token from
 * {@code TOLLGATE_AUDIT_TOKEN}, or HTTP Basic as {@code --user} (or {@code TOLLGATE_AUDIT_USER})
 * with {@code TOLLGATE_AUDIT_PASSWORD}; secrets only from the environment, never the command line.
 */
final class LedgerOptions {

    static final String URL_ENV = "TOLLGATE_LEDGER_URL";
    static final String URL_DEFAULT = "http://127.0.0.1:8083";
    static final String TOKEN_ENV = "TOLLGATE_AUDIT_TOKEN";
    static final String USER_ENV = "TOLLGATE_AUDIT_USER";
    static final String PASSWORD_ENV = "TOLLGATE_AUDIT_PASSWORD";

    @Option(names = "--ledger-url", paramLabel = "URL",
        description = "The ledger's base URL (default: $" + URL_ENV + ", else " + URL_DEFAULT
            + ").")
    String url;

    @Option(names = "--user", paramLabel = "NAME",
        description = "HTTP Basic user with the auditor role (default: $" + USER_ENV + "); the"
            + " password comes from $" + PASSWORD_ENV + ". A bearer token in $" + TOKEN_ENV
            + " is used instead when set.")
    String user;

    LedgerApi api(Map<String, String> environment, CommandLine cli) {
        String text = url != null ? url : environment.getOrDefault(URL_ENV, URL_DEFAULT);
        URI base;
        try {
            base = new URI(text);
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(cli,
                    "--ledger-url '" + text + "' is not a URL");
        }
        boolean web = "http".equals(base.getScheme()) || "https".equals(base.getScheme());
        if (!web || base.getHost() == null) {
            throw new CommandLine.ParameterException(cli, "--ledger-url '" + text
                    + "' must be an http or https URL such as " + URL_DEFAULT);
        }
        return new LedgerApi(base, authorization(environment, cli));
    }

    private String authorization(Map<String, String> environment, CommandLine cli) {
        String token = environment.get(TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            return "Bearer " + token.trim();
        }
        String name = user != null ? user : environment.get(USER_ENV);
        if (name == null || name.isBlank()) {
            return null;
        }
        String password = environment.get(PASSWORD_ENV);
        if (password == null) {
            throw new CommandLine.ParameterException(cli,
                    "user " + name + " needs its password in $" + PASSWORD_ENV);
        }
        String pair = name + ":" + password;
        byte[] bytes = pair.getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(bytes);
    }
}
