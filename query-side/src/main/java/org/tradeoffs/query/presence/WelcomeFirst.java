package org.tradeoffs.query.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * On the frames to clients: a presence subscription's first frame is its welcome, its own {@code joined} frame listing
 * everyone ({@link PresenceFeed}). Broadcasts of the feed's rounds up to the one that sent the welcome are dropped for
 * that subscription, since the welcome already shows what they announced (its own joining among them); later rounds'
 * pass. Whether the broker had added the subscription when a round broadcast, and when a frame reaches this
 * interceptor, make no difference: each broadcast carries its round.
 */
@Component
class WelcomeFirst implements ChannelInterceptor {

    /** The header of a broadcast presence frame: the feed's round that sent it. */
    static final String ROUND = "tradeoffs.presence.round";

    /** The round that welcomed each subscription, by {@code sessionId/subscriptionId}. */
    private final Map<String, Long> welcomed = new ConcurrentHashMap<>();

    /** Called before the welcome of a subscription is sent, in that round. */
    void welcoming(String sessionId, String subscriptionId, long round) {
        welcomed.put(key(sessionId, subscriptionId), round);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (message.getHeaders().get(ROUND) instanceof Long round) {
            Long welcome = welcomed.get(key(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()),
                    SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders())));
            if (welcome == null || round <= welcome) {
                return null;
            }
        }
        return message;
    }

    @EventListener
    void on(SessionUnsubscribeEvent unsubscribe) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(unsubscribe.getMessage());
        welcomed.remove(key(headers.getSessionId(), headers.getSubscriptionId()));
    }

    @EventListener
    void on(SessionDisconnectEvent disconnect) {
        welcomed.keySet().removeIf(key -> key.startsWith(disconnect.getSessionId() + "/"));
    }

    private static String key(String sessionId, String subscriptionId) {
        return sessionId + "/" + subscriptionId;
    }
}
