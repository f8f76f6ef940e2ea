package org.tradeoffs.query.presence;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * On the frames to clients: drops a broadcast {@code joined} frame for the subscriber whose own joining it announces.
 * A newcomer hears its own {@code joined} frame from its welcome ({@link PresenceFeed}), which is sent once its
 * presence is stored and its subscription added; the broadcast reaches it or not depending on whether the broker
 * had added the subscription by then, so hearing both, or neither, would depend on timing.
 */
@Component
class OwnJoinFilter implements ChannelInterceptor {

    /** The header of a broadcast {@code joined} frame naming whose joining it announces. */
    static final String JOINED = "tradeoffs.presence.joined";

    private final PresenceSessions sessions;

    OwnJoinFilter(PresenceSessions sessions) {
        this.sessions = sessions;
    }

    /** Whose joining a broadcast announces: the presence's id and its cycle. */
    record Joined(String presenceId, String cycleId) {
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (message.getHeaders().get(JOINED) instanceof Joined joined) {
            String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
            if (sessionId != null && joined.presenceId().equals(sessions.idOf(sessionId, joined.cycleId()))) {
                return null;
            }
        }
        return message;
    }
}
