package org.tradeoffs.query.timeline;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.query.live.CycleTopic;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.live.LiveUpdates;
import org.tradeoffs.query.projection.EventPositions;
import org.tradeoffs.query.timeline.TimelineEntry.ItemKind;

/**
 * Writes every cycle-scoped event onto its cycle's timeline and pushes the entry to
 * {@code /topic/cycles/{cycleId}/timeline}. Idempotent: an entry's id is its event's global
 * position, and a position already on the timeline is skipped without a push. Nothing is
 * pushed while replaying.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class TimelineProjection {

    public static final String PROCESSING_GROUP = "timeline";

    private final TimelineRepository repository;
    private final LiveUpdates live;

    public TimelineProjection(TimelineRepository repository, LiveUpdates live) {
        this.repository = repository;
        this.live = live;
    }

    @EventHandler
    public void on(CycleScoped event, TrackingToken token, @Timestamp Instant time, ReplayStatus replayStatus) {
        long position = EventPositions.of(token);
        if (repository.contains(position)) {
            return;
        }
        if (event instanceof PriorityProposed proposed) {
            repository.rememberTitle(proposed.priorityId(), proposed.details().title(), position);
        } else if (event instanceof PriorityRevised revised) {
            repository.rememberTitle(revised.priorityId(), revised.details().title(), position);
        }
        String type = event.getClass().getSimpleName();
        String summary = TimelineSummaries.summarize(event, id -> repository.title(id).orElse(id));
        TimelineEntry entry = event instanceof PriorityEvent priorityEvent
                ? new TimelineEntry(position, time, event.actor(), type, summary, priorityEvent.priorityId(),
                        ItemKind.PRIORITY)
                : new TimelineEntry(position, time, event.actor(), type, summary, event.cycleId(), ItemKind.CYCLE);
        repository.append(event.cycleId(), entry);
        if (replayStatus != ReplayStatus.REPLAY) {
            live.send(CycleTopic.timeline(event.cycleId()), new LiveFrame<>(position, type, event.cycleId(), entry));
        }
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
