package org.tradeoffs.query.priorities;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;
import org.tradeoffs.query.live.CycleTopic;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.live.LiveUpdates;
import org.tradeoffs.query.priorities.PriorityView.Decision;
import org.tradeoffs.query.priorities.PriorityView.Decision.Outcome;
import org.tradeoffs.query.priorities.PriorityView.Stamp;
import org.tradeoffs.query.priorities.PriorityView.Status;
import org.tradeoffs.query.projection.EventPositions;

/**
 * Builds the priority boards and pushes each change to {@code /topic/cycles/{cycleId}/priorities}.
 * Idempotent: a view keeps the position of its last event, and an event at or before it changes
 * nothing and pushes nothing. Nothing is pushed while replaying.
 */
@Component
@ProcessingGroup(PriorityBoardProjection.PROCESSING_GROUP)
public class PriorityBoardProjection {

    public static final String PROCESSING_GROUP = "priority-board";

    private static final Logger log = LoggerFactory.getLogger(PriorityBoardProjection.class);

    private final PriorityBoardRepository repository;
    private final LiveUpdates live;

    public PriorityBoardProjection(PriorityBoardRepository repository, LiveUpdates live) {
        this.repository = repository;
        this.live = live;
    }

    @EventHandler
    public void on(PriorityEvent event, TrackingToken token, @Timestamp Instant time,
            @SequenceNumber long sequence, ReplayStatus replayStatus) {
        long position = EventPositions.of(token);
        Optional<PriorityView> current = repository.priority(event.priorityId());
        if (current.isPresent() && current.get().position() >= position) {
            return;
        }
        Stamp stamp = new Stamp(sequence + 1, position, time);
        PriorityView updated;
        if (event instanceof PriorityProposed proposed) {
            updated = PriorityView.proposed(proposed, stamp);
            repository.saveProposed(updated);
        } else if (current.isPresent()) {
            updated = evolve(current.get(), event, stamp);
            repository.save(updated);
        } else {
            log.warn("{} at position {} names unknown priority {}; ignored",
                    event.getClass().getSimpleName(), position, event.priorityId());
            return;
        }
        if (replayStatus != ReplayStatus.REPLAY) {
            live.send(CycleTopic.priorities(event.cycleId()),
                    new LiveFrame<>(position, event.getClass().getSimpleName(), event.cycleId(), updated));
        }
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    private static PriorityView evolve(PriorityView view, PriorityEvent event, Stamp stamp) {
        if (event instanceof PriorityRevised revised) {
            return view.revised(revised.details(), stamp);
        }
        if (event instanceof PriorityWithdrawn withdrawn) {
            return view.withStatus(Status.WITHDRAWN, null, withdrawn.reason(), stamp);
        }
        if (event instanceof PriorityApproved approved) {
            return view.withStatus(Status.APPROVED,
                    new Decision(Outcome.APPROVED, approved.rationale(), approved.actor(), stamp.time()), null, stamp);
        }
        if (event instanceof PriorityRejected rejected) {
            return view.withStatus(Status.REJECTED,
                    new Decision(Outcome.REJECTED, rejected.rationale(), rejected.actor(), stamp.time()), null, stamp);
        }
        if (event instanceof PriorityReopened) {
            return view.withStatus(Status.PROPOSED, null, null, stamp);
        }
        throw new IllegalArgumentException("Unhandled priority event " + event.getClass().getName());
    }
}
