package io.tollgate.contracts.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.tollgate.contracts.Schemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against the published wire schemas, resolving their {@code $id}s to the classpath
 * so no test reaches the network. Needs {@code com.networknt:json-schema-validator} on the test
 * classpath of whoever uses it.
 */
public final class ContractSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(resolvers ->
                    resolvers.mapPrefix(Schemas.ID_BASE, "classpath:" + Schemas.RESOURCE_DIR)));

    private static final Map<String, Schema> BY_TYPE = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** The compiled schema of one {@code ce_type}; compiled once per type and cached. */
    public static Schema forType(String ceType) {
        return BY_TYPE.computeIfAbsent(ceType,
                type -> REGISTRY.getSchema(SchemaLocation.of(Schemas.idFor(type))));
    }

    /** Every rule {@code json} breaks, as readable messages; empty when it conforms. */
    public static List<String> violations(String ceType, byte[] json) {
        return violations(ceType, parse(json));
    }

    public static List<String> violations(String ceType, JsonNode json) {
        return forType(ceType).validate(json).stream().map(Error::toString).toList();
    }

    /** The schema document itself, as a tree, for tests that inspect it. */
    public static JsonNode document(String ceType) {
        return forType(ceType).getSchemaNode();
    }

    public static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
