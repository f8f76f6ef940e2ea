package org.tradeoffs.query.presence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;
import org.tradeoffs.query.live.CycleTopic;

/**
 * The presence of this instance's STOMP sessions, kept here and written through to the shared {@link PresenceStore}.
 * A session is present in a cycle from its first SUBSCRIBE to any topic of the cycle (or its first presence SEND
 * there) until it unsubscribes from the cycle's last topic or its connection ends, however it ends: DISCONNECT (even
 * if the client keeps its socket open), a closed socket, or missed heart-beats (Spring closes the session after
 * three).
 *
 * <p>A session's frames are received one after the other but handled on several threads, so a presence SEND may be
 * handled after a frame the client sent later. Changes are therefore numbered in the order the frames were received
 * (a SEND is numbered by this inbound interceptor before it waits for a handler thread), and a SEND is dropped when
 * a later SEND or leaving the cycle was applied first: the document always holds what the client said last.
 */
@Component
public class PresenceSessions implements ExecutorChannelInterceptor {

    /** The header carrying a presence SEND's number among its session's frames. */
    static final String RECEIVED = "tradeoffs.presence.received";
    private static final Logger log = LoggerFactory.getLogger(PresenceSessions.class);

    private final PresenceStore store;
    private final Clock clock = Clock.systemUTC();
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Queue<Welcome> welcomes = new ConcurrentLinkedQueue<>();
    /** The service is shutting down. */
    private volatile boolean closing;

    public PresenceSessions(PresenceStore store) {
        this.store = store;
    }

    /** A subscription to a cycle's presence topic, added by the broker, that still needs the list of who is there. */
    record Welcome(String sessionId, String subscriptionId, String cycleId) {
    }

    /** One STOMP session of this instance; every change to it holds its lock. */
    private static final class Session {
        final String id;
        final String user;
        final String connection;
        /** How many of the frames that can make a SEND stale (UNSUBSCRIBE, presence SEND) were received. */
        long received;
        boolean ended;
        /** Subscription id to the cycle of the topic. */
        final Map<String, String> subscriptions = new HashMap<>();
        /** Cycle id to the session's presence there. */
        final Map<String, Presence> present = new HashMap<>();
        /** Cycle id to the number of the last SEND applied or of leaving the cycle. */
        final Map<String, Long> said = new HashMap<>();
        /** Presence subscriptions the broker added before their subscribe event was published, to their cycle. */
        final Map<String, String> brokered = new HashMap<>();

        Session(String id, String user, String connection) {
            this.id = id;
            this.user = user;
            this.connection = connection;
        }
    }

    @EventListener
    void on(SessionConnectEvent event) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
        Principal user = event.getUser();
        if (sessionId != null && user != null) {
            sessions.put(sessionId, new Session(sessionId, user.getName(), connection(sessionId)));
        }
    }

    /** Published only for a SUBSCRIBE the guard let through. */
    @EventListener
    void on(SessionSubscribeEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        Optional<String> cycleId = cycleOf(stomp.getDestination());
        Session session = sessions.get(stomp.getSessionId());
        if (cycleId.isEmpty() || session == null) {
            return;
        }
        synchronized (session) {
            session.subscriptions.put(stomp.getSubscriptionId(), cycleId.get());
            if (!session.ended && !session.present.containsKey(cycleId.get())) {
                join(session, cycleId.get(), null);
            }
            String brokered = session.brokered.remove(stomp.getSubscriptionId());
            if (brokered != null) {
                welcomes.add(new Welcome(session.id, stomp.getSubscriptionId(), brokered));
            }
        }
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(event.getMessage());
        Session session = sessions.get(stomp.getSessionId());
        if (session == null) {
            return;
        }
        synchronized (session) {
            long number = ++session.received;
            session.brokered.remove(stomp.getSubscriptionId());
            String cycleId = session.subscriptions.remove(stomp.getSubscriptionId());
            if (cycleId != null && !session.subscriptions.containsValue(cycleId)) {
                session.said.put(cycleId, number);
                Presence left = session.present.remove(cycleId);
                if (left != null) {
                    store.delete(List.of(left.id()));
                }
            }
        }
    }

    /** However the connection ended; published once per session. While the service shuts down, see below. */
    @EventListener
    void on(SessionDisconnectEvent event) {
        end(event.getSessionId());
    }

    /** The session's presence ends: its connection ended, or it sent DISCONNECT (it may keep the socket open). */
    private void end(String sessionId) {
        Session session = sessions.remove(sessionId);
        if (session == null) {
            return;
        }
        synchronized (session) {
            session.ended = true;
            if (!closing) {
                store.delete(session.present.values().stream().map(Presence::id).toList());
            }
            session.present.clear();
        }
    }

    /**
     * The service stops: its sessions leave now rather than after the timeout, which other instances would otherwise
     * wait out (a rolling restart would show everyone twice meanwhile). One bounded try: the database may be gone
     * already, and the entries expire anyway.
     */
    @EventListener
    void on(ContextClosedEvent event) {
        closing = true;
        List<String> ids = new ArrayList<>();
        for (Session session : sessions.values()) {
            synchronized (session) {
                session.ended = true;
                session.present.values().forEach(entry -> ids.add(entry.id()));
                session.present.clear();
            }
        }
        try {
            CompletableFuture.runAsync(() -> store.delete(ids)).get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.info("This instance's presence is left to expire: removing it failed ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Numbers each presence SEND as it is received, on the connection's thread; a DISCONNECT ends the presence. */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp != null && StompCommand.DISCONNECT.equals(stomp.getCommand())) {
            end(stomp.getSessionId());
            return message;
        }
        if (stomp != null && stomp.isMutable() && StompCommand.SEND.equals(stomp.getCommand())
                && PresenceDestinations.cycleOfSend(stomp.getDestination()).isPresent()) {
            Session session = sessions.get(stomp.getSessionId());
            if (session != null) {
                synchronized (session) {
                    stomp.setHeader(RECEIVED, ++session.received);
                }
            }
        }
        return message;
    }

    /**
     * Once the broker added a subscription to a presence topic, it is owed the list of who is there: queued once its
     * presence is stored too. The subscribe event that stores it is published after the frame was handed to the
     * inbound channel, whose threads may have had the broker add the subscription before or after it; whichever of the
     * two comes second queues the welcome.
     */
    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (!(handler instanceof AbstractBrokerMessageHandler) || ex != null) {
            return;
        }
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
        Session session = sessions.get(stomp.getSessionId());
        if (!StompCommand.SUBSCRIBE.equals(stomp.getCommand()) || session == null) {
            return;
        }
        PresenceDestinations.cycleOfTopic(stomp.getDestination()).ifPresent(cycleId -> {
            synchronized (session) {
                if (session.subscriptions.containsKey(stomp.getSubscriptionId())) {
                    welcomes.add(new Welcome(session.id, stomp.getSubscriptionId(), cycleId));
                } else {
                    session.brokered.put(stomp.getSubscriptionId(), cycleId);
                }
            }
        });
    }

    /**
     * Applies a presence SEND: updates the session's presence in the cycle, or joins it. Does nothing when the session
     * has ended or a later SEND or leaving the cycle was applied first.
     *
     * @param received the SEND's number, see {@link #RECEIVED}
     */
    void update(String sessionId, long received, String cycleId, PresenceUpdate update) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        synchronized (session) {
            if (session.ended || received <= session.said.getOrDefault(cycleId, 0L)) {
                return;
            }
            session.said.put(cycleId, received);
            Presence current = session.present.get(cycleId);
            if (current == null) {
                join(session, cycleId, update);
            } else {
                Presence updated = current.with(update, clock.instant());
                store.save(updated);
                session.present.put(cycleId, updated);
            }
        }
    }

    /**
     * Tells the store this instance's sessions are still there. A document missing from the store (taken for gone by
     * another instance while this one stalled) is written again.
     */
    void refresh() {
        List<String> ids = new ArrayList<>();
        for (Session session : sessions.values()) {
            synchronized (session) {
                session.present.values().forEach(entry -> ids.add(entry.id()));
            }
        }
        if (store.refresh(ids, clock.instant()) < ids.size()) {
            for (Session session : sessions.values()) {
                synchronized (session) {
                    session.present.replaceAll((cycleId, entry) -> seenNow(entry));
                    session.present.values().forEach(store::save);
                }
            }
        }
    }

    /** The cycles whose presence the session is in: those it follows a topic of, and those it said where it is in. */
    public Set<String> cyclesOf(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return Set.of();
        }
        synchronized (session) {
            return Set.copyOf(session.present.keySet());
        }
    }

    /** The presence subscriptions added since the last call. */
    List<Welcome> takeWelcomes() {
        List<Welcome> taken = new ArrayList<>();
        for (Welcome welcome = welcomes.poll(); welcome != null; welcome = welcomes.poll()) {
            taken.add(welcome);
        }
        return taken;
    }

    /** Hands a welcome back until the session's presence shows up in the store; false once it no longer can. */
    boolean stillOwed(Welcome welcome) {
        Session session = sessions.get(welcome.sessionId());
        if (session == null) {
            return false;
        }
        synchronized (session) {
            return welcome.cycleId().equals(session.subscriptions.get(welcome.subscriptionId()));
        }
    }

    /** The id of the document of this instance's session in a cycle. */
    String idOf(String sessionId, String cycleId) {
        return instance + "/" + sessionId + "/" + cycleId;
    }

    private void join(Session session, String cycleId, PresenceUpdate update) {
        Presence joined = new Presence(idOf(session.id, cycleId), cycleId, session.user, session.connection, instance,
                update == null ? null : update.viewing(), update == null ? null : update.editing(), clock.instant(),
                clock.instant());
        store.save(joined);
        session.present.put(cycleId, joined);
    }

    private Presence seenNow(Presence entry) {
        return new Presence(entry.id(), entry.cycleId(), entry.user(), entry.connection(), entry.instance(),
                entry.viewing(), entry.editing(), entry.since(), clock.instant());
    }

    /** Any of the cycle's topics, presence included. */
    private static Optional<String> cycleOf(String destination) {
        return CycleTopic.parse(destination).map(CycleTopic::cycleId)
                .or(() -> PresenceDestinations.cycleOfTopic(destination));
    }

    /** An opaque id for a session: the first 12 hex digits of the SHA-256 of instance and session id. */
    private String connection(String sessionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((instance + "/" + sessionId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
