package io.tollgate.eventing.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose body may exceed {@code tollgate.http.body-bytes-max}: {@link BodySizeLimit}
 * holds it to {@code tollgate.http.large-body-bytes-max} instead (a batch of many lines). The
 * service must raise {@code quarkus.http.limits.max-body-size} above that too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LargeBody {
}
