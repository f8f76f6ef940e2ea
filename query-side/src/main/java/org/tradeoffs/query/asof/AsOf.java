package org.tradeoffs.query.asof;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tradeoffs.query.projection.MemoryViewStore;
import org.tradeoffs.query.readmodel.EventReplay;
import org.tradeoffs.query.readmodel.ReadModel;
import org.tradeoffs.query.readmodel.ReadModels;

/**
 * The read models as they stood at a past position, rebuilt from the stored events up to it into memory by the
 * same projections that build them in service: not a copy of today's views. A past position's state never
 * changes, so the last few are kept; concurrent requests for one position share one replay, and replays run one at
 * a time. Memory: a replay holds every read model of the store at that position (as the MongoDB collections would,
 * as Java objects), so {@code tradeoffs.as-of.cached-positions} (default 2) sets how many such sets stay in memory.
 */
@Component
public class AsOf {

    private final EventReplay replay;
    private final EventStorageEngine storage;
    private final int cacheSize;
    private final Map<Long, CompletableFuture<ReadModels>> cache;
    /** One replay at a time: each holds a whole set of read models in memory while it runs. */
    private final Semaphore building = new Semaphore(1);

    public AsOf(EventReplay replay, EventStorageEngine storage,
            @Value("${tradeoffs.as-of.cached-positions:2}") int cacheSize) {
        this.replay = replay;
        this.storage = storage;
        this.cacheSize = cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Every read model as it stood once the event at {@code position} was applied. */
    public ReadModels at(long position) {
        CompletableFuture<ReadModels> views;
        boolean mine = false;
        synchronized (cache) {
            views = cache.get(position);
            if (views == null) {
                views = new CompletableFuture<>();
                cache.put(position, views);
                mine = true;
                while (cache.size() > cacheSize) {
                    cache.remove(cache.keySet().iterator().next());
                }
            }
        }
        if (mine) {
            try {
                building.acquire();
                try {
                    views.complete(build(position));
                } finally {
                    building.release();
                }
            } catch (InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                synchronized (cache) {
                    cache.remove(position);
                }
                views.completeExceptionally(e);
            }
        }
        return views.join();
    }

    /** The position of the last event stored at or before the instant; 0 before the first. */
    public long positionAt(Instant instant) {
        TrackingToken before = storage.createTokenAt(instant.plusNanos(1));
        return before == null ? 0 : before.position().orElse(0);
    }

    public long headPosition() {
        return replay.headPosition();
    }

    private ReadModels build(long position) {
        ReadModels views = ReadModels.over(model -> new MemoryViewStore());
        List<Object> projections = new ArrayList<>();
        for (ReadModel model : ReadModel.values()) {
            projections.add(model.projection(views.repository(model), ReadModel.SILENT));
        }
        replay.replay(projections, position, ignored -> {
        });
        return views;
    }
}
