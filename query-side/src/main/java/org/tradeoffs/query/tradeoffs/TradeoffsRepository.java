package org.tradeoffs.query.tradeoffs;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.query.projection.BatchReadAhead;
import org.tradeoffs.query.projection.ViewCollection;
import org.tradeoffs.query.projection.ViewStore;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.PriorityEntry;

/**
 * The tradeoff read model, stored so that every read is by {@code _id}:
 * <ul>
 *   <li>{@code tradeoff_views}: one {@link TradeoffView} per package, {@code _id} = package id; its
 *       {@code position} is the idempotency guard of tradeoff events.</li>
 *   <li>{@code tradeoff_cycles}: one {@link TradeoffCycle} per cycle, {@code _id} = cycle id: its packages (what
 *       the balance and the lists need), the priorities the balance or the packages need and its opportunities
 *       (titles, numbers, costs, estimates, commitments and captures, each opportunity with the position that guards
 *       its events) and the balance.</li>
 *   <li>{@code tradeoff_priorities}: one {@link TradeoffCycle.PriorityEntry} per priority, {@code _id} = priority
 *       id; its {@code position} is the idempotency guard of priority events.</li>
 *   <li>{@code tradeoff_inputs}: one {@link InputSummary} per stakeholder input, {@code _id} = input id.</li>
 * </ul>
 * Listing is two reads: the cycle document for the order, then {@code _id $in} the views.
 */
public class TradeoffsRepository {

    static final String TRADEOFFS = "tradeoff_views";
    static final String CYCLES = "tradeoff_cycles";
    static final String INPUTS = "tradeoff_inputs";
    static final String PRIORITIES = "tradeoff_priorities";

    private final ViewCollection views;
    private final ViewCollection cycles;
    private final ViewCollection inputs;
    private final ViewCollection priorities;

    public TradeoffsRepository(ViewStore store) {
        // in the order a batch writes them: each after what the projection writes with it and does not check (a
        // tradeoff event checks its view, a priority event its priority, an input's summary the input)
        this.cycles = store.collection(CYCLES);
        this.views = store.collection(TRADEOFFS);
        this.inputs = store.collection(INPUTS);
        this.priorities = store.collection(PRIORITIES);
    }

    public Optional<TradeoffView> tradeoff(String tradeoffId) {
        return views.get(tradeoffId, TradeoffView.class);
    }

    /** The cycle's packages in the order they were drafted; empty for a cycle without any. */
    public List<TradeoffView> tradeoffs(String cycleId) {
        return cycle(cycleId)
                .map(cycle -> tradeoffs(cycle.packages().stream().map(TradeoffCycle.PackageEntry::tradeoffId)
                        .toList()))
                .orElse(List.of());
    }

    /** The packages that left DRAFT, newest first: by the position of their last event, descending. */
    public List<TradeoffView> decisions(String cycleId) {
        return cycle(cycleId).map(cycle -> tradeoffs(cycle.decisionIds())).orElse(List.of());
    }

    /** The cycle's balance; empty until the first event of the cycle that it counts was applied. */
    public Optional<Balance> balance(String cycleId) {
        return cycle(cycleId).map(TradeoffCycle::balance);
    }

    Optional<TradeoffCycle> cycle(String cycleId) {
        return cycles.get(cycleId, TradeoffCycle.class);
    }

    /** The packages by {@code _id $in}, in the order of the given ids. */
    List<TradeoffView> tradeoffs(Collection<String> tradeoffIds) {
        return inOrder(views, tradeoffIds, TradeoffView.class);
    }

    Optional<PriorityEntry> priority(String priorityId) {
        BatchReadAhead.views(priorities, PriorityEvent.class, (event, position) -> event.priorityId());
        return priorities.get(priorityId, PriorityEntry.class);
    }

    /** The priorities by {@code _id $in}; unknown ids are missing. */
    List<PriorityEntry> priorities(Collection<String> priorityIds) {
        return inOrder(priorities, priorityIds, PriorityEntry.class);
    }

    Optional<InputSummary> input(String inputId) {
        return inputs.get(inputId, InputSummary.class);
    }

    /** The inputs by {@code _id $in}, keyed by id; unknown ids are missing. */
    Map<String, TradeoffView.ConsideredInput> inputs(Collection<String> inputIds) {
        Map<String, TradeoffView.ConsideredInput> byId = new HashMap<>();
        inOrder(inputs, inputIds, InputSummary.class)
                .forEach(input -> byId.put(input.inputId(), input.considered()));
        return byId;
    }

    void save(String cycleId, TradeoffCycle cycle) {
        cycles.put(cycleId, cycle);
    }

    void save(TradeoffView view) {
        views.put(view.id(), view);
    }

    void save(PriorityEntry priority) {
        priorities.put(priority.priorityId(), priority);
    }

    void save(InputSummary input) {
        inputs.put(input.inputId(), input);
    }

    void clear() {
        views.clear();
        cycles.clear();
        inputs.clear();
        priorities.clear();
    }

    private static <T> List<T> inOrder(ViewCollection collection, Collection<String> ids, Class<T> type) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Object, T> byId = collection.getAll(ids, type);
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
