package io.tollgate.eventing.trace;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether finished spans leave the process: {@code tollgate.traces.export=none} (the default)
 * keeps them in (spans are still made, so trace and span ids reach every log line and every
 * record's headers), {@code otlp} sends them with Quarkus' OTLP exporter to
 * {@code quarkus.otel.exporter.otlp.traces.endpoint}.
 *
 * <p>Quarkus builds its OTLP exporter at start-up unless the application has a
 * {@link SpanExporter} bean of its own, and its exporter setting is fixed at build time. So the
 * switch is a bean: while export is off, the span exporter is one that drops everything, and
 * nothing connects anywhere.
 */
@Singleton
public class TraceExport {

    public static final String PROPERTY = "tollgate.traces.export";
    static final String NONE = "none";
    static final String OTLP = "otlp";

    @ConfigProperty(name = PROPERTY)
    String export;

    /** Drops every span; hides itself from lookup when export is {@code otlp}. */
    @Produces
    @Singleton
    @Unremovable
    @LookupUnlessProperty(name = PROPERTY, stringValue = OTLP)
    SpanExporter dropSpans() {
        return SpanExporter.composite(List.of());
    }

    /** A misspelt value would silently export nothing: refuse to start instead. */
    void check(@Observes StartupEvent event) {
        if (!NONE.equals(export) && !OTLP.equals(export)) {
            throw new IllegalStateException(
                    PROPERTY + " must be " + NONE + " or " + OTLP + ": " + export);
        }
    }
}
