package io.tollgate.regulator.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.eventing.json.StrictRequestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads and writes policy documents (JSON); the shipped history is classpath resources. */
public final class PolicyDocuments {

    /**
     * The shipped history (classpath resources), oldest first: the rules before and from
     * 15 January 2026, adopted on start while no version came from an approved proposal
     * (docs/design.md, Policy versions, names their sources).
     */
    public static final List<String> SHIPPED = List.of("policy/baseline.1.json", "policy/2026-01-15.1.json");

    /** The services' strict request rules: a typo in a shipped or stored policy fails loudly too. */
    private static final ObjectMapper MAPPER = StrictRequestJson.mapper();

    private PolicyDocuments() {
    }

    public static Policy readResource(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("policy resource not found: " + resource);
            }
            Policy policy = MAPPER.readValue(in, Policy.class);
            PolicyValidator.validate(policy);
            return policy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + resource, e);
        }
    }

    /** The shipped versions, oldest first. */
    public static List<Policy> shipped() {
        return SHIPPED.stream().map(PolicyDocuments::readResource).toList();
    }

    public static String write(Policy policy) {
        try {
            return MAPPER.writeValueAsString(policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Policy read(String json) {
        try {
            return MAPPER.readValue(json, Policy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
