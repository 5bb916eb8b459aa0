package io.tollgate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.audit.policy.PolicyFileException;
import io.tollgate.audit.policy.PolicyLibrary;
import io.tollgate.audit.policy.PolicyRecheck;
import io.tollgate.audit.replay.Replay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recheck-policy}: every recorded grant and denial re-derived from the order's facts on the
 * topics and the policy versions as published, by the audit's own reading of
 * docs/policy-rules.md (package {@code policy}). Exit 0 when no decision differs, 1 when one does.
 */
@Command(name = "recheck-policy", mixinStandardHelpOptions = true,
    description = {"Re-evaluates every recorded decision against the policy version it names.",
        "Replays the topics and holds each grant and denial to the versions in --policies (one"
            + " published JSON document per file), with the audit's own implementation of"
            + " docs/policy-rules.md: the version in force, the grant's conditions, the destination,"
            + " product, usage-scenario and review-threshold rules. What the topics cannot show (the"
            + " designated register, an officer's judgment) is counted as taken on trust. Exit 0: no"
            + " decision differs; 1: at least one does (each listed)."})
final class RecheckPolicyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    AuditCli root;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    ReplayOptions replay;
    @Option(names = "--policies", paramLabel = "DIR", required = true,
        description = "A directory of policy versions as published, one JSON document per *.json file"
            + " (at most " + PolicyLibrary.VERSIONS_MAX + "; the shipped ones are in"
            + " regulator-service/src/main/resources/policy).")
    Path policies;
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
        description = "A report for people (default) or one JSON object.")
    OutputFormat format;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        PolicyLibrary library;
        try {
            library = PolicyLibrary.load(policies);
        } catch (PolicyFileException e) {
            throw new CommandLine.ParameterException(cli, "--policies " + e.getMessage());
        }
        PolicyRecheck recheck = new PolicyRecheck(library);
        Replay.Read read = replay.read(root, cli, recheck);
        PrintWriter out = cli.getOut();
        long differ = recheck.count(PolicyRecheck.Verdict.DIFFERS);
        if (format == OutputFormat.json) {
            out.println(json(library, recheck, read));
        } else {
            text(out, library, recheck, read);
        }
        return differ == 0 ? 0 : AuditCli.EXIT_DIFFERENT;
    }

    private static void text(PrintWriter out, PolicyLibrary library, PolicyRecheck recheck, Replay.Read read) {
        out.printf("replay: %,d records (%,d skipped), %,d orders requested, %.1f s; %s%n", read.records(),
                read.skipped(), recheck.orders(), read.millis() / 1000.0, read.signaturesChecked()
                        ? "signatures checked against --trusted-keys"
                        : "signatures not checked (no --trusted-keys)");
        out.printf("decisions: %,d rechecked against %d policy versions: %,d agree, %,d differ, %,d taken on"
                + " trust%n", recheck.decisions(), library.size(), recheck.count(PolicyRecheck.Verdict.AGREES),
                recheck.count(PolicyRecheck.Verdict.DIFFERS), recheck.count(PolicyRecheck.Verdict.TRUSTED));
        recheck.trusted().forEach((what, n) -> out.printf("  on trust: %s: %,d%n", what, n));
        library.versions().forEach((name, v) -> {
            if (!v.trustedClauses().isEmpty()) {
                out.printf("  grants under %s also rest on what the topics do not carry: %s%n", name,
                        new java.util.TreeSet<>(v.trustedClauses().values()));
            }
        });
        for (PolicyRecheck.Finding f : recheck.listed()) {
            out.printf("%s: order %s %s under %s clause %s by %s at %s: %s%n", f.verdict(), f.orderId(),
                    f.outcome(), f.policyVersion(), f.clause() == null ? "(none)" : f.clause(), f.decidedBy(),
                    f.decidedAt(), f.why());
        }
        long listed = recheck.count(PolicyRecheck.Verdict.DIFFERS) + recheck.count(PolicyRecheck.Verdict.TRUSTED);
        if (listed > recheck.listed().size()) {
            out.printf("(%,d more not listed)%n", listed - recheck.listed().size());
        }
        for (String reason : read.skipReasons()) {
            out.println("skipped: " + reason);
        }
        out.println(recheck.count(PolicyRecheck.Verdict.DIFFERS) == 0 ? "AGREES: no recorded decision differs"
                : "DIFFERENT: " + recheck.count(PolicyRecheck.Verdict.DIFFERS) + " recorded decisions differ");
    }

    private static ObjectNode json(PolicyLibrary library, PolicyRecheck recheck, Replay.Read read) {
        ObjectNode json = JSON.createObjectNode();
        json.put("records", read.records()).put("skipped", read.skipped()).put("orders", recheck.orders())
                .put("policyVersions", library.size()).put("decisions", recheck.decisions())
                .put("agree", recheck.count(PolicyRecheck.Verdict.AGREES))
                .put("differ", recheck.count(PolicyRecheck.Verdict.DIFFERS))
                .put("trusted", recheck.count(PolicyRecheck.Verdict.TRUSTED))
                .put("signaturesChecked", read.signaturesChecked()).put("millis", read.millis());
        ObjectNode onTrust = json.putObject("onTrust");
        recheck.trusted().forEach(onTrust::put);
        ObjectNode restOn = json.putObject("grantsAlsoRestOn");
        library.versions().forEach((name, v) -> {
            if (!v.trustedClauses().isEmpty()) {
                ArrayNode what = restOn.putArray(name);
                new java.util.TreeSet<>(v.trustedClauses().values()).forEach(what::add);
            }
        });
        ArrayNode findings = json.putArray("findings");
        for (PolicyRecheck.Finding f : recheck.listed()) {
            findings.addObject().put("verdict", f.verdict().name()).put("orderId", f.orderId())
                    .put("eventId", f.eventId()).put("outcome", f.outcome()).put("policyVersion", f.policyVersion())
                    .put("policyClause", f.clause()).put("decidedBy", f.decidedBy())
                    .put("decidedAt", f.decidedAt().toString()).put("why", f.why());
        }
        ArrayNode skips = json.putArray("skipReasons");
        read.skipReasons().forEach(skips::add);
        return json;
    }
}
