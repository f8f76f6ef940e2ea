package org.tradeoffs.command.common;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import org.tradeoffs.eventstore.AppendReceipt;

/**
 * Hands the HTTP layer the global position and version a command produced. The event store fills
 * the unit of work's {@link AppendReceipt} while committing, which happens before the command's
 * result reaches the caller.
 */
@Component
public class ReceiptInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    public ReceiptInterceptor(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        AppendReceipt receipt = AppendReceipt.of(unitOfWork);
        return new Dispatched(chain.proceed(), receipt);
    }
}
