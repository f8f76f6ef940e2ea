package org.tradeoffs.command.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tradeoffs.command.common.Dispatched;
import org.tradeoffs.command.common.RuleViolation;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.district.RolesChanged;
import org.tradeoffs.eventstore.DirectoryChanged;
import org.tradeoffs.eventstore.DirectoryVersions;

import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Sends a command and turns what the event store appended into the client's {@link WriteReceipt}. The command carries
 * the directory versions the request's access checks were answered at ({@link DistrictDirectory}); an append refused
 * because one has moved is checked again and, with the same answers, sent again.
 */
@Component
public class CommandSender {

    /** Sends after a moved directory at most so many times in all; roles changing faster than that get a 409. */
    private static final int MOST_SENDS = 3;

    private final CommandGateway gateway;
    private final DistrictDirectory directory;

    public CommandSender(CommandGateway gateway, DistrictDirectory directory) {
        this.gateway = gateway;
        this.directory = directory;
    }

    /** What a command's handler answered, with the receipt of what it stored. */
    public record Answered<A>(A answer, WriteReceipt receipt) {
    }

    public WriteReceipt send(Object command, String aggregateId) {
        return receipt(dispatch(command), aggregateId);
    }

    /**
     * Sends a command whose handler answers something the client needs: the id it assigned to what it
     * created (then {@code aggregateIdOf} is {@code id -> id}), or figures it computed.
     */
    public <A> Answered<A> sendForAnswer(Object command, Class<A> answerType, Function<A, String> aggregateIdOf) {
        Dispatched dispatched = dispatch(command);
        A answer = answerType.cast(dispatched.result());
        return new Answered<>(answer, receipt(dispatched, aggregateIdOf.apply(answer)));
    }

    private Dispatched dispatch(Object command) {
        for (int sent = 1; ; sent++) {
            Map<String, Long> expected = directory.expectedVersions();
            try {
                return gateway.sendAndWait(expected.isEmpty() ? command
                        : GenericCommandMessage.asCommandMessage(command)
                                .andMetaData(Map.of(DirectoryVersions.EXPECTED, expected)));
            } catch (DirectoryChanged moved) {
                if (sent == MOST_SENDS) {
                    throw new RolesChanged();
                }
                directory.recheck(moved.districts());
            } catch (RuleViolation refused) {
                directory.confirmRefusal();
                throw refused;
            }
        }
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
