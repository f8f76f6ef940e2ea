package org.tradeoffs.query.savings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tradeoffs.query.projection.ViewCollection;
import org.tradeoffs.query.projection.ViewStore;
import org.tradeoffs.query.readmodel.DeferrableSummaries;
import org.tradeoffs.query.readmodel.DeferredCycles;

/**
 * The savings read model, stored so that every read is by {@code _id}:
 * <ul>
 *   <li>{@code savings_opportunities}: one {@link OpportunityDetail} per opportunity, {@code _id} =
 *       opportunity id; its {@code position} is the idempotency guard.</li>
 *   <li>{@code savings_cycles}: one document per cycle, {@code _id} = cycle id:
 *       {@code {opportunityIds: [...], opportunities: [{opportunity: OpportunitySummary, overdueMilestones: [...]}],
 *       pipeline: SavingsPipeline}}, all ordered by opportunity number.</li>
 * </ul>
 * The cycle document carries each opportunity's summary, so the list is one read and the pipeline is
 * recomputed on every event (during a replay, once at its end) from that document alone, without reading the detail documents (budget
 * lines, sizing history, ...) of the cycle's other opportunities. It stays small: a catalog cycle
 * holds 31 summaries of a few hundred bytes each.
 */
public class SavingsRepository {

    static final String OPPORTUNITIES = "savings_opportunities";
    static final String CYCLES = "savings_cycles";

    private static final Comparator<CycleEntry> BY_NUMBER = Comparator
            .comparingInt((CycleEntry entry) -> entry.opportunity().number())
            .thenComparing(entry -> entry.opportunity().id());

    private final ViewCollection opportunities;
    private final ViewCollection cycles;
    private final DeferredCycles deferred = new DeferredCycles();

    public SavingsRepository(ViewStore store) {
        // in the order a batch writes them: the opportunities, which the projection checks, last
        this.cycles = store.collection(CYCLES);
        this.opportunities = store.collection(OPPORTUNITIES);
    }

    public Optional<OpportunityDetail> opportunity(String opportunityId) {
        return opportunities.get(opportunityId, OpportunityDetail.class);
    }

    /** The cycle's opportunities by number; empty for a cycle without any. */
    public List<OpportunitySummary> opportunities(String cycleId) {
        return entries(cycle(cycleId)).stream().map(CycleEntry::opportunity).toList();
    }

    /** The cycle's pipeline; empty until the first opportunity event of the cycle was applied. */
    public Optional<SavingsPipeline> pipeline(String cycleId) {
        return Optional.ofNullable(cycle(cycleId)).map(SavingsCycle::pipeline);
    }

    /**
     * Stores the opportunity and recomputes its cycle's pipeline, which it returns. Cycle first, detail
     * last: the detail's position marks the event as applied, and redoing an event after a crash in
     * between rewrites the same cycle document. While pipelines are deferred, the cycle keeps its pipeline as it
     * was, at the new position, and that is what it returns.
     */
    SavingsPipeline save(OpportunityDetail detail) {
        SavingsCycle stored = cycle(detail.cycleId());
        List<CycleEntry> entries = new ArrayList<>(entries(stored));
        long position = detail.position();
        if (stored != null && stored.pipeline() != null) {
            position = Math.max(position, stored.pipeline().position());
        }
        entries.removeIf(entry -> entry.opportunity().id().equals(detail.id()));
        entries.add(CycleEntry.of(detail));
        entries.sort(BY_NUMBER);
        SavingsPipeline pipeline;
        if (!deferred.deferring()) {
            pipeline = SavingsPipeline.of(detail.cycleId(), entries, position);
        } else {
            deferred.touched(detail.cycleId());
            pipeline = (stored == null || stored.pipeline() == null ? SavingsPipeline.empty(detail.cycleId())
                    : stored.pipeline()).at(position);
        }
        SavingsCycle cycle = new SavingsCycle(
                entries.stream().map(entry -> entry.opportunity().id()).toList(), List.copyOf(entries), pipeline);
        cycles.put(detail.cycleId(), cycle);
        opportunities.put(detail.id(), detail);
        return pipeline;
    }

    /** Leaves pipelines stale until {@link #completePipelines()} (see {@link DeferrableSummaries}). */
    void deferPipelines() {
        deferred.defer();
    }

    /** Computes the pipeline of every cycle saved since {@link #deferPipelines()}, and stops deferring. */
    void completePipelines() {
        deferred.complete(cycleId -> {
            SavingsCycle stored = cycle(cycleId);
            cycles.put(cycleId, new SavingsCycle(stored.opportunityIds(), stored.opportunities(),
                    SavingsPipeline.of(cycleId, entries(stored), stored.pipeline().position())));
        });
    }

    void clear() {
        opportunities.clear();
        cycles.clear();
    }

    private SavingsCycle cycle(String cycleId) {
        return cycles.get(cycleId, SavingsCycle.class).orElse(null);
    }

    private static List<CycleEntry> entries(SavingsCycle cycle) {
        return cycle == null || cycle.opportunities() == null ? List.of() : cycle.opportunities();
    }

    /** The stored shape of {@code savings_cycles}. */
    record SavingsCycle(List<String> opportunityIds, List<CycleEntry> opportunities, SavingsPipeline pipeline) {
    }
}
