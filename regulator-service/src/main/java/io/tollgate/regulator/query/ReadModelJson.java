package io.tollgate.regulator.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.WireJson;
import io.tollgate.regulator.api.DesignationChange;
import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.TrackOutcome;
import java.util.List;

/** JSON columns of the read models (track outcomes, reason lists). */
final class ReadModelJson {

    private static final ObjectMapper MAPPER = WireJson.mapper();
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };

    private static final TypeReference<List<MissingDocument>> MISSING_DOCUMENTS = new TypeReference<>() {
    };

    private ReadModelJson() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    static TrackOutcome track(String json) {
        return json == null ? null : read(json, TrackOutcome.class);
    }

    static List<Reason> reasons(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read reasons " + json, e);
        }
    }

    static List<MissingDocument> missingDocuments(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, MISSING_DOCUMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read missing documents " + json, e);
        }
    }

    static DesignationChange designationChange(String json) {
        return json == null ? null : read(json, DesignationChange.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + " " + json, e);
        }
    }
}
