package io.tollgate.regulator.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.eventing.json.StrictRequestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads and writes policy documents (JSON); the default policy ships as a classpath resource. */
public final class PolicyDocuments {

    /** The policy adopted on first start when none has been adopted yet. */
    public static final String DEFAULT_RESOURCE = "policy/policy-v1.json";

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

    public static Policy defaultPolicy() {
        return readResource(DEFAULT_RESOURCE);
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
