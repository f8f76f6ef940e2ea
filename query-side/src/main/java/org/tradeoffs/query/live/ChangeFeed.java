package org.tradeoffs.query.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.tradeoffs.query.live.ChangeLog.Change;
import org.tradeoffs.query.live.CycleTopic.Kind;
import org.tradeoffs.query.readmodel.ReadModel;

/**
 * Pushes the stored live changes to this instance's subscribers, topic by topic in position order, as far as each
 * topic's processor has got according to the shared token store. Every query-side instance runs one, whichever
 * instance's processors wrote the changes, so a client receives every change of its topics on any instance: the
 * MongoDB all instances share is the fan-out, no message broker is needed. It also serves catch-ups (see
 * {@link CatchUps}) on the same thread, between two rounds of broadcasts: a recent gap from the changes it broadcast
 * last and still holds in memory ({@link RecentChanges}), an older one from the change log.
 *
 * <p>Frames do not go through Spring's broker one message per subscriber: the broker's registry says who subscribed,
 * each change is encoded once ({@link TopicFrame}) and queued for every subscriber's session ({@link LiveSession}),
 * whose queue drains on the client outbound channel's threads.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /**
     * Missed frames sent at once, at most so many or about so many bytes (and no more than half the session's send
     * buffer); the next part waits until these have gone to the client.
     */
    private static final int CATCH_UP_PART = 256;
    private static final int CATCH_UP_PART_BYTES = 128 * 1024;
    /**
     * Changes of one topic broadcast per round at most: a processor far behind goes through them in bounded memory.
     */
    private static final int BROADCAST_BATCH = 256;
    private static final Map<Kind, String> PROCESSORS = Map.of(
            Kind.PRIORITIES, ReadModel.PRIORITIES.processingGroup(),
            Kind.TIMELINE, ReadModel.TIMELINE.processingGroup(),
            Kind.SAVINGS, ReadModel.SAVINGS.processingGroup(),
            Kind.TRADEOFFS, ReadModel.TRADEOFFS.processingGroup(),
            Kind.INPUTS, ReadModel.INPUTS.processingGroup());

    private final ChangeLog changes;
    private final ProcessorTokens tokens;
    private final BrokerSubscriptions subscribers;
    private final LiveSessions sessions;
    private final CatchUps catchUps;
    private final CycleReaders readers;
    private final long pollNanos;
    private final long spacingNanos;
    /** By kind ordinal: the position up to which each kind's changes are queued. Written by the feed's thread only. */
    private final AtomicLongArray pushed = new AtomicLongArray(Kind.values().length);
    private final Queue<CatchUps.Subscription> pending = new ConcurrentLinkedQueue<>();
    /**
     * Where each catch-up in progress has got to: the position of the last missed frame sent. By identity: a client
     * that unsubscribes and subscribes again alike (same id, topic and position) starts a catch-up of its own.
     */
    private final Map<CatchUps.Subscription, Long> cursors = new IdentityHashMap<>();
    private final RecentChanges recent;
    /** The rounds that polled the tokens so far; only the feed's thread counts them. */
    private long rounds;
    /** When the tokens were last polled (System.nanoTime), and whether that round had changes to broadcast. */
    private long polled;
    private boolean broadcasting;
    private volatile Thread thread;
    private volatile boolean running;
    /** Set when a processor of this instance stored its token: the next round polls the tokens at once. */
    private volatile boolean woken;

    public ChangeFeed(ChangeLog changes, ProcessorTokens tokens,
            BrokerSubscriptions subscribers, LiveSessions sessions,
            CatchUps catchUps, CycleReaders readers,
            @Value("${tradeoffs.live.poll-interval:20ms}") Duration pollInterval,
            @Value("${tradeoffs.live.round-spacing:20ms}") Duration roundSpacing,
            @Value("${tradeoffs.live.recent-changes:32MB}") DataSize recentChanges) {
        this.changes = changes;
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.sessions = sessions;
        this.catchUps = catchUps;
        this.readers = readers;
        this.pollNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), pollInterval.toNanos());
        this.spacingNanos = Math.min(pollNanos, roundSpacing.toNanos());
        this.recent = new RecentChanges(recentChanges.toBytes());
        catchUps.feedTo(this);
    }

    /** The processor whose token tells how far a topic's changes are complete. */
    static String processorOf(Kind kind) {
        return PROCESSORS.get(kind);
    }

    /**
     * The position up to which this instance has queued the topic kind's changes for its subscribers (their frames
     * may still wait to be written): how the live benchmark tells the feed's lag from the writes' and the readers'.
     */
    public long queuedUpTo(Kind kind) {
        return pushed.get(kind.ordinal());
    }

    /**
     * Tells the feed that a processor of this instance has just stored its token: it looks at the tokens now instead
     * of at its next poll. Changes stored by another instance's processors are found by the poll.
     */
    public void wake() {
        woken = true;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    void catchUp(CatchUps.Subscription subscription) {
        pending.add(subscription);
    }

    @EventListener
    void on(SessionDisconnectEvent disconnect) {
        catchUps.forget(disconnect.getSessionId());
    }

    @Override
    public void start() {
        Map<String, Long> reached = tokens.positions();
        for (Kind kind : Kind.values()) {
            pushed.set(kind.ordinal(), reached.getOrDefault(PROCESSORS.get(kind), 0L));
            recent.startAt(kind, pushed.get(kind.ordinal()));
        }
        running = true;
        thread = new Thread(this::run, "live-change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (!round()) {
                    long wait = untilNextRound();
                    if (wait > 0) {
                        LockSupport.parkNanos(this, wait); // a wake-up ends the wait
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopped mid-round: the driver reports the interrupt as its own exception
                }
                log.warn("Live change feed round failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    /**
     * How long the feed may wait before its next round: the rest of the round spacing once it was woken or its last
     * round broadcast something, else the rest of the poll interval; a millisecond at most while a catch-up waits for
     * its part to drain.
     */
    private long untilNextRound() {
        long sincePoll = System.nanoTime() - polled;
        long wait = (woken || broadcasting ? spacingNanos : pollNanos) - sincePoll;
        return pending.isEmpty() ? wait : Math.min(wait, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /**
     * One round: pending catch-ups, then every topic's new changes ({@link #pushNewChanges}; rounds come every
     * millisecond while a catch-up waits for its part to drain). A catch-up whose part the store failed to read is
     * tried again next round, and does not hold up the broadcast. Answers whether there was anything to do.
     */
    private boolean round() {
        boolean worked = false;
        RuntimeException failed = null;
        CycleReaders.Round readable = readers.round();
        for (int waiting = pending.size(); waiting > 0; waiting--) {
            CatchUps.Subscription subscription = pending.poll();
            Optional<LiveSession> session = subscription == null ? Optional.empty()
                    : sessions.get(subscription.sessionId());
            if (session.isEmpty() || !catchUps.waiting(subscription)) {
                if (subscription != null) {
                    cursors.remove(subscription);
                }
                continue;
            }
            if (!session.get().idle()) {
                // its last part is still on its way (or its CONNECTED frame is)
                pending.add(subscription);
                continue;
            }
            try {
                sendMissed(subscription, session.get(), readable);
            } catch (RuntimeException e) {
                // the store failed to answer: the same part again next round; the broadcast goes on meanwhile
                pending.add(subscription);
                if (failed == null) {
                    failed = e;
                }
                continue;
            }
            worked = true;
        }
        boolean pushed = pushNewChanges(readable);
        if (failed != null) {
            throw failed;
        }
        return pushed || worked;
    }

    /**
     * Every topic's new changes, unless the last round found none and the tokens were polled less than a poll interval
     * ago, or they were polled less than the round spacing ago. A kind's changes are queued all or none: the store
     * reads the checks need (who may read each cycle) are made before the first frame is queued, so that a read that
     * fails queues nothing, and the next round broadcasts the same changes once.
     */
    private boolean pushNewChanges(CycleReaders.Round readable) {
        long now = System.nanoTime();
        long sincePoll = now - polled;
        if (sincePoll < spacingNanos || !broadcasting && !woken && sincePoll < pollNanos) {
            return false;
        }
        polled = now;
        broadcasting = false;
        woken = false;
        Map<String, Long> reached = tokens.positions();
        Map<Kind, ChangeLog.Range> ranges = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            long from = pushed.get(kind.ordinal());
            long to = reached.getOrDefault(PROCESSORS.get(kind), from);
            if (to > from) {
                ranges.put(kind, new ChangeLog.Range(from, to));
            }
        }
        if (ranges.isEmpty()) {
            return false;
        }
        Map<Kind, List<Change>> read = changes.readEach(ranges, BROADCAST_BATCH);
        long round = ++rounds;
        List<LiveSession> touched = new ArrayList<>();
        try {
            for (Map.Entry<Kind, ChangeLog.Range> range : ranges.entrySet()) {
                Kind kind = range.getKey();
                List<Change> batch = read.get(kind);
                Map<String, MultiValueMap<String, String>> byDestination = new HashMap<>();
                for (Change change : batch) {
                    if (!byDestination.computeIfAbsent(topic(change).destination(), subscribers::of).isEmpty()) {
                        readable.prepare(change.cycleId());
                    }
                }
                for (Change change : batch) {
                    CycleTopic topic = topic(change);
                    broadcast(change, topic, byDestination.get(topic.destination()), round, touched, readable);
                    recent.add(change);
                }
                // a long way to go (a processor catching up): the rest in the next rounds, with bounded memory
                pushed.set(kind.ordinal(), batch.size() < BROADCAST_BATCH
                        ? range.getValue().upTo() : batch.get(batch.size() - 1).position());
                broadcasting = true;
            }
        } finally {
            touched.forEach(LiveSession::flush); // what is queued goes, also when a later kind failed
        }
        return true;
    }

    private static CycleTopic topic(Change change) {
        return new CycleTopic(change.cycleId(), change.kind());
    }

    /**
     * Queues the change's frame for every subscription of its topic on this instance that takes live frames. A
     * session that has more waiting than it reads as fast (a burst of large frames) gets the rest as a catch-up
     * instead, in parts, each once it has read the previous one: it is neither disconnected nor holds more than a part.
     */
    private void broadcast(Change change, CycleTopic topic, MultiValueMap<String, String> subscriptions,
            long round, List<LiveSession> touched, CycleReaders.Round readable) {
        if (subscriptions.isEmpty()) {
            return;
        }
        TopicFrame frame = new TopicFrame(topic.destination(), change.position(), change.frame());
        subscriptions.forEach((sessionId, subscriptionIds) -> sessions.get(sessionId).ifPresent(session -> {
            if (!readable.mayRead(session.user(), change.cycleId())) {
                session.refuse();
                return;
            }
            for (String subscriptionId : subscriptionIds) {
                if (!catchUps.receivesLive(sessionId, subscriptionId, change.position())) {
                    continue;
                }
                if (session.behind()) {
                    // it has every frame of the topic before this one: the catch-up starts with this one
                    pending.add(catchUps.fellBehind(sessionId, subscriptionId, topic, change.position() - 1));
                } else if (session.offer(frame.to(subscriptionId, session.nextMessageNumber()))
                        && session.firstQueuedInRound(round)) {
                    touched.add(session);
                }
            }
        }));
    }

    /**
     * Queues the next part of a catch-up: the missed frames after where the last part ended, up to a part's size. A
     * part that reaches what the topic has pushed so far ends the catch-up; live frames were not queued for the
     * subscription meanwhile, and were all at or below that, so every frame arrives once, in order.
     */
    private void sendMissed(CatchUps.Subscription subscription, LiveSession session, CycleReaders.Round readable) {
        CycleTopic topic = subscription.topic();
        if (!readable.mayRead(session.user(), topic.cycleId())) {
            cursors.remove(subscription);
            session.refuse();
            return;
        }
        long upTo = pushed.get(topic.kind().ordinal());
        long after = cursors.getOrDefault(subscription, subscription.since());
        List<Change> part = after >= upTo ? List.of() : recent.read(topic, after, upTo, CATCH_UP_PART)
                .orElseGet(() -> changes.read(topic.cycleId(), Set.of(topic.kind()), after, upTo, CATCH_UP_PART));
        long bytes = 0;
        long partBytes = Math.min(CATCH_UP_PART_BYTES, session.partLimit());
        for (int i = 0; i < part.size(); i++) {
            Change change = part.get(i);
            TopicFrame.Encoded frame = new TopicFrame(topic.destination(), change.position(), change.frame())
                    .to(subscription.subscriptionId(), session.nextMessageNumber());
            if (!session.offer(frame)) {
                cursors.remove(subscription);
                return; // the session is being closed
            }
            bytes += frame.bytes();
            if (bytes >= partBytes && i < part.size() - 1) {
                cursors.put(subscription, change.position());
                pending.add(subscription);
                session.flush();
                return;
            }
        }
        session.flush();
        if (part.size() < CATCH_UP_PART) {
            cursors.remove(subscription);
            catchUps.caughtUp(subscription, upTo);
        } else {
            cursors.put(subscription, part.get(part.size() - 1).position());
            pending.add(subscription);
        }
    }

    private void sleepQuietly() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
