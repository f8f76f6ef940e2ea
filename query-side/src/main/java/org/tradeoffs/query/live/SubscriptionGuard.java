package org.tradeoffs.query.live;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.presence.PresenceDestinations;
import org.tradeoffs.query.rebuild.RebuildProgress;
import org.tradeoffs.query.security.Caller;

/**
 * Authorizes STOMP frames from clients. SUBSCRIBE is allowed to a cycle topic ({@code priorities}, {@code timeline},
 * {@code savings}, {@code tradeoffs}, {@code inputs}; see {@link CycleTopic}) and to the cycle's {@code presence}
 * topic, of a district the user is a member of, and to the user's own {@value PresenceDestinations#ERRORS}. The only
 * SEND allowed is a member's presence, to {@code /app/cycles/{cycleId}/presence}; every other SEND is refused (one to
 * {@code /topic} would reach the broker and be broadcast to other subscribers). A cycle the directory does not know
 * (yet) is refused like a foreign one. Platform administrators may also subscribe to {@value RebuildProgress#TOPIC},
 * the progress of read-model rebuilds. A SUBSCRIBE must name its subscription ({@code id}), and a connection holds at
 * most {@value #MAX_SUBSCRIPTIONS} subscriptions at once. A frame only a server sends (MESSAGE, RECEIPT, ERROR,
 * CONNECTED) is refused from a client: Spring would hand a client's MESSAGE to the broker like a SEND, which
 * broadcasts it to the topic's subscribers.
 */
@Component
public class SubscriptionGuard implements ChannelInterceptor {

    /** The ERROR frame's {@code message} for every refusal, as the AsyncAPI contract says. */
    public static final String FORBIDDEN = "forbidden";
    /** The ERROR frame's {@code message} for a {@code since-position} header that is not a position. */
    public static final String INVALID_SINCE = "invalid-since-position";
    /** The ERROR frame's {@code message} for a SUBSCRIBE without the {@code id} header STOMP requires. */
    public static final String MISSING_ID = "missing-subscription-id";
    /** The ERROR frame's {@code message} for a SUBSCRIBE beyond {@link #MAX_SUBSCRIPTIONS} on one connection. */
    public static final String TOO_MANY = "too-many-subscriptions";
    /**
     * Subscriptions one connection may hold at once: far more than a client showing a cycle follows (its five topics
     * and its presence), few enough that one connection cannot make the server hold and serve any number of them.
     */
    public static final int MAX_SUBSCRIPTIONS = 100;

    private static final Set<StompCommand> SERVER_COMMANDS = EnumSet.of(StompCommand.MESSAGE, StompCommand.RECEIPT,
            StompCommand.ERROR, StompCommand.CONNECTED);

    private final Directory directory;
    /** This instance's sessions, through which a refusal is sent; null: refusals are thrown to Spring's handler. */
    private final LiveSessions sessions;

    /** A guard whose refusals are thrown, for Spring's STOMP handler to send (used alone in unit tests). */
    public SubscriptionGuard(Directory directory) {
        this(directory, null);
    }

    @Autowired
    public SubscriptionGuard(Directory directory, @Lazy LiveSessions sessions) {
        this.directory = directory;
        this.sessions = sessions;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null) {
            return message;
        }
        String refusal = refusal(stomp);
        if (refusal == null) {
            return message;
        }
        // Sent through the session's own queue, which closes the connection once the ERROR frame is written. Thrown,
        // Spring's STOMP handler sends the ERROR through its ConcurrentWebSocketSessionDecorator and closes at once:
        // were another thread flushing that decorator's buffer at that moment (the CONNECTED frame just sent), the
        // buffered ERROR frame would be dropped by the close and the client would only see the connection end.
        LiveSession live = live(stomp).orElse(null);
        if (live == null) {
            throw new SubscriptionRefused(message, refusal);
        }
        live.refuse(refusal);
        return null;
    }

    /**
     * Why the frame is refused, as the ERROR frame's {@code message} says; null if it is not. Counts the connection's
     * subscriptions as it lets a SUBSCRIBE or an UNSUBSCRIBE through.
     */
    private String refusal(StompHeaderAccessor stomp) {
        if (SERVER_COMMANDS.contains(stomp.getCommand())) {
            return FORBIDDEN;
        }
        if (StompCommand.SEND.equals(stomp.getCommand())
                && !memberOfCycle(stomp.getUser(), PresenceDestinations.cycleOfSend(stomp.getDestination()))) {
            return FORBIDDEN;
        }
        if (StompCommand.SUBSCRIBE.equals(stomp.getCommand())) {
            if (!mayFollow(stomp.getDestination(), stomp.getUser())) {
                return FORBIDDEN;
            }
            if (CatchUps.since(stomp).filter(since -> since < 0).isPresent()) {
                return INVALID_SINCE;
            }
            if (stomp.getSubscriptionId() == null || stomp.getSubscriptionId().isEmpty()) {
                // Spring's broker would only log it, and every frame for it would name no subscription
                return MISSING_ID;
            }
            if (!live(stomp).map(session -> session.subscribed(stomp.getSubscriptionId(), MAX_SUBSCRIPTIONS))
                    .orElse(true)) {
                return TOO_MANY;
            }
        }
        if (StompCommand.UNSUBSCRIBE.equals(stomp.getCommand()) && stomp.getSubscriptionId() != null) {
            live(stomp).ifPresent(session -> session.unsubscribed(stomp.getSubscriptionId()));
        }
        return null;
    }

    private Optional<LiveSession> live(StompHeaderAccessor stomp) {
        return sessions == null ? Optional.empty() : sessions.get(stomp.getSessionId());
    }

    private boolean mayFollow(String destination, Principal user) {
        if (RebuildProgress.TOPIC.equals(destination)) {
            return user instanceof Authentication authentication && Caller.of(authentication).admin();
        }
        if (PresenceDestinations.ERRORS.equals(destination) && user != null) {
            return true;
        }
        Optional<String> cycleId = CycleTopic.parse(destination).map(CycleTopic::cycleId)
                .or(() -> PresenceDestinations.cycleOfTopic(destination));
        return memberOfCycle(user, cycleId);
    }

    private boolean memberOfCycle(Principal user, Optional<String> cycleId) {
        return user != null && cycleId
                .flatMap(directory::districtOfCycle)
                .filter(districtId -> directory.isMember(user.getName(), districtId))
                .isPresent();
    }
}
