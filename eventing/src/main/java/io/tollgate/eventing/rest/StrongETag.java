package io.tollgate.eventing.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a single-resource read: its 200 answer carries a strong {@code ETag}, and a request whose
 * {@code If-None-Match} names the current tag is answered 304 with no body ({@link StrongETagFilter}).
 * Put {@code @Extension(name = "x-tollgate-etag", value = "true")} beside it so the OpenAPI document
 * says so too.
 */
@NameBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StrongETag {
}
