package org.tradeoffs.query.readmodel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;

/**
 * Feeds stored events, in the store's order, straight to projection instances: the same handlers the
 * tracking processors call, without a processor, a token or a thread of their own. As-of reads and
 * rebuilds use it, with projections that announce nothing; per-cycle summaries are computed once, at the end of
 * each replay ({@link DeferrableSummaries}).
 */
@Component
public class EventReplay {

    private static final Logger log = LoggerFactory.getLogger(EventReplay.class);

    private final OrderedMongoEventStorageEngine storage;

    public EventReplay(OrderedMongoEventStorageEngine storage) {
        this.storage = storage;
    }

    /** Applies every event up to and including {@code toPosition}. */
    public long replay(List<Object> projections, long toPosition, LongConsumer progress) {
        return replay(projections, null, GapAwareTrackingToken.newInstance(toPosition, Set.of()), progress);
    }

    /**
     * Applies, in the store's order, every event that {@code upTo} has seen and {@code after} has not: the events a
     * tracking processor would handle between those two tokens (an event in a gap of {@code upTo} was not seen
     * yet, so it is left for whoever reaches it later).
     *
     * @param after    null to start with the first event
     * @param progress told the position of each event applied
     * @return how many events were applied
     */
    public long replay(List<Object> projections, TrackingToken after, GapAwareTrackingToken upTo,
            LongConsumer progress) {
        long count = 0;
        long[] seen = {after == null ? 0 : after.position().orElse(0)};
        if (upTo.getGaps().isEmpty() && (after == null || after instanceof GapAwareTrackingToken gapAware
                && gapAware.getGaps().isEmpty())) {
            // Far behind, the store's range read is the fast way, as long as positions are contiguous.
            try (Stream<TrackedEventMessage<?>> events = storage.readContiguous(seen[0], upTo.getIndex())) {
                count = replay(projections, events, position -> {
                    seen[0] = position;
                    progress.accept(position);
                });
            }
            if (seen[0] >= upTo.getIndex()) {
                return count;
            }
            after = GapAwareTrackingToken.newInstance(seen[0], Set.of());
        }
        long searchedTo = seen[0];
        while (true) {
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(after, false)) {
                count += replay(projections, events.takeWhile(event -> position(event) <= upTo.getIndex())
                        .peek(event -> seen[0] = Math.max(seen[0], position(event)))
                        .filter(event -> !upTo.getGaps().contains(position(event))), progress);
            }
            if (seen[0] >= upTo.getIndex()) {
                return count;
            }
            // The read ended before positions that are not stored, which the processor passed (a writer that died
            // between allocating and inserting; the processor moved on after the hole timeout, and this reader, new,
            // would first wait for them): read on from the next stored one.
            // Each look starts after the last one found, so that a read that gets no further (a burn marker between
            // two holes) still moves on.
            OptionalLong next = storage.firstStoredAfter(Math.max(seen[0], searchedTo), upTo.getIndex());
            if (next.isEmpty()) {
                return count;
            }
            searchedTo = next.getAsLong();
            after = GapAwareTrackingToken.newInstance(searchedTo - 1, Set.of());
        }
    }

    /**
     * Applies the given events, in their order: for reads scoped to some events (such as those of one cycle, read by
     * tag), which the caller found.
     *
     * @return how many events were applied
     */
    public long replay(List<Object> projections, Stream<? extends TrackedEventMessage<?>> events,
            LongConsumer progress) {
        List<EventMessageHandler> handlers = new ArrayList<>();
        projections.forEach(projection -> handlers.add(new AnnotationEventHandlerAdapter(projection)));
        List<DeferrableSummaries> summaries = projections.stream()
                .filter(DeferrableSummaries.class::isInstance).map(DeferrableSummaries.class::cast).toList();
        summaries.forEach(DeferrableSummaries::deferSummaries);
        long count = 0;
        Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
        while (iterator.hasNext()) {
            TrackedEventMessage<?> event = iterator.next();
            for (EventMessageHandler handler : handlers) {
                if (handler.canHandle(event)) {
                    handle(handler, event);
                }
            }
            count++;
            progress.accept(position(event));
        }
        summaries.forEach(DeferrableSummaries::completeSummaries);
        return count;
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    /** As in service (Axon's logging error handler): a handler that fails skips the event and goes on. */
    private static void handle(EventMessageHandler handler, TrackedEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (Exception e) {
            log.warn("{} failed on {} at {}; skipped, as in service", handler.getTargetType().getSimpleName(),
                    event.getPayloadType().getSimpleName(), event.trackingToken(), e);
        }
    }

    /** The position of the last stored event. */
    public long headPosition() {
        TrackingToken head = storage.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
