package org.tradeoffs.query.rebuild;

import com.mongodb.client.MongoDatabase;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.tradeoffs.query.projection.MemoryViewStore;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.readmodel.EventReplay;
import org.tradeoffs.query.readmodel.Generations;
import org.tradeoffs.query.readmodel.ReadModel;
import org.tradeoffs.query.rebuild.Rebuild.State;

/**
 * Rebuilds a read model from position 0 into a new generation of its collections while the current generation keeps
 * serving reads and receiving its processor's writes:
 * <ol>
 *   <li>replay, in memory, every event the read model's processor has handled so far, with the same projection;</li>
 *   <li>write the result into the new collections in bulk;</li>
 *   <li>apply the events the processor handled meanwhile, until it is only a few events ahead;</li>
 *   <li>pause the processor, apply the last of them, record the new generation as serving, and start the processor
 *       again: from its token, now writing into the new generation. The old collections are dropped a few seconds
 *       later, once every instance follows the switch (see {@link Generations}).</li>
 * </ol>
 * Reads never stop: until the switch they come from the old generation, which is complete up to where the processor
 * is. Live frames pause during the switch only. The replay applies exactly the events the processor's token has seen,
 * so each event is applied and pushed once. Rebuilds run one at a time, on their own thread.
 */
@Service
public class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    /** How close the catch-up gets before the processor is paused for the rest. */
    private static final long SWITCH_DISTANCE = 100;
    private static final int MAX_CATCH_UP_ROUNDS = 20;
    private static final int INSERT_BATCH = 1000;
    private static final int KEPT = 50;

    private final EventReplay replay;
    private final Generations generations;
    private final MongoDatabase database;
    private final Configuration axon;
    private final TokenStore tokens;
    private final RebuildProgress progress;
    private final Clock clock = Clock.systemUTC();
    private final long progressEvery;
    private final Duration dropOldAfter;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Rebuild> rebuilds = new LinkedHashMap<>();

    public Rebuilds(EventReplay replay, Generations generations, MongoDatabase database, Configuration axon,
            TokenStore tokens, RebuildProgress progress,
            @Value("${tradeoffs.rebuild.progress-every:1000}") long progressEvery,
            @Value("${tradeoffs.rebuild.drop-old-after:5s}") Duration dropOldAfter) {
        this.replay = replay;
        this.generations = generations;
        this.database = database;
        this.axon = axon;
        this.tokens = tokens;
        this.progress = progress;
        this.progressEvery = progressEvery;
        this.dropOldAfter = dropOldAfter;
    }

    /**
     * Queues a rebuild.
     *
     * @throws RebuildConflictException when one of that read model is queued or running
     */
    public synchronized RebuildStatus start(ReadModel model) {
        Optional<Rebuild> running = rebuilds.values().stream()
                .filter(rebuild -> rebuild.readModel() == model && !rebuild.finished()).findFirst();
        if (running.isPresent()) {
            throw new RebuildConflictException(running.get().status(clock.instant()));
        }
        Rebuild rebuild = new Rebuild(model, clock.instant());
        rebuilds.put(rebuild.id(), rebuild);
        Iterator<Rebuild> oldest = rebuilds.values().iterator();
        while (rebuilds.size() > KEPT && oldest.hasNext()) {
            if (oldest.next().finished()) {
                oldest.remove();
            }
        }
        worker.submit(() -> run(rebuild));
        return rebuild.status(clock.instant());
    }

    public synchronized Optional<RebuildStatus> find(String id) {
        return Optional.ofNullable(rebuilds.get(id)).map(rebuild -> rebuild.status(clock.instant()));
    }

    /** The rebuilds kept, oldest first. */
    public synchronized List<RebuildStatus> all() {
        List<RebuildStatus> statuses = new ArrayList<>();
        rebuilds.values().forEach(rebuild -> statuses.add(rebuild.status(clock.instant())));
        return statuses;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(Rebuild rebuild) {
        ReadModel model = rebuild.readModel();
        try {
            int from = generations.current(model);
            int to = from + 1;
            rebuild.started(from, clock.instant());
            TrackingEventProcessor processor = processor(model);
            MongoViewStore target = new MongoViewStore(database, name -> Generations.physicalName(name, to));
            model.repository(target);
            target.drop(); // what a failed earlier attempt may have left

            GapAwareTrackingToken reached = seen(processor);
            announce(rebuild, State.REPLAYING, reached.getIndex());
            MemoryViewStore memory = new MemoryViewStore();
            replay.replay(List.of(model.projection(model.repository(memory), ReadModel.SILENT)),
                    null, reached, counting(rebuild));

            announce(rebuild, State.WRITING, reached.getIndex());
            memory.contents().forEach((name, documents) -> target.insert(name, documents, INSERT_BATCH));

            Object projection = model.projection(model.repository(target), ReadModel.SILENT);
            for (int round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
                GapAwareTrackingToken now = seen(processor);
                if (now.getIndex() - reached.getIndex() <= SWITCH_DISTANCE) {
                    break;
                }
                announce(rebuild, State.CATCHING_UP, now.getIndex());
                replay.replay(List.of(projection), reached, now, counting(rebuild));
                reached = now;
            }

            announce(rebuild, State.SWITCHING, reached.getIndex());
            try {
                processor.shutdownAsync().get(30, TimeUnit.SECONDS);
                GapAwareTrackingToken last = stored(model);
                rebuild.moveTo(State.SWITCHING, last.getIndex());
                replay.replay(List.of(projection), reached, last, counting(rebuild));
                generations.switchTo(model, to);
            } finally {
                processor.start();
            }
            rebuild.completed(clock.instant());
            progress.publish(rebuild.status(clock.instant()));
            log.info("Rebuilt read model {} into generation {}: {}", model.id(), to, rebuild.status(clock.instant()));
            // other instances follow the switch within a second; give them time before the old collections go
            TimeUnit.MILLISECONDS.sleep(dropOldAfter.toMillis());
            MongoViewStore old = new MongoViewStore(database, name -> Generations.physicalName(name, from));
            model.repository(old);
            old.drop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!rebuild.finished()) {
                fail(rebuild, "interrupted: the service is stopping");
            }
        } catch (Exception e) {
            if (rebuild.finished()) {
                log.warn("Read model {} was rebuilt, but its old collections could not be dropped", model.id(), e);
            } else {
                log.warn("Rebuilding read model {} failed", model.id(), e);
                fail(rebuild, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    private void fail(Rebuild rebuild, String reason) {
        rebuild.failed(reason, clock.instant());
        progress.publish(rebuild.status(clock.instant()));
    }

    private void announce(Rebuild rebuild, State state, long target) {
        rebuild.moveTo(state, target);
        progress.publish(rebuild.status(clock.instant()));
    }

    private LongConsumer counting(Rebuild rebuild) {
        return position -> {
            rebuild.applied(position);
            if (position % progressEvery == 0) {
                progress.publish(rebuild.status(clock.instant()));
            }
        };
    }

    private TrackingEventProcessor processor(ReadModel model) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(model.processingGroup(), TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException(
                        "No tracking processor " + model.processingGroup() + " runs in this service"));
    }

    /** What the running processor has handled: its token's events. */
    private static GapAwareTrackingToken seen(TrackingEventProcessor processor) throws InterruptedException {
        EventTrackerStatus status = processor.processingStatus().get(0);
        // right after a switch the restarted processor may not have claimed its segment again yet
        for (int tries = 0; status == null && tries < 100; tries++) {
            TimeUnit.MILLISECONDS.sleep(100);
            status = processor.processingStatus().get(0);
        }
        if (status == null) {
            throw new IllegalStateException("Processor " + processor.getName()
                    + " has no segment claimed in this instance (is it running on another one?)");
        }
        return status.getTrackingToken() == null ? GapAwareTrackingToken.newInstance(0, List.of())
                : gapAware(status.getTrackingToken(), processor.getName());
    }

    /** What the paused processor has handled: the token it stored. */
    private GapAwareTrackingToken stored(ReadModel model) {
        TrackingToken token = tokens.fetchToken(model.processingGroup(), 0);
        tokens.releaseClaim(model.processingGroup(), 0);
        return token == null ? GapAwareTrackingToken.newInstance(0, List.of()) : gapAware(token, model.processingGroup());
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token, String processor) {
        return WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElseThrow(() -> new IllegalStateException(
                "Processor " + processor + " has a token this rebuild cannot follow: " + token));
    }
}
