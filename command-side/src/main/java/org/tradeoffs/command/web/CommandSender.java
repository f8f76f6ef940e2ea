package org.tradeoffs.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tradeoffs.command.common.Dispatched;

import java.util.OptionalLong;

/** Sends a command and turns what the event store appended into the client's {@link WriteReceipt}. */
@Component
public class CommandSender {

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public WriteReceipt send(Object command, String aggregateId) {
        Dispatched dispatched = gateway.sendAndWait(command);
        OptionalLong position = dispatched.receipt().lastPosition();
        long version = dispatched.receipt().versionOf(aggregateId)
                .orElseGet(() -> dispatched.result() instanceof Number current ? current.longValue() : 0L);
        return new WriteReceipt(aggregateId, version, position.isPresent() ? position.getAsLong() : null);
    }

    public static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
