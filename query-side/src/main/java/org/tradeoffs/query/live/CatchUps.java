package org.tradeoffs.query.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Subscriptions that asked, with the STOMP header {@value #SINCE}, for every change after the last position they saw.
 *
 * <p>On the inbound channel, a SUBSCRIBE with the header is registered as catching up before the broker adds the
 * subscription, and handed to the {@link ChangeFeed} once the broker has added it. While a subscription catches up,
 * the feed sends it no live frames but what it missed (from the change log, or from its copy of the recent changes),
 * in order; afterwards only frames above the position it already has. Broadcasts and catch-ups both happen on the
 * feed's thread and go into the session's one queue of frames ({@link LiveSession}), so the hand-over has no gap and
 * no duplicate.
 */
@Component
public class CatchUps implements ExecutorChannelInterceptor {

    /** The SUBSCRIBE header naming the last position the client saw. */
    public static final String SINCE = "since-position";
    /** The MESSAGE header carrying the frame's position. */
    public static final String POSITION = "position";

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile ChangeFeed feed;

    /** @param floor the position the client has, when beyond what this instance broadcast; null while it catches up */
    record Subscription(String sessionId, String subscriptionId, CycleTopic topic, long since, Long floor) {
    }

    void feedTo(ChangeFeed feed) {
        this.feed = feed;
    }

    /** The position a SUBSCRIBE asks to catch up from; empty without the header. */
    static Optional<Long> since(StompHeaderAccessor stomp) {
        String value = stomp.getFirstNativeHeader(SINCE);
        if (value == null) {
            return Optional.empty();
        }
        try {
            long since = Long.parseLong(value.trim());
            return since < 0 ? Optional.of(-1L) : Optional.of(since);
        } catch (NumberFormatException e) {
            return Optional.of(-1L);
        }
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
        if (StompCommand.SUBSCRIBE.equals(stomp.getCommand())) {
            String key = key(stomp.getSessionId(), stomp.getSubscriptionId());
            subscriptions.remove(key); // what an earlier subscription with this id left
            since(stomp).ifPresent(since -> CycleTopic.parse(stomp.getDestination()).ifPresent(topic ->
                    subscriptions.put(key, new Subscription(
                            stomp.getSessionId(), stomp.getSubscriptionId(), topic, since, null))));
        } else if (StompCommand.UNSUBSCRIBE.equals(stomp.getCommand())) {
            subscriptions.remove(key(stomp.getSessionId(), stomp.getSubscriptionId()));
        } else if (StompCommand.DISCONNECT.equals(stomp.getCommand())) {
            forget(stomp.getSessionId());
        }
        return message;
    }

    /** Once the broker has added a catching-up subscription, the feed may send it what it missed. */
    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (!(handler instanceof AbstractBrokerMessageHandler) || ex != null) {
            return;
        }
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
        if (StompCommand.SUBSCRIBE.equals(stomp.getCommand())) {
            Subscription subscription = subscriptions.get(key(stomp.getSessionId(), stomp.getSubscriptionId()));
            if (subscription != null && subscription.floor() == null && feed != null) {
                feed.catchUp(subscription);
            }
        }
    }

    /**
     * Whether a live frame at {@code position} goes to the subscription: not while it catches up, and afterwards only
     * above what it already has.
     */
    boolean receivesLive(String sessionId, String subscriptionId, long position) {
        if (subscriptions.isEmpty()) {
            return true;
        }
        Subscription subscription = subscriptions.get(key(sessionId, subscriptionId));
        return subscription == null || subscription.floor() != null && position > subscription.floor();
    }

    /**
     * A subscription taking live frames whose session fell behind (see {@link ChangeFeed}) catches up from the
     * position it has instead, from now on: answers the catch-up to hand to the feed.
     */
    Subscription fellBehind(String sessionId, String subscriptionId, CycleTopic topic, long has) {
        Subscription subscription = new Subscription(sessionId, subscriptionId, topic, has, null);
        subscriptions.put(key(sessionId, subscriptionId), subscription);
        return subscription;
    }

    /** Whether this very subscription still waits for its catch-up: not caught up, unsubscribed or disconnected. */
    boolean waiting(Subscription subscription) {
        return subscriptions.get(key(subscription.sessionId(), subscription.subscriptionId())) == subscription;
    }

    /**
     * Called by the feed once it sent everything up to {@code pushed}, where the topic's broadcasts have got to. Every
     * later broadcast is above that, so the subscription is no longer followed here and takes every live frame; unless
     * the client already has more (it came from an instance further ahead), and frames up to its {@code since} are
     * still dropped.
     */
    void caughtUp(Subscription subscription, long pushed) {
        subscriptions.computeIfPresent(key(subscription.sessionId(), subscription.subscriptionId()),
                (key, current) -> current != subscription ? current
                        : subscription.since() <= pushed ? null
                        : new Subscription(current.sessionId(), current.subscriptionId(), current.topic(),
                                current.since(), current.since()));
    }

    /** Called when a session ends however it ends (see {@link ChangeFeed}). */
    void forget(String sessionId) {
        subscriptions.values().removeIf(subscription -> subscription.sessionId().equals(sessionId));
    }

    static String key(String sessionId, String subscriptionId) {
        return sessionId + "/" + subscriptionId;
    }
}
