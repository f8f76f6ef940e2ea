package org.tradeoffs.query.tradeoffs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.events.tradeoff.VoteChanged;
import org.tradeoffs.events.tradeoff.VotingRulesChanged;
import org.tradeoffs.query.live.CycleTopic;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.live.LiveUpdates;
import org.tradeoffs.query.projection.Amounts;
import org.tradeoffs.query.projection.EventPositions;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.OpportunityEntry;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.PriorityEntry;

/**
 * Builds the tradeoff packages and each cycle's balance, and pushes every tradeoff event and every
 * {@code FundingCommitted} to {@code /topic/cycles/{cycleId}/tradeoffs} with the package and the balance
 * after it. To title and total the packages it keeps the cycle's priorities (title, status, estimated
 * cost), opportunities (number, current high, committed, captured) and the considered inputs (summary,
 * group, respondents); renaming a priority or correcting an input rewrites the packages showing it,
 * silently (no frame).
 *
 * <p>Idempotent: a tradeoff event at or before the package's position, a priority event at or before the position of
 * the priority's entry, an opportunity event at or before the position its cycle document recorded for it, and an
 * input event at or before the input's stored position, change nothing and push nothing. A batch writes the guarding
 * document after the others (see TradeoffsRepository), so an event redone after a batch stopped halfway rewrites the
 * same documents. Nothing is pushed while replaying.
 */
@Component
@ProcessingGroup(TradeoffsProjection.PROCESSING_GROUP)
public class TradeoffsProjection {

    public static final String PROCESSING_GROUP = "tradeoffs";

    private static final Logger log = LoggerFactory.getLogger(TradeoffsProjection.class);

    private final TradeoffsRepository repository;
    private final LiveUpdates live;

    public TradeoffsProjection(TradeoffsRepository repository, LiveUpdates live) {
        this.repository = repository;
        this.live = live;
    }

    @EventHandler
    public void on(TradeoffEvent event, TrackingToken token, @Timestamp Instant time, @SequenceNumber long sequence,
            ReplayStatus replayStatus) {
        long position = EventPositions.of(token);
        Optional<TradeoffView> current = repository.tradeoff(event.tradeoffId());
        if (current.isPresent() && current.get().position() >= position) {
            return;
        }
        TradeoffCycle cycle = repository.cycle(event.cycleId()).orElseGet(TradeoffCycle::empty);
        Stamp stamp = new Stamp(sequence + 1, position, time);
        TradeoffView updated;
        if (event instanceof TradeoffDrafted drafted) {
            cycle = withInvestedPriorities(cycle, drafted.content());
            updated = TradeoffView.drafted(drafted, stamp, cycle,
                    repository.inputs(drafted.content().consideredInputs()));
        } else if (current.isEmpty()) {
            log.warn("{} at position {} names unknown tradeoff package {}; ignored",
                    event.getClass().getSimpleName(), position, event.tradeoffId());
            return;
        } else {
            if (event instanceof TradeoffRevised revised) {
                cycle = withInvestedPriorities(cycle, revised.content());
            }
            updated = evolve(current.get(), event, stamp, cycle);
        }
        TradeoffCycle next = cycle.withPackage(event.cycleId(), updated, position);
        repository.save(event.cycleId(), next);
        repository.save(updated);
        if (replayStatus != ReplayStatus.REPLAY) {
            live.send(CycleTopic.tradeoffs(event.cycleId()), new LiveFrame<>(position,
                    event.getClass().getSimpleName(), event.cycleId(), new TradeoffChange(updated, next.balance())));
        }
    }

    /**
     * Priorities keep their entries in a collection of their own; once a package invests in one, the cycle document
     * keeps it too, to title the package's lines and retitle them on a rename.
     */
    @EventHandler
    public void on(PriorityEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        TradeoffCycle cycle = repository.cycle(event.cycleId()).orElseGet(TradeoffCycle::empty);
        // a cycle document written before the priorities had their own collection holds every priority
        Optional<PriorityEntry> stored = repository.priority(event.priorityId());
        Optional<PriorityEntry> current = stored.or(() -> cycle.priority(event.priorityId()));
        if (current.isPresent() && current.get().position() >= position) {
            if (stored.isEmpty()) {
                // only the cycle has it: such an old cycle document, or a batch that stopped after writing the
                // cycle (written before the priorities); the priority gets its document from it
                repository.save(current.get());
            }
            return;
        }
        PriorityEntry updated;
        if (event instanceof PriorityProposed proposed) {
            updated = priority(proposed.priorityId(), proposed.details(), PriorityEntry.Status.PROPOSED, position,
                    position);
        } else if (current.isEmpty()) {
            log.warn("{} at position {} names unknown priority {}; ignored",
                    event.getClass().getSimpleName(), position, event.priorityId());
            return;
        } else {
            updated = evolve(current.get(), event, position);
        }
        if (cycle.needs(updated)) {
            TradeoffCycle next = cycle.withPriority(event.cycleId(), updated, position);
            if (current.isPresent() && !current.get().title().equals(updated.title())) {
                for (TradeoffView view : repository.tradeoffs(next.tradeoffIds(
                        entry -> entry.referencedPriorityIds().contains(event.priorityId())))) {
                    repository.save(view.retitled(next));
                }
            }
            repository.save(event.cycleId(), next);
        } else if (cycle.priority(event.priorityId()).isPresent()) {
            repository.save(event.cycleId(), cycle.withoutPriority(event.cycleId(), event.priorityId(), position));
        }
        repository.save(updated);
    }

    /** Listings, sizings, captures and commitments: what the balance and the funding lines need. */
    @EventHandler
    public void on(OpportunityEvent event, TrackingToken token, ReplayStatus replayStatus) {
        if (!(event instanceof OpportunityListed || event instanceof OpportunitySized
                || event instanceof SavingsCaptured || event instanceof FundingCommitted)) {
            return;
        }
        long position = EventPositions.of(token);
        TradeoffCycle cycle = repository.cycle(event.cycleId()).orElseGet(TradeoffCycle::empty);
        Optional<OpportunityEntry> current = cycle.opportunity(event.opportunityId());
        if (current.isPresent() && current.get().position() >= position) {
            return;
        }
        OpportunityEntry updated;
        if (event instanceof OpportunityListed listed) {
            updated = new OpportunityEntry(listed.opportunityId(), listed.number(), listed.question(),
                    listed.focusArea(), null, Amounts.ZERO, Amounts.ZERO, position);
        } else if (current.isEmpty()) {
            log.warn("{} at position {} names unknown opportunity {}; ignored",
                    event.getClass().getSimpleName(), position, event.opportunityId());
            return;
        } else {
            updated = evolve(current.get(), event, position);
        }
        TradeoffCycle next = cycle.withOpportunity(event.cycleId(), updated, position);
        repository.save(event.cycleId(), next);
        if (event instanceof FundingCommitted committed && replayStatus != ReplayStatus.REPLAY) {
            Optional<TradeoffView> tradeoff = repository.tradeoff(committed.tradeoffId());
            if (tradeoff.isPresent()) {
                live.send(CycleTopic.tradeoffs(event.cycleId()), new LiveFrame<>(position,
                        event.getClass().getSimpleName(), event.cycleId(),
                        new TradeoffChange(tradeoff.get(), next.balance())));
            } else {
                log.warn("FundingCommitted at position {} names unknown tradeoff package {}; not pushed",
                        position, committed.tradeoffId());
            }
        }
    }

    @EventHandler
    public void on(StakeholderInputRecorded event, TrackingToken token) {
        summarized(event.inputId(), event.cycleId(), event.content(), EventPositions.of(token));
    }

    @EventHandler
    public void on(StakeholderInputCorrected event, TrackingToken token) {
        summarized(event.inputId(), event.cycleId(), event.content(), EventPositions.of(token));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    /** Remembers what packages show of an input; packages considering it are refreshed when it changed. */
    private void summarized(String inputId, String cycleId, InputContent content, long position) {
        Optional<InputSummary> current = repository.input(inputId);
        if (current.isPresent() && current.get().position() >= position) {
            return;
        }
        InputSummary updated = new InputSummary(inputId, cycleId, content.summary(), content.group(),
                content.respondents(), position);
        if (current.isPresent()) {
            Map<String, TradeoffView.ConsideredInput> refreshed = Map.of(inputId, updated.considered());
            repository.cycle(cycleId).ifPresent(cycle -> repository.tradeoffs(cycle.tradeoffIds(
                            entry -> entry.consideredInputs().contains(inputId)))
                    .forEach(view -> repository.save(view.withInputs(refreshed))));
        }
        repository.save(updated);
    }

    /** The cycle with the entries of the priorities the content invests in, to title its lines. */
    private TradeoffCycle withInvestedPriorities(TradeoffCycle cycle, PackageContent content) {
        List<String> missing = content.investments().stream()
                .map(Investment::priorityId)
                .filter(priorityId -> cycle.priority(priorityId).isEmpty())
                .distinct()
                .toList();
        return missing.isEmpty() ? cycle : cycle.withPrioritiesToTitle(repository.priorities(missing));
    }

    private TradeoffView evolve(TradeoffView view, TradeoffEvent event, Stamp stamp, TradeoffCycle cycle) {
        if (event instanceof TradeoffRevised revised) {
            return view.revised(revised, stamp, cycle, repository.inputs(revised.content().consideredInputs()));
        }
        if (event instanceof TradeoffSubmitted submitted) {
            return view.submitted(submitted, stamp);
        }
        if (event instanceof VotingRulesChanged changed) {
            return view.rulesChanged(changed, stamp);
        }
        if (event instanceof VoteCast cast) {
            return view.voted(cast, stamp);
        }
        if (event instanceof VoteChanged changed) {
            return view.voteChanged(changed, stamp);
        }
        if (event instanceof TradeoffDecided decided) {
            return view.decided(decided, stamp);
        }
        if (event instanceof TradeoffClosed closed) {
            return view.closed(closed, stamp);
        }
        throw new IllegalArgumentException("Unhandled tradeoff event " + event.getClass().getName());
    }

    private static PriorityEntry evolve(PriorityEntry entry, PriorityEvent event, long position) {
        if (event instanceof PriorityRevised revised) {
            return priority(entry.priorityId(), revised.details(), entry.status(), entry.proposedPosition(),
                    position);
        }
        PriorityEntry.Status status;
        if (event instanceof PriorityApproved) {
            status = PriorityEntry.Status.APPROVED;
        } else if (event instanceof PriorityRejected) {
            status = PriorityEntry.Status.REJECTED;
        } else if (event instanceof PriorityWithdrawn) {
            status = PriorityEntry.Status.WITHDRAWN;
        } else if (event instanceof PriorityReopened) {
            status = PriorityEntry.Status.PROPOSED;
        } else {
            throw new IllegalArgumentException("Unhandled priority event " + event.getClass().getName());
        }
        return new PriorityEntry(entry.priorityId(), entry.title(), status, entry.estimatedAnnualCost(),
                entry.proposedPosition(), position);
    }

    private static PriorityEntry priority(String priorityId, PriorityDetails details, PriorityEntry.Status status,
            long proposedPosition, long position) {
        return new PriorityEntry(priorityId, details.title(), status, Amounts.text(details.cost().total()),
                proposedPosition, position);
    }

    private static OpportunityEntry evolve(OpportunityEntry entry, OpportunityEvent event, long position) {
        String high = entry.high();
        String committed = entry.committed();
        String captured = entry.captured();
        if (event instanceof OpportunitySized sized) {
            high = Amounts.text(sized.high());
        } else if (event instanceof SavingsCaptured capture) {
            captured = Amounts.text(Amounts.value(captured).add(capture.amount()));
        } else if (event instanceof FundingCommitted funding) {
            committed = Amounts.text(Amounts.value(committed).add(funding.amount()));
        }
        return new OpportunityEntry(entry.opportunityId(), entry.number(), entry.question(), entry.focusArea(), high,
                committed, captured, position);
    }
}
