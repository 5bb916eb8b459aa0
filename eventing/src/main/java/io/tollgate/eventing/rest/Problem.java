package io.tollgate.eventing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body. {@code code} is a stable error code, {@code field} the request field at
 * fault (JSON path, header or query parameter name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field,
                      String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
