package org.tradeoffs.query.provenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.query.audit.SealedEvents;
import org.tradeoffs.query.provenance.IndexedItem.Entry;
import org.tradeoffs.query.provenance.IndexedItem.Ref;

/**
 * Indexes, per item of a cycle, where each of its events is stored, so that a decision's provenance is read by
 * {@code _id} instead of by scanning the event store: the {@code provenance} tracking processor (one thread, one
 * segment). Content events also note what they name: an input its links (and each linked item notes the input),
 * a package its priorities, opportunities and considered inputs.
 *
 * <p>Each event is indexed under its own position and commit, found in the store by its unique stream key (the
 * tracking token names the highest position delivered, which is not the event's own when its commit filled a gap
 * late). Idempotent: an entry is added to a set, so redelivery changes nothing. Failures go back to the processor,
 * which retries (see {@link ProvenanceConfiguration}): a skipped event would be missing from every provenance
 * that cites its item.
 */
@Component
@ProcessingGroup(ProvenanceProjection.PROCESSING_GROUP)
public class ProvenanceProjection {

    public static final String PROCESSING_GROUP = "provenance";

    private final ProvenanceRepository repository;
    private final SealedEvents stored;

    public ProvenanceProjection(ProvenanceRepository repository, SealedEvents stored) {
        this.repository = repository;
        this.stored = stored;
    }

    @EventHandler
    public void on(CycleScoped event, EventMessage<?> message, @Timestamp Instant time) {
        ItemKind kind = kindOf(event);
        if (kind == null) {
            return; // the cycle's own opening: it is no item of a decision
        }
        SealedEvents.Location location = stored.locate(message).orElseThrow(() -> new IllegalStateException(
                "Event " + message.getIdentifier() + " was delivered but is not in the event store"));
        String itemId = itemIdOf(event);
        List<Ref> refs = refsOf(event);
        repository.record(itemId, event.cycleId(), kind, new Entry(location.position(), location.commit(),
                event.getClass().getSimpleName(), time, event.actor(), refs, outcomeOf(event)));
        if (event instanceof InputEvent) {
            for (Ref ref : refs) {
                repository.linkedBy(ref.id(), event.cycleId(), ref.kind(), itemId);
            }
        }
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    private static ItemKind kindOf(CycleScoped event) {
        if (event instanceof PriorityEvent) {
            return ItemKind.PRIORITY;
        }
        if (event instanceof OpportunityEvent) {
            return ItemKind.OPPORTUNITY;
        }
        if (event instanceof InputEvent) {
            return ItemKind.INPUT;
        }
        if (event instanceof TradeoffEvent) {
            return ItemKind.TRADEOFF;
        }
        return null;
    }

    private static String itemIdOf(CycleScoped event) {
        if (event instanceof PriorityEvent priority) {
            return priority.priorityId();
        }
        if (event instanceof OpportunityEvent opportunity) {
            return opportunity.opportunityId();
        }
        if (event instanceof InputEvent input) {
            return input.inputId();
        }
        return ((TradeoffEvent) event).tradeoffId();
    }

    /** What a content event names; events never validate, so anything missing is left out. */
    private static List<Ref> refsOf(CycleScoped event) {
        List<Ref> refs = new ArrayList<>();
        if (event instanceof StakeholderInputRecorded recorded) {
            links(recorded.content(), refs);
        } else if (event instanceof StakeholderInputCorrected corrected) {
            links(corrected.content(), refs);
        } else if (event instanceof TradeoffDrafted drafted) {
            names(drafted.content(), refs);
        } else if (event instanceof TradeoffRevised revised) {
            names(revised.content(), refs);
        }
        return refs.stream().distinct().toList();
    }

    private static void links(InputContent content, List<Ref> refs) {
        if (content == null || content.links() == null) {
            return;
        }
        for (InputLink link : content.links()) {
            if (link != null && link.kind() != null && link.id() != null) {
                refs.add(new Ref(link.kind() == InputLink.Kind.PRIORITY ? ItemKind.PRIORITY : ItemKind.OPPORTUNITY,
                        link.id()));
            }
        }
    }

    private static void names(PackageContent content, List<Ref> refs) {
        if (content == null) {
            return;
        }
        listOrEmpty(content.investments()).stream().filter(Objects::nonNull).map(Investment::priorityId)
                .filter(Objects::nonNull).forEach(id -> refs.add(new Ref(ItemKind.PRIORITY, id)));
        listOrEmpty(content.funding()).stream().filter(Objects::nonNull).map(Funding::opportunityId)
                .filter(Objects::nonNull).forEach(id -> refs.add(new Ref(ItemKind.OPPORTUNITY, id)));
        listOrEmpty(content.consideredInputs()).stream().filter(Objects::nonNull)
                .forEach(id -> refs.add(new Ref(ItemKind.INPUT, id)));
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Outcome outcomeOf(CycleScoped event) {
        if (event instanceof PriorityApproved) {
            return Outcome.APPROVED;
        }
        if (event instanceof PriorityRejected) {
            return Outcome.REJECTED;
        }
        if (event instanceof TradeoffDecided decided) {
            return decided.outcome();
        }
        if (event instanceof TradeoffClosed closed) {
            return closed.outcome();
        }
        return null;
    }
}
