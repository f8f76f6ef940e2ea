package org.tradeoffs.query.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.tradeoffs.query.live.BrokerSubscriptions;
import org.tradeoffs.query.presence.PresenceFrame.Change;
import org.tradeoffs.query.presence.PresenceFrame.Present;
import org.tradeoffs.query.presence.PresenceSessions.Welcome;

/**
 * Pushes presence to this instance's subscribers of {@code /topic/cycles/{cycleId}/presence}. Every
 * {@code tradeoffs.presence.poll-interval} it reads the whole presence collection (one query, cheap for thousands of
 * sessions), compares it with the previous read and broadcasts one {@link PresenceFrame} per change. Every instance
 * runs one, so a client sees the presence of clients on any instance; the MongoDB they share is the fan-out. A cycle
 * whose presence nobody on this instance subscribed to gets no frames built (each lists everyone present: a thousand
 * sessions joining a cycle made a thousand frames of up to a thousand entries each).
 *
 * <p>It also keeps this instance's sessions alive in the store (every third of {@code tradeoffs.presence.timeout}),
 * and takes entries not refreshed for the timeout (their instance died) for gone, deleting them. A new presence
 * subscription is welcomed with its own {@code joined} frame, listing everyone, once its presence is stored: that is
 * its first frame, and broadcasts of this or earlier rounds, which the welcome already shows, are kept from it
 * ({@link WelcomeFirst}); so it hears its own joining exactly once, and every later change.
 */
@Component
public class PresenceFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceFeed.class);
    private static final Comparator<Presence> OLDEST_FIRST =
            Comparator.comparing(Presence::since).thenComparing(Presence::connection);

    private final PresenceStore store;
    private final PresenceSessions sessions;
    private final SimpMessagingTemplate broker;
    private final BrokerSubscriptions subscriptions;
    private final MessageChannel clientOutbound;
    private final WelcomeFirst welcomeFirst;
    private final ObjectMapper json;
    private final Duration timeout;
    private final long pollMillis;
    private final Clock clock = Clock.systemUTC();
    /** Only touched by the poller thread. */
    private final List<Welcome> owed = new ArrayList<>();
    private Map<String, Presence> previous = Map.of();
    private Instant refreshed = Instant.EPOCH;
    /** The number of the current round. */
    private long round;
    private volatile ScheduledExecutorService poller;

    public PresenceFeed(PresenceStore store, PresenceSessions sessions, SimpMessagingTemplate broker,
            BrokerSubscriptions subscriptions,
            @Qualifier("clientOutboundChannel") MessageChannel clientOutbound, WelcomeFirst welcomeFirst,
            ObjectMapper json,
            @Value("${tradeoffs.presence.timeout:15s}") Duration timeout,
            @Value("${tradeoffs.presence.poll-interval:250ms}") Duration pollInterval) {
        this.store = store;
        this.sessions = sessions;
        this.broker = broker;
        this.subscriptions = subscriptions;
        this.clientOutbound = clientOutbound;
        this.welcomeFirst = welcomeFirst;
        this.json = json;
        this.timeout = timeout;
        this.pollMillis = Math.max(1, pollInterval.toMillis());
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "presence-feed");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pollQuietly, 0, pollMillis, TimeUnit.MILLISECONDS);
        poller = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = poller;
        poller = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Presence poll failed; retrying", e);
        }
    }

    /** One round: refresh this instance's sessions when due, read everyone, push what changed, welcome newcomers. */
    void poll() {
        round++;
        Instant now = clock.instant();
        if (!now.isBefore(refreshed.plus(timeout.dividedBy(3)))) {
            sessions.refresh();
            refreshed = now;
        }
        // Taken before reading: the presence of a new subscription is stored before its welcome is queued.
        owed.addAll(sessions.takeWelcomes());
        Map<String, Presence> current = read(now);
        Map<String, List<Presence>> before = byCycle(previous.values());
        Map<String, List<Presence>> after = byCycle(current.values());
        Set<String> cycles = new TreeSet<>(before.keySet());
        cycles.addAll(after.keySet());
        for (String cycleId : cycles) {
            if (!subscriptions.any(PresenceDestinations.topic(cycleId))) {
                // nobody here follows it (one who subscribes later is welcomed with everyone present): no frames
                continue;
            }
            List<Present> present = presentIn(after, cycleId);
            for (PresenceFrame frame : changes(cycleId, before.getOrDefault(cycleId, List.of()),
                    after.getOrDefault(cycleId, List.of()), current, present)) {
                broker.send(PresenceDestinations.topic(cycleId), message(frame, null));
            }
        }
        welcome(current, after);
        previous = current;
    }

    /** Everyone seen within the timeout; the others are deleted. */
    private Map<String, Presence> read(Instant now) {
        Instant oldest = now.minus(timeout);
        Map<String, Presence> current = new HashMap<>();
        List<String> expired = new ArrayList<>();
        for (Presence entry : store.all()) {
            if (entry.seenAt().isBefore(oldest)) {
                expired.add(entry.id());
            } else {
                current.put(entry.id(), entry);
            }
        }
        store.delete(expired);
        return current;
    }

    private List<PresenceFrame> changes(String cycleId, List<Presence> before, List<Presence> after,
            Map<String, Presence> current, List<Present> present) {
        List<PresenceFrame> frames = new ArrayList<>();
        for (Presence now : after) {
            Presence was = previous.get(now.id());
            if (was == null) {
                frames.add(frame(cycleId, Change.JOINED, now, present));
                continue;
            }
            if (!Objects.equals(was.viewing(), now.viewing())) {
                frames.add(frame(cycleId, Change.VIEWING, now, present));
            }
            if (!Objects.equals(was.editing(), now.editing())) {
                frames.add(frame(cycleId, Change.EDITING, now, present));
            }
        }
        for (Presence was : before) {
            if (!current.containsKey(was.id())) {
                frames.add(frame(cycleId, Change.LEFT, was, present));
            }
        }
        return frames;
    }

    /** Sends each new presence subscription whose presence is stored its own {@code joined} frame. */
    private void welcome(Map<String, Presence> current, Map<String, List<Presence>> after) {
        for (Iterator<Welcome> it = owed.iterator(); it.hasNext(); ) {
            Welcome welcome = it.next();
            Presence own = current.get(sessions.idOf(welcome.sessionId(), welcome.cycleId()));
            if (own == null) {
                if (!sessions.stillOwed(welcome)) {
                    it.remove();
                }
                continue;
            }
            it.remove();
            PresenceFrame frame = frame(welcome.cycleId(), Change.JOINED, own, presentIn(after, welcome.cycleId()));
            welcomeFirst.welcoming(welcome.sessionId(), welcome.subscriptionId(), round);
            clientOutbound.send(message(frame, welcome));
        }
    }

    private static PresenceFrame frame(String cycleId, Change change, Presence who, List<Present> present) {
        return new PresenceFrame(cycleId, change, who.user(), who.connection(), present);
    }

    private static Map<String, List<Presence>> byCycle(Collection<Presence> entries) {
        return entries.stream().sorted(OLDEST_FIRST).collect(Collectors.groupingBy(Presence::cycleId));
    }

    private static List<Present> presentIn(Map<String, List<Presence>> byCycle, String cycleId) {
        return byCycle.getOrDefault(cycleId, List.of()).stream().map(Presence::present).toList();
    }

    /** A frame for the broker to broadcast (marked with this round), or, with a welcome, for that one subscription. */
    private Message<byte[]> message(PresenceFrame frame, Welcome to) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        if (to == null) {
            headers.setHeader(WelcomeFirst.ROUND, round);
        } else {
            headers.setSessionId(to.sessionId());
            headers.setSubscriptionId(to.subscriptionId());
            headers.setDestination(PresenceDestinations.topic(to.cycleId()));
        }
        headers.setLeaveMutable(true);
        try {
            return MessageBuilder.createMessage(json.writeValueAsBytes(frame), headers.getMessageHeaders());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a presence frame", e);
        }
    }
}
