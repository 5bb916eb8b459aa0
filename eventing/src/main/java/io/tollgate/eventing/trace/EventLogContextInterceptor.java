package io.tollgate.eventing.trace;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Puts the id of the event an Axon event handler is handling (projection, outbox relay) into the
 * log context for the time it handles it.
 */
public final class EventLogContextInterceptor
        implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try (LogContext ignored = LogContext.of(null, unitOfWork.getMessage().getIdentifier())) {
            return chain.proceed();
        }
    }
}
