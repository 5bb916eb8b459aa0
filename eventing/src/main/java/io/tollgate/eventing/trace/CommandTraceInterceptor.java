package io.tollgate.eventing.trace;

import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Stamps every command with the trace context it was sent in (the HTTP request's span, or the
 * span of the record a consumer handles). A correlation data provider copies the fields onto the
 * events the command produces, so they are stored with the event and the outbox relay, which
 * publishes later on its own thread, continues the same trace.
 */
public final class CommandTraceInterceptor
        implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The metadata keys copied from a command onto its events. */
    public static final List<String> KEYS = List.of(Traces.TRACEPARENT, Traces.TRACESTATE);

    private final Traces traces;

    public CommandTraceInterceptor(Traces traces) {
        this.traces = traces;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(Traces.TRACEPARENT)) {
                return command;
            }
            Map<String, String> fields = traces.fields(Context.current());
            fields.keySet().retainAll(KEYS);
            return fields.isEmpty() ? command : command.andMetaData(fields);
        };
    }
}
