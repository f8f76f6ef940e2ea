package org.tradeoffs.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tradeoffs.command.common.Dispatched;

import java.util.OptionalLong;
import java.util.function.Function;

/** Sends a command and turns what the event store appended into the client's {@link WriteReceipt}. */
@Component
public class CommandSender {

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** What a command's handler answered, with the receipt of what it stored. */
    public record Answered<A>(A answer, WriteReceipt receipt) {
    }

    public WriteReceipt send(Object command, String aggregateId) {
        return receipt(gateway.sendAndWait(command), aggregateId);
    }

    /**
     * Sends a command whose handler answers something the client needs: the id it assigned to what it
     * created (then {@code aggregateIdOf} is {@code id -> id}), or figures it computed.
     */
    public <A> Answered<A> sendForAnswer(Object command, Class<A> answerType, Function<A, String> aggregateIdOf) {
        Dispatched dispatched = gateway.sendAndWait(command);
        A answer = answerType.cast(dispatched.result());
        return new Answered<>(answer, receipt(dispatched, aggregateIdOf.apply(answer)));
    }

    private static WriteReceipt receipt(Dispatched dispatched, String aggregateId) {
        OptionalLong position = dispatched.receipt().lastPosition();
        long version = dispatched.receipt().versionOf(aggregateId)
                .orElseGet(() -> dispatched.result() instanceof Number current ? current.longValue() : 0L);
        return new WriteReceipt(aggregateId, version, position.isPresent() ? position.getAsLong() : null);
    }

    public static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
