package io.tollgate.contracts;

import java.util.List;

/**
 * Where the JSON Schema (draft 2020-12) of each wire event lives on the classpath. There is one
 * schema per {@code ce_type}, named after it; the event schemas share {@link #MONEY} and
 * {@link #COMMON} through relative {@code $ref}s, resolved against {@link #ID_BASE}.
 */
public final class Schemas {

    /** The classpath folder holding every schema file. */
    public static final String RESOURCE_DIR = "schemas/";

    /** The base of every {@code $id}; map it to {@link #RESOURCE_DIR} to resolve refs offline. */
    public static final String ID_BASE = "https://tollgate.io/schemas/";

    /** Suffix of every schema file name. */
    public static final String SUFFIX = ".schema.json";

    /** Money: decimal string amount plus ISO 4217 currency. */
    public static final String MONEY = "money" + SUFFIX;

    /** Shared definitions: text, UTC instant, track decision, grant conditions, denial reason. */
    public static final String COMMON = "common" + SUFFIX;

    /** The schema files that no event type names but the event schemas reference. */
    public static final List<String> SHARED = List.of(MONEY, COMMON);

    /**
     * The {@code ce_type}s of wire records that are not order events (no {@link EventTypes} entry):
     * each has its schema here too, named the same way.
     */
    public static final List<String> RECORD_TYPES = List.of(LedgerCheckpointAnchoredV1.TYPE);

    private Schemas() {
    }

    /** The schema's file name, e.g. {@code tollgate.order.requested.v1.schema.json}. */
    public static String fileName(String ceType) {
        if (EventTypes.classOf(ceType).isEmpty() && (ceType == null || !RECORD_TYPES.contains(ceType))) {
            throw new ContractViolationException("ce_type", "is not a known event type: " + ceType);
        }
        return ceType + SUFFIX;
    }

    /** The classpath resource name, for {@code ClassLoader.getResource}. */
    public static String resourceFor(String ceType) {
        return RESOURCE_DIR + fileName(ceType);
    }

    /** The schema's {@code $id}. */
    public static String idFor(String ceType) {
        return ID_BASE + fileName(ceType);
    }
}
