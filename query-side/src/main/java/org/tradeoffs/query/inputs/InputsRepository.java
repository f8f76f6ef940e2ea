package org.tradeoffs.query.inputs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.query.inputs.InputsCycle.ItemEntry;
import org.tradeoffs.query.projection.BatchReadAhead;
import org.tradeoffs.query.projection.ViewCollection;
import org.tradeoffs.query.projection.ViewStore;
import org.tradeoffs.query.readmodel.DeferrableSummaries;
import org.tradeoffs.query.readmodel.DeferredCycles;

/**
 * The stakeholder-input read model, stored so that every read is by {@code _id}:
 * <ul>
 *   <li>{@code inputs_views}: one {@link InputView} per input, {@code _id} = input id; its {@code position}
 *       is the idempotency guard of input events.</li>
 *   <li>{@code inputs_cycles}: one {@link InputsCycle} per cycle, {@code _id} = cycle id: the inputs' current
 *       content in list order, the cycle's tradeoff packages (each with the position that guards its events), the
 *       titles of the priorities and opportunities its inputs link to, and the digest computed from them.</li>
 *   <li>{@code inputs_items}: one {@link ItemEntry} per priority and opportunity, {@code _id} = its id: its current
 *       title; its {@code position} is the idempotency guard of title events. Kept apart so that a new item does not
 *       rewrite its cycle's document, which would grow with every priority.</li>
 * </ul>
 * Listing is two reads: the cycle document for the order, then {@code _id $in} the views.
 */
public class InputsRepository {

    static final String INPUTS = "inputs_views";
    static final String CYCLES = "inputs_cycles";
    static final String ITEMS = "inputs_items";

    private final ViewCollection views;
    private final ViewCollection cycles;
    private final ViewCollection items;
    private final DeferredCycles deferred = new DeferredCycles();

    public InputsRepository(ViewStore store) {
        // in the order a batch writes them: an input event checks its input, a title event its item, both written
        // after the cycle (a tradeoff event checks the cycle: see InputsProjection)
        this.cycles = store.collection(CYCLES);
        this.views = store.collection(INPUTS);
        this.items = store.collection(ITEMS);
    }

    public Optional<InputView> input(String inputId) {
        return views.get(inputId, InputView.class);
    }

    /** The cycle's inputs, newest received first; empty for a cycle without any. */
    public List<InputView> inputs(String cycleId) {
        return cycle(cycleId)
                .map(cycle -> inputs(cycle.inputs().stream().map(InputsCycle.InputEntry::inputId).toList()))
                .orElse(List.of());
    }

    /** The cycle's digest; empty until the first event of the cycle that it counts was applied. */
    public Optional<InputDigest> digest(String cycleId) {
        return cycle(cycleId).map(InputsCycle::digest);
    }

    Optional<InputsCycle> cycle(String cycleId) {
        return cycles.get(cycleId, InputsCycle.class);
    }

    /** The inputs by {@code _id $in}, in the order of the given ids. */
    List<InputView> inputs(Collection<String> inputIds) {
        if (inputIds.isEmpty()) {
            return List.of();
        }
        Map<Object, InputView> byId = views.getAll(inputIds, InputView.class);
        return inputIds.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    void save(String cycleId, InputsCycle cycle) {
        cycles.put(cycleId, cycle);
        deferred.touched(cycleId);
    }

    /** Whether digests are deferred: cycles are saved with their digest as it was, at the new position. */
    boolean deferring() {
        return deferred.deferring();
    }

    /** Defers digests until {@link #completeDigests()} (see {@link DeferrableSummaries}). */
    void deferDigests() {
        deferred.defer();
    }

    /** Computes the digest of every cycle saved since {@link #deferDigests()}, and stops deferring. */
    void completeDigests() {
        deferred.complete(cycleId -> cycle(cycleId).ifPresent(cycle -> cycles.put(cycleId, cycle.digested(cycleId))));
    }

    void save(InputView view) {
        views.put(view.id(), view);
    }

    Optional<ItemEntry> item(String itemId) {
        BatchReadAhead.views(items, CycleScoped.class, (event, position) -> namedItemOf(event));
        return items.get(itemId, ItemEntry.class);
    }

    /** The item whose name the event sets (read before it is stored), null for none. */
    private static String namedItemOf(CycleScoped event) {
        if (event instanceof PriorityProposed proposed) {
            return proposed.priorityId();
        }
        if (event instanceof PriorityRevised revised) {
            return revised.priorityId();
        }
        return event instanceof OpportunityListed listed ? listed.opportunityId() : null;
    }

    /** The items by {@code _id $in}; unknown ids are missing. */
    List<ItemEntry> items(Collection<String> itemIds) {
        return itemIds.isEmpty() ? List.of() : List.copyOf(items.getAll(itemIds, ItemEntry.class).values());
    }

    void save(ItemEntry item) {
        items.put(item.id(), item);
    }

    void clear() {
        views.clear();
        cycles.clear();
        items.clear();
    }
}
