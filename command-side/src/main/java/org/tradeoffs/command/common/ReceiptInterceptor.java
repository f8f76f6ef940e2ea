package org.tradeoffs.command.common;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import org.tradeoffs.eventstore.AppendReceipt;

/**
 * Hands the HTTP layer the global position and version a command produced. The event store fills
 * the unit of work's {@link AppendReceipt} while committing, which happens before the command's
 * result reaches the caller. Axon's Spring Boot autoconfiguration registers it on the command bus, as it
 * does every command handler interceptor bean (registering it here too wrapped every result twice).
 */
@Component
public class ReceiptInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        AppendReceipt receipt = AppendReceipt.of(unitOfWork);
        return new Dispatched(chain.proceed(), receipt);
    }
}
