package org.tradeoffs.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs a tracking processor's batch of events inside one {@link WriteBatch}: opened with the first event, written
 * right after the last one is handled, which is before the processor stores the token of the batch (that happens
 * when its unit of work commits). A unit of work that rolls back leaves nothing behind: the processor retries the
 * batch from its token.
 */
public final class BatchedWrites implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (WriteBatch.current() == null) {
            WriteBatch.open();
            unitOfWork.onRollback(rolledBack -> WriteBatch.discardOpen());
        }
        Object result = interceptorChain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            WriteBatch.flushOpen();
        }
        return result;
    }
}
