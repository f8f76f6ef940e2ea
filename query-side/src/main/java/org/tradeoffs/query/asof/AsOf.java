package org.tradeoffs.query.asof;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tradeoffs.eventstore.EventTags;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.query.projection.MemoryViewStore;
import org.tradeoffs.query.readmodel.EventReplay;
import org.tradeoffs.query.problem.NotReadyException;
import org.tradeoffs.query.readmodel.ReadModel;
import org.tradeoffs.query.readmodel.ReadModels;

/**
 * The read models as they stood at a past position, rebuilt from the stored events up to it into memory by the
 * same projections that build them in service: not a copy of today's views. A read asks for a {@link Scope}: the
 * directory, or one cycle (with the directory), and only the events tagged so are replayed ({@link
 * OrderedMongoEventStorageEngine#readTagged}, by index), so the cost follows the size of the cycle, not of the store.
 * Within its scope the answer is exact: every projection builds a cycle's views from that cycle's events alone and
 * the directory from the directory's events; views of other cycles are not built and must not be read.
 *
 * <p>A past position's state never changes, so the last few are kept; concurrent requests for one position and scope
 * share one replay, and replays run one at a time; a read whose replay waited {@code tradeoffs.as-of.max-wait}
 * (default 5 s) for the others is answered 503 {@code not-ready} with {@code Retry-After}, so that many past states
 * asked for at once cannot hold every request thread. {@code tradeoffs.as-of.cached-positions} (default 2) sets how
 * many are kept. The events read are those committed when the replay runs: callers ask for positions the
 * processors have reached, so none before it is still being written.
 */
@Component
public class AsOf {

    /** What an as-of read is about: the events with these {@link EventTags}. */
    public record Scope(Set<String> tags) {

        public Scope {
            tags = Set.copyOf(tags);
        }

        /** Districts, members, roles and cycles. */
        public static Scope directory() {
            return new Scope(Set.of(EventTags.DIRECTORY));
        }

        /** Every view of one cycle, and the directory. */
        public static Scope cycle(String cycleId) {
            return new Scope(Set.of(EventTags.DIRECTORY, EventTags.cycle(cycleId)));
        }
    }

    /** What a read kept waiting by the other replays is told to wait before asking again. */
    private static final long RETRY_AFTER_SECONDS = 2;

    private record Key(long position, Scope scope) {
    }

    private final EventReplay replay;
    private final OrderedMongoEventStorageEngine storage;
    private final int cacheSize;
    private final Map<Key, CompletableFuture<ReadModels>> cache;
    /** One replay at a time: each holds a whole set of read models in memory while it runs. */
    private final Semaphore building = new Semaphore(1);
    /** How long a read waits for the replays before its own: then it is answered 503, to ask again. */
    private final Duration maxWait;

    public AsOf(EventReplay replay, OrderedMongoEventStorageEngine storage,
            @Value("${tradeoffs.as-of.cached-positions:2}") int cacheSize,
            @Value("${tradeoffs.as-of.max-wait:5s}") Duration maxWait) {
        this.replay = replay;
        this.storage = storage;
        this.cacheSize = cacheSize;
        this.maxWait = maxWait;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * The read models of the scope as they stood once the event at {@code position} was applied.
     *
     * @throws NotReadyException when other replays kept this one waiting for longer than {@code max-wait}
     */
    public ReadModels at(long position, Scope scope) {
        Key key = new Key(position, scope);
        CompletableFuture<ReadModels> views;
        boolean mine = false;
        synchronized (cache) {
            views = cache.get(key);
            if (views == null) {
                views = new CompletableFuture<>();
                cache.put(key, views);
                mine = true;
                while (cache.size() > cacheSize) {
                    cache.remove(cache.keySet().iterator().next());
                }
            }
        }
        if (mine) {
            try {
                if (!building.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new NotReadyException("Other past states are being rebuilt; ask again", RETRY_AFTER_SECONDS);
                }
                try {
                    views.complete(build(position, scope));
                } finally {
                    building.release();
                }
            } catch (InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                synchronized (cache) {
                    cache.remove(key);
                }
                views.completeExceptionally(e);
            }
        }
        try {
            return views.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The position of the last event stored at or before the instant; 0 before the first. */
    public long positionAt(Instant instant) {
        TrackingToken before = storage.createTokenAt(instant.plusNanos(1));
        return before == null ? 0 : before.position().orElse(0);
    }

    public long headPosition() {
        return replay.headPosition();
    }

    private ReadModels build(long position, Scope scope) {
        ReadModels views = ReadModels.over(model -> new MemoryViewStore());
        List<Object> projections = new ArrayList<>();
        for (ReadModel model : ReadModel.values()) {
            projections.add(model.projection(views.repository(model), ReadModel.SILENT));
        }
        try (Stream<TrackedEventMessage<?>> events = storage.readTagged(scope.tags(), position)) {
            replay.replay(projections, events, ignored -> {
            });
        }
        return views;
    }
}
