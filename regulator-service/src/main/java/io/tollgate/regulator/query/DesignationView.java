package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** A register entry as the API shows it, with the units granted per quarter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesignationView(String customerId, String name, String country, Long unitCapPerQuarter,
                              String status, Instant designatedAt, Instant revokedAt, Instant updatedAt,
                              Map<String, Long> unitsGrantedByQuarter, @JsonIgnore long rowNo) {
}
