package org.tradeoffs.query.live;

import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import org.tradeoffs.query.live.CycleTopic.Kind;

/**
 * The processors behind the live topics wake this instance's {@link ChangeFeed} once a batch of theirs is committed
 * (its changes stored, then its token): the feed pushes them now rather than at its next poll.
 */
@Configuration(proxyBeanMethods = false)
class FeedWakeUps {

    @Autowired
    void wakeTheFeedAfterEachBatch(EventProcessingConfigurer processing, ObjectProvider<ChangeFeed> feed) {
        // looked up once, at the first batch's commit: the feed is built after the processors are configured
        Supplier<ChangeFeed> once = SingletonSupplier.of(feed::getIfAvailable);
        for (Kind kind : Kind.values()) {
            processing.registerHandlerInterceptor(ChangeFeed.processorOf(kind), configuration -> new WakeUp(once));
        }
    }

    private record WakeUp(Supplier<ChangeFeed> feed) implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isFirstMessage()) {
                unitOfWork.afterCommit(committed -> {
                    ChangeFeed changeFeed = feed.get();
                    if (changeFeed != null) {
                        changeFeed.wake();
                    }
                });
            }
            return interceptorChain.proceed();
        }
    }
}
