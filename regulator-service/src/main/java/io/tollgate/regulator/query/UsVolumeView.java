package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One product class in one calendar quarter under the US-volume cap: what the ERP reported shipped
 * to US end-use customers, what is authorized to the capped destinations, and what is left.
 *
 * @param policyVersion  the version in force now, whose cap the figures below apply; null (with
 *                       them) when it has no US-volume cap
 * @param allowedUnits   ratio × usUnitsReported, rounded down
 * @param headroom       allowedUnits − authorizedUnits − unitsWaiting: what a new order may still get
 * @param ordersWaiting  applications of the class and period waiting for US volume
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsVolumeView(String productClass, String period, long usUnitsReported, int reports,
                           long authorizedUnits, long ordersWaiting, long unitsWaiting,
                           @Schema(nullable = true) String policyVersion,
                           @Schema(nullable = true) String ratio,
                           @Schema(nullable = true) Long allowedUnits,
                           @Schema(nullable = true) Long headroom,
                           Instant updatedAt, @JsonIgnore long rowNo) {
}
