package org.tradeoffs.query.live;

import java.security.Principal;
import java.util.Optional;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.rebuild.RebuildProgress;
import org.tradeoffs.query.security.Caller;

/**
 * Authorizes STOMP frames from clients. Clients only listen: SUBSCRIBE is allowed to a cycle topic
 * ({@code priorities}, {@code timeline}, {@code savings}, {@code tradeoffs}, {@code inputs}; see
 * {@link CycleTopic}) of a district the user is a member of; SEND is refused everywhere (with no
 * application prefix it would reach the broker and be broadcast to other subscribers). A cycle the
 * directory does not know (yet) is refused like a foreign one. Platform administrators may also subscribe to
 * {@value RebuildProgress#TOPIC}, the progress of read-model rebuilds.
 */
@Component
public class SubscriptionGuard implements ChannelInterceptor {

    /** The ERROR frame's {@code message} for every refusal, as the AsyncAPI contract says. */
    public static final String FORBIDDEN = "forbidden";
    /** The ERROR frame's {@code message} for a {@code since-position} header that is not a position. */
    public static final String INVALID_SINCE = "invalid-since-position";

    private final Directory directory;

    public SubscriptionGuard(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null) {
            return message;
        }
        if (StompCommand.SEND.equals(stomp.getCommand())) {
            throw new SubscriptionRefused(message, FORBIDDEN);
        }
        if (StompCommand.SUBSCRIBE.equals(stomp.getCommand())) {
            authorize(message, stomp.getDestination(), stomp.getUser());
            if (CatchUps.since(stomp).filter(since -> since < 0).isPresent()) {
                throw new SubscriptionRefused(message, INVALID_SINCE);
            }
        }
        return message;
    }

    private void authorize(Message<?> message, String destination, Principal user) {
        if (RebuildProgress.TOPIC.equals(destination)) {
            if (!(user instanceof Authentication authentication && Caller.of(authentication).admin())) {
                throw new SubscriptionRefused(message, FORBIDDEN);
            }
            return;
        }
        Optional<CycleTopic> topic = CycleTopic.parse(destination);
        boolean allowed = user != null && topic
                .flatMap(cycleTopic -> directory.districtOfCycle(cycleTopic.cycleId()))
                .filter(districtId -> directory.isMember(user.getName(), districtId))
                .isPresent();
        if (!allowed) {
            throw new SubscriptionRefused(message, FORBIDDEN);
        }
    }
}
