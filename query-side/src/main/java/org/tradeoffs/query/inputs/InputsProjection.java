package org.tradeoffs.query.inputs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.query.inputs.InputView.PackageStatus;
import org.tradeoffs.query.inputs.InputsCycle.ItemEntry;
import org.tradeoffs.query.inputs.InputsCycle.PackageEntry;
import org.tradeoffs.query.live.CycleTopic;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.live.LiveUpdates;
import org.tradeoffs.query.projection.EventPositions;
import org.tradeoffs.query.readmodel.DeferrableSummaries;

/**
 * Builds the stakeholder inputs and each cycle's digest, and pushes to
 * {@code /topic/cycles/{cycleId}/inputs} every input event (with the input and the digest after it) and
 * every draft, revision, decision or closing of a tradeoff package that changed what an input shows in
 * {@code consideredBy} (with no input, the digest after it). Priority titles and opportunity questions are kept to title
 * the links, each in its own document (the cycle's keeps those its inputs link to); renaming a priority retitles the
 * inputs silently (no frame).
 *
 * <p>Idempotent: an input event at or before the input's position, a tradeoff event at or before the position its
 * cycle document recorded for that package, and a title event at or before the position of the item's document,
 * changes nothing and pushes nothing. A batch writes the guarding document after the others (see InputsRepository),
 * so an event redone after a batch stopped halfway rewrites the same documents; except a tradeoff event, whose guard
 * (the cycle) is written before the inputs: redone, it brings the package's inputs up to the cycle. Nothing is pushed
 * while replaying.
 */
@Component
@ProcessingGroup(InputsProjection.PROCESSING_GROUP)
public class InputsProjection implements DeferrableSummaries {

    public static final String PROCESSING_GROUP = "stakeholder-inputs";

    private static final Logger log = LoggerFactory.getLogger(InputsProjection.class);

    private final InputsRepository repository;
    private final LiveUpdates live;

    public InputsProjection(InputsRepository repository, LiveUpdates live) {
        this.repository = repository;
        this.live = live;
    }

    @EventHandler
    public void on(InputEvent event, TrackingToken token, @Timestamp Instant time, @SequenceNumber long sequence,
            ReplayStatus replayStatus) {
        long position = EventPositions.of(token);
        Optional<InputView> current = repository.input(event.inputId());
        if (current.isPresent() && current.get().position() >= position) {
            return;
        }
        InputsCycle cycle = withLinkedItems(repository.cycle(event.cycleId()).orElseGet(InputsCycle::empty), event);
        Stamp stamp = new Stamp(sequence + 1, position, time);
        InputView updated;
        if (event instanceof StakeholderInputRecorded recorded) {
            updated = InputView.recorded(recorded, stamp, cycle, cycle.considerationsOf(recorded.inputId()));
        } else if (current.isEmpty()) {
            log.warn("{} at position {} names unknown input {}; ignored",
                    event.getClass().getSimpleName(), position, event.inputId());
            return;
        } else if (event instanceof StakeholderInputCorrected corrected) {
            updated = current.get().corrected(corrected, stamp, cycle);
        } else if (event instanceof StakeholderInputTagged tagged) {
            updated = current.get().tagged(tagged, stamp);
        } else {
            throw new IllegalArgumentException("Unhandled input event " + event.getClass().getName());
        }
        InputsCycle next = cycle.withInput(event.cycleId(), updated, position, repository.deferring());
        repository.save(event.cycleId(), next);
        repository.save(updated);
        if (replayStatus != ReplayStatus.REPLAY) {
            live.send(CycleTopic.inputs(event.cycleId()), new LiveFrame<>(position, event.getClass().getSimpleName(),
                    event.cycleId(), new InputChange(updated, next.digest())));
        }
    }

    /**
     * Drafts, revisions, submissions and decisions change what inputs show of the packages considering them.
     * A submission only moves their status to VOTING: the contract has no frame for it, the next change
     * brings it.
     */
    @EventHandler
    public void on(TradeoffEvent event, TrackingToken token, @Timestamp Instant time, ReplayStatus replayStatus) {
        if (!(event instanceof TradeoffDrafted || event instanceof TradeoffRevised
                || event instanceof TradeoffSubmitted || event instanceof TradeoffDecided
                || event instanceof TradeoffClosed)) {
            return;
        }
        long position = EventPositions.of(token);
        InputsCycle cycle = repository.cycle(event.cycleId()).orElseGet(InputsCycle::empty);
        Optional<PackageEntry> current = cycle.tradeoff(event.tradeoffId());
        if (current.isPresent() && current.get().position() >= position) {
            // the cycle is written before the inputs (see InputsRepository): a batch that stopped in between left
            // the package's inputs without it, which the cycle tells
            for (InputView input : repository.inputs(current.get().consideredInputs())) {
                InputView reconsidered = input.consideredBy(cycle.considerationsOf(input.id()));
                if (!reconsidered.equals(input)) {
                    repository.save(reconsidered);
                }
            }
            return;
        }
        PackageEntry updated;
        if (event instanceof TradeoffDrafted drafted) {
            updated = new PackageEntry(drafted.tradeoffId(), drafted.content().title(), PackageStatus.DRAFT, null,
                    null, List.copyOf(drafted.content().consideredInputs()), position, position);
        } else if (current.isEmpty()) {
            log.warn("{} at position {} names unknown tradeoff package {}; ignored",
                    event.getClass().getSimpleName(), position, event.tradeoffId());
            return;
        } else {
            updated = evolve(current.get(), event, position, time);
        }
        InputsCycle next = cycle.withPackage(event.cycleId(), updated, position, repository.deferring());
        List<String> affected = Stream.concat(
                        current.map(PackageEntry::consideredInputs).orElse(List.of()).stream(),
                        updated.consideredInputs().stream())
                .distinct()
                .toList();
        // Judged on the cycle document, which is written last, so that an event redone after a crash pushes too.
        boolean changed = affected.stream()
                .anyMatch(inputId -> !cycle.considerationsOf(inputId).equals(next.considerationsOf(inputId)));
        for (InputView input : repository.inputs(affected)) {
            InputView reconsidered = input.consideredBy(next.considerationsOf(input.id()));
            if (!reconsidered.equals(input)) {
                repository.save(reconsidered);
            }
        }
        repository.save(event.cycleId(), next);
        if (changed && !(event instanceof TradeoffSubmitted) && replayStatus != ReplayStatus.REPLAY) {
            live.send(CycleTopic.inputs(event.cycleId()), new LiveFrame<>(position, event.getClass().getSimpleName(),
                    event.cycleId(), new InputChange(null, next.digest())));
        }
    }

    @EventHandler
    public void on(PriorityProposed event, TrackingToken token) {
        named(event.cycleId(), InputLink.Kind.PRIORITY, event.priorityId(), event.details().title(),
                EventPositions.of(token));
    }

    @EventHandler
    public void on(PriorityRevised event, TrackingToken token) {
        named(event.cycleId(), InputLink.Kind.PRIORITY, event.priorityId(), event.details().title(),
                EventPositions.of(token));
    }

    @EventHandler
    public void on(OpportunityListed event, TrackingToken token) {
        named(event.cycleId(), InputLink.Kind.OPPORTUNITY, event.opportunityId(), event.question(),
                EventPositions.of(token));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    @Override
    public void deferSummaries() {
        repository.deferDigests();
    }

    @Override
    public void completeSummaries() {
        repository.completeDigests();
    }

    /**
     * Remembers an item's title in its own document; the cycle keeps it too once an input links to it, and inputs
     * linking to it are retitled when it changed.
     */
    private void named(String cycleId, InputLink.Kind kind, String id, String title, long position) {
        Optional<ItemEntry> current = repository.item(id);
        if (current.isPresent() && current.get().position() >= position) {
            return;
        }
        ItemEntry item = new ItemEntry(kind, id, title, position);
        InputsCycle cycle = repository.cycle(cycleId).orElseGet(InputsCycle::empty);
        List<String> referencing = cycle.inputsReferencing(id);
        if (!referencing.isEmpty()) {
            InputsCycle next = cycle.withItem(cycleId, item, position, repository.deferring());
            if (current.isPresent() && !current.get().title().equals(title)) {
                for (InputView input : repository.inputs(referencing)) {
                    repository.save(input.retitled(next));
                }
            }
            repository.save(cycleId, next);
        }
        repository.save(item);
    }

    /** The cycle with the items a recorded or corrected input links to that it does not keep yet, titled. */
    private InputsCycle withLinkedItems(InputsCycle cycle, InputEvent event) {
        List<InputLink> links = event instanceof StakeholderInputRecorded recorded ? recorded.content().links()
                : event instanceof StakeholderInputCorrected corrected ? corrected.content().links() : List.of();
        List<String> missing = links.stream().map(InputLink::id).distinct()
                .filter(id -> cycle.item(id).isEmpty())
                .toList();
        return missing.isEmpty() ? cycle : cycle.withItemsKept(repository.items(missing));
    }

    private static PackageEntry evolve(PackageEntry entry, TradeoffEvent event, long position, Instant time) {
        if (event instanceof TradeoffRevised revised) {
            return new PackageEntry(entry.tradeoffId(), revised.content().title(), entry.status(), entry.outcome(),
                    entry.decidedAt(), List.copyOf(revised.content().consideredInputs()), entry.draftedPosition(),
                    position);
        }
        if (event instanceof TradeoffSubmitted) {
            return new PackageEntry(entry.tradeoffId(), entry.title(), PackageStatus.VOTING, null, null,
                    entry.consideredInputs(), entry.draftedPosition(), position);
        }
        Outcome outcome = event instanceof TradeoffDecided decided ? decided.outcome()
                : ((TradeoffClosed) event).outcome();
        return new PackageEntry(entry.tradeoffId(), entry.title(),
                outcome == Outcome.APPROVED ? PackageStatus.APPROVED : PackageStatus.REJECTED, outcome, time,
                entry.consideredInputs(), entry.draftedPosition(), position);
    }
}
