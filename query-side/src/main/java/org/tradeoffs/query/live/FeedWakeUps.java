package org.tradeoffs.query.live;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.tradeoffs.query.live.CycleTopic.Kind;

/**
 * The processors behind the live topics wake this instance's {@link ChangeFeed} once a batch of theirs is committed
 * (its changes stored, then its token): the feed pushes them now rather than at its next poll.
 */
@Configuration(proxyBeanMethods = false)
class FeedWakeUps {

    @Autowired
    void wakeTheFeedAfterEachBatch(EventProcessingConfigurer processing, ObjectProvider<ChangeFeed> feed) {
        for (Kind kind : Kind.values()) {
            processing.registerHandlerInterceptor(ChangeFeed.processorOf(kind), configuration -> new WakeUp(feed));
        }
    }

    private record WakeUp(ObjectProvider<ChangeFeed> feed) implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isFirstMessage()) {
                unitOfWork.afterCommit(committed -> feed.ifAvailable(ChangeFeed::wake));
            }
            return interceptorChain.proceed();
        }
    }
}
