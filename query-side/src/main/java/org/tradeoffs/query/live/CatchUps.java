package org.tradeoffs.query.live;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Subscriptions that asked, with the STOMP header {@value #SINCE}, for every change after the last position they saw.
 *
 * <p>On the inbound channel: a SUBSCRIBE with the header is registered as catching up before the broker adds the
 * subscription, and handed to the {@link ChangeFeed} once the broker has added it. On the outbound channel: while a
 * subscription catches up, the live frames the broker sends it are dropped (the feed sends them from the change log,
 * or from its copy of the recent changes, in order, with everything else it missed), and afterwards every frame at or
 * below the position it already has is dropped. Broadcasts and catch-ups both happen on the feed's thread, so the hand-over has no gap and no duplicate.
 *
 * <p>The missed frames go through the broker too, as broadcasts to the topic marked with the one subscription they
 * are for (every other subscriber's copy is dropped here): so they take the session's ordered path to the client,
 * like every live frame, and the client receives all of them in position order. Sent straight to the outbound
 * channel, they would be handed to its thread pool one by one and could overtake each other.
 */
@Component
public class CatchUps implements ExecutorChannelInterceptor {

    /** The SUBSCRIBE header naming the last position the client saw. */
    public static final String SINCE = "since-position";
    /** The MESSAGE header carrying the frame's position. */
    public static final String POSITION = "position";
    /** Marks a frame the feed sends for one subscription ({@code sessionId/subscriptionId}): only its copy passes. */
    static final String CATCH_UP = "tradeoffs.catchUp";

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Sessions whose CONNECT the broker has handled: it delivers nothing, catch-ups included, to any other. */
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    /** Missed frames handed to the broker and not yet to the session, by {@code sessionId/subscriptionId}. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private volatile ChangeFeed feed;
    private volatile MessageChannel outbound;

    /** @param floor the highest position the client has; null while it catches up */
    record Subscription(String sessionId, String subscriptionId, CycleTopic topic, long since, Long floor) {
    }

    /** @param outbound the channel to clients, whose frames this filters; every other channel is inbound */
    void feedTo(ChangeFeed feed, MessageChannel outbound) {
        this.feed = feed;
        this.outbound = outbound;
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
        MessageHeaders headers = message.getHeaders();
        if (channel != outbound) {
            return inbound(message, StompHeaderAccessor.wrap(message));
        }
        if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE) {
            return message;
        }
        Object catchUpFor = headers.get(CATCH_UP);
        if (catchUpFor == null && subscriptions.isEmpty()) {
            return message;
        }
        String key = key(SimpMessageHeaderAccessor.getSessionId(headers),
                SimpMessageHeaderAccessor.getSubscriptionId(headers));
        if (catchUpFor != null) {
            return catchUpFor.equals(key) ? message : null;
        }
        Subscription subscription = subscriptions.get(key);
        if (subscription != null && (subscription.floor() == null || position(headers) <= subscription.floor())) {
            return null;
        }
        return message;
    }

    private Message<?> inbound(Message<?> message, StompHeaderAccessor stomp) {
        if (StompCommand.SUBSCRIBE.equals(stomp.getCommand())) {
            since(stomp).ifPresent(since -> CycleTopic.parse(stomp.getDestination()).ifPresent(topic ->
                    subscriptions.put(key(stomp.getSessionId(), stomp.getSubscriptionId()), new Subscription(
                            stomp.getSessionId(), stomp.getSubscriptionId(), topic, since, null))));
        } else if (StompCommand.UNSUBSCRIBE.equals(stomp.getCommand())) {
            subscriptions.remove(key(stomp.getSessionId(), stomp.getSubscriptionId()));
        } else if (StompCommand.DISCONNECT.equals(stomp.getCommand())) {
            forget(stomp.getSessionId());
        }
        return message;
    }

    /**
     * Inbound: once the broker has added a catching-up subscription, the feed may send it what it missed. Outbound:
     * a missed frame was handed to its WebSocket session, so one fewer is in flight (see {@link #inFlight}).
     */
    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (channel == outbound) {
            Object catchUpFor = message.getHeaders().get(CATCH_UP);
            if (catchUpFor != null) {
                inFlight.computeIfPresent((String) catchUpFor, (key, count) -> count > 1 ? count - 1 : null);
            }
            return;
        }
        if (!(handler instanceof AbstractBrokerMessageHandler) || ex != null) {
            return;
        }
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.CONNECT) {
            connected.add(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()));
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
     * Whether the broker delivers to the subscription's session yet. Inbound frames are handled in parallel, so the
     * broker may add a subscription whose session's CONNECT (sent just before, without waiting for CONNECTED) it has
     * not handled yet; frames for that session would be dropped meanwhile.
     */
    boolean deliverable(Subscription subscription) {
        return connected.contains(subscription.sessionId());
    }

    /** Whether this very subscription still waits for its catch-up: not caught up, unsubscribed or disconnected. */
    boolean waiting(Subscription subscription) {
        return subscriptions.get(key(subscription.sessionId(), subscription.subscriptionId())) == subscription;
    }

    /** The feed hands one missed frame of the subscription to the broker. */
    void sending(Subscription subscription) {
        inFlight.merge(key(subscription.sessionId(), subscription.subscriptionId()), 1, Integer::sum);
    }

    /**
     * Missed frames of the subscription not yet handed to its WebSocket session. The feed sends the next part of a
     * catch-up only when the previous part has gone, so a client catching up on a long gap is never flooded past its
     * send buffer (and dropped as a slow consumer) while it reads as fast as it can.
     */
    int inFlight(Subscription subscription) {
        return inFlight.getOrDefault(key(subscription.sessionId(), subscription.subscriptionId()), 0);
    }

    /** Called by the feed once it sent everything up to {@code floor}: from now on only later frames pass. */
    void caughtUp(Subscription subscription, long floor) {
        subscriptions.computeIfPresent(key(subscription.sessionId(), subscription.subscriptionId()),
                (key, current) -> new Subscription(current.sessionId(), current.subscriptionId(), current.topic(),
                        current.since(), floor));
    }

    /** Called when a session ends however it ends (see {@link ChangeFeed}). */
    void forget(String sessionId) {
        connected.remove(sessionId);
        inFlight.keySet().removeIf(key -> key.startsWith(sessionId + "/"));
        subscriptions.values().removeIf(subscription -> subscription.sessionId().equals(sessionId));
    }

    private static long position(MessageHeaders headers) {
        String value = NativeMessageHeaderAccessor.getFirstNativeHeader(POSITION, headers);
        try {
            return value == null ? Long.MAX_VALUE : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static String key(String sessionId, String subscriptionId) {
        return sessionId + "/" + subscriptionId;
    }
}
