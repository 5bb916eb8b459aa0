package io.tollgate.audit;

import io.tollgate.contracts.SigningKeys;
import io.tollgate.eventing.signing.EventVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The public keys an auditor trusts, one line each ({@code <key id> <ce_source> <Base64 X.509>},
 * the services' trusted-keys format): records are verified with eventing's {@link EventVerifier},
 * the very check the services run, so a record counts only when signed by its own producer's key.
 */
final class TrustOptions {

    /** Bound on the file: a trusted key line is about 140 bytes, at most 64 keys. */
    static final long FILE_BYTES_MAX = 64 * 1024;

    @Option(names = "--trusted-keys", paramLabel = "FILE",
        description = "Verify every record's DSSE signature (ce_dssematerial) against these public"
            + " keys, one '<key id> <ce_source> <Base64 X.509>' line each.")
    Path trustedKeys;

    /** The verifier, or null without {@code --trusted-keys}; an unusable file is a usage error. */
    EventVerifier verifier(CommandLine cli) {
        if (trustedKeys == null) {
            return null;
        }
        try {
            if (!Files.isRegularFile(trustedKeys) || Files.size(trustedKeys) > FILE_BYTES_MAX) {
                throw new CommandLine.ParameterException(cli, "--trusted-keys " + trustedKeys
                        + " must be a readable file of at most " + FILE_BYTES_MAX + " bytes");
            }
            var keys = SigningKeys.parseTrusted(Files.readString(trustedKeys, StandardCharsets.UTF_8));
            if (keys.isEmpty()) {
                throw new CommandLine.ParameterException(cli,
                        "--trusted-keys " + trustedKeys + " lists no key");
            }
            return new EventVerifier(keys);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cli,
                    "--trusted-keys " + trustedKeys + " cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli,
                    "--trusted-keys " + trustedKeys + ": " + e.getMessage());
        }
    }
}
