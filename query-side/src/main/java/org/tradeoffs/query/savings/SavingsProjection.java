package org.tradeoffs.query.savings;

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
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.query.live.CycleTopic;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.live.LiveUpdates;
import org.tradeoffs.query.projection.EventPositions;
import org.tradeoffs.query.readmodel.DeferrableSummaries;

/**
 * Builds the opportunity details and each cycle's savings pipeline, and pushes every change to
 * {@code /topic/cycles/{cycleId}/savings} with the opportunity and the pipeline after it.
 * Idempotent: a detail keeps the position of its last event, and an event at or before it changes
 * nothing and pushes nothing. Nothing is pushed while replaying.
 *
 * <p>A cycle's 31 catalog listings are stored in the same commit as the cycle itself; they are 31
 * events with 31 positions, so they make 31 updates and 31 frames. Nothing here waits for the
 * directory to know the cycle: reads are authorized against the directory, not written through it.
 */
@Component
@ProcessingGroup(SavingsProjection.PROCESSING_GROUP)
public class SavingsProjection implements DeferrableSummaries {

    public static final String PROCESSING_GROUP = "savings";

    private static final Logger log = LoggerFactory.getLogger(SavingsProjection.class);

    private final SavingsRepository repository;
    private final LiveUpdates live;

    public SavingsProjection(SavingsRepository repository, LiveUpdates live) {
        this.repository = repository;
        this.live = live;
    }

    @EventHandler
    public void on(OpportunityEvent event, TrackingToken token, @Timestamp Instant time,
            @SequenceNumber long sequence, ReplayStatus replayStatus) {
        long position = EventPositions.of(token);
        Optional<OpportunityDetail> current = repository.opportunity(event.opportunityId());
        if (current.isPresent() && current.get().position() >= position) {
            return;
        }
        Stamp stamp = new Stamp(sequence + 1, position, time);
        OpportunityDetail updated;
        if (event instanceof OpportunityListed listed) {
            updated = OpportunityDetail.listed(listed, stamp);
        } else if (current.isPresent()) {
            updated = current.get().evolve(event, stamp);
        } else {
            log.warn("{} at position {} names unknown opportunity {}; ignored",
                    event.getClass().getSimpleName(), position, event.opportunityId());
            return;
        }
        SavingsPipeline pipeline = repository.save(updated);
        if (replayStatus != ReplayStatus.REPLAY) {
            live.send(CycleTopic.savings(event.cycleId()), new LiveFrame<>(position,
                    event.getClass().getSimpleName(), event.cycleId(), new SavingsChange(updated, pipeline)));
        }
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    @Override
    public void deferSummaries() {
        repository.deferPipelines();
    }

    @Override
    public void completeSummaries() {
        repository.completePipelines();
    }
}
