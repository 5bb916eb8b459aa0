package io.tollgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.WireJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** One run of the tool in this JVM, as a user runs it: exit code, stdout and stderr. */
record AuditRun(int exitCode, String out, String err) {

    /** The wall clock the tests' replays start at: after every record of the worked history. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    static AuditRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuditCli.execute(args, new PrintWriter(out), new PrintWriter(err), environment,
                CLOCK);
        return new AuditRun(code, out.toString(), err.toString());
    }

    static AuditRun of(String... args) {
        return of(Map.of(), args);
    }

    JsonNode json() {
        try {
            return WireJson.mapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (exit " + exitCode + ", stderr " + err + "): "
                    + out, e);
        }
    }
}
