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
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
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
    private final TimelineSummaries.Names names;

    public TimelineProjection(TimelineRepository repository, LiveUpdates live) {
        this.repository = repository;
        this.live = live;
        this.names = new StoredNames(repository);
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
        } else if (event instanceof OpportunityListed listed) {
            repository.rememberOpportunity(listed.opportunityId(), listed.number(), listed.question());
        } else if (event instanceof MilestoneAdded added) {
            repository.rememberMilestone(added.milestoneId(), added.title());
        } else if (event instanceof StakeholderInputRecorded recorded) {
            repository.rememberInput(recorded.inputId(), TimelineSummaries.InputName.of(recorded.content()), position);
        } else if (event instanceof StakeholderInputCorrected corrected) {
            repository.rememberInput(corrected.inputId(), TimelineSummaries.InputName.of(corrected.content()),
                    position);
        } else if (event instanceof TradeoffDrafted drafted) {
            repository.rememberTradeoffTitle(drafted.tradeoffId(), drafted.content().title(), position);
        } else if (event instanceof TradeoffRevised revised) {
            repository.rememberTradeoffTitle(revised.tradeoffId(), revised.content().title(), position);
        }
        String type = event.getClass().getSimpleName();
        String summary = TimelineSummaries.summarize(event, names);
        TimelineEntry entry;
        if (event instanceof PriorityEvent priorityEvent) {
            entry = new TimelineEntry(position, time, event.actor(), type, summary, priorityEvent.priorityId(),
                    ItemKind.PRIORITY);
        } else if (event instanceof OpportunityEvent opportunityEvent) {
            entry = new TimelineEntry(position, time, event.actor(), type, summary, opportunityEvent.opportunityId(),
                    ItemKind.OPPORTUNITY);
        } else if (event instanceof InputEvent inputEvent) {
            entry = new TimelineEntry(position, time, event.actor(), type, summary, inputEvent.inputId(),
                    ItemKind.INPUT);
        } else if (event instanceof TradeoffEvent tradeoffEvent) {
            entry = new TimelineEntry(position, time, event.actor(), type, summary, tradeoffEvent.tradeoffId(),
                    ItemKind.TRADEOFF);
        } else {
            entry = new TimelineEntry(position, time, event.actor(), type, summary, event.cycleId(), ItemKind.CYCLE);
        }
        repository.append(event.cycleId(), entry);
        if (replayStatus != ReplayStatus.REPLAY) {
            live.send(CycleTopic.timeline(event.cycleId()), new LiveFrame<>(position, type, event.cycleId(), entry));
        }
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    /** The names later events do not repeat, as this timeline remembered them from earlier events. */
    private record StoredNames(TimelineRepository repository) implements TimelineSummaries.Names {

        @Override
        public String priorityTitle(String priorityId) {
            return repository.title(priorityId).orElse(priorityId);
        }

        @Override
        public TimelineSummaries.OpportunityName opportunity(String opportunityId) {
            return repository.opportunity(opportunityId).orElse(null);
        }

        @Override
        public String milestoneTitle(String milestoneId) {
            return repository.milestoneTitle(milestoneId).orElse(null);
        }

        @Override
        public TimelineSummaries.InputName input(String inputId) {
            return repository.input(inputId).orElse(null);
        }

        @Override
        public String tradeoffTitle(String tradeoffId) {
            return repository.tradeoffTitle(tradeoffId).orElse(null);
        }
    }
}
