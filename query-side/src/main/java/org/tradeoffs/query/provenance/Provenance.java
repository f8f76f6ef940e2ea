package org.tradeoffs.query.provenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.tradeoffs.query.asof.AsOf;
import org.tradeoffs.query.audit.AuditChainProjection;
import org.tradeoffs.query.audit.SealedEvents;
import org.tradeoffs.query.consistency.ReadConsistency;
import org.tradeoffs.query.consistency.TrackingProcessorsProgress;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.problem.NotReadyException;
import org.tradeoffs.query.provenance.IndexedItem.Entry;
import org.tradeoffs.query.provenance.IndexedItem.Ref;
import org.tradeoffs.query.readmodel.ReadModels;

/**
 * Assembles a decision's provenance from the index (which items, which stored events), the event store and the
 * audit chain (each event as stored, with its seal) and the as-of read models (each item as it stood).
 *
 * <p>What counts: for a priority, its own events and those of the inputs linked to it; for a package, its own
 * events (drafts, revisions, submission, rules, votes, decision), those of the priorities it invests in and the
 * opportunities it takes funding from (listing, screening, budget lines, drivers, sizings, ...), and those of the
 * inputs it lists or that are linked to one of those priorities or opportunities. "It" is the content as it stood
 * at the decision, and an input counts by its content then too: an input corrected before the decision so that it
 * no longer links an item does not count for that item. Everything is as of the last position of the decision's
 * commit, after which nothing that comes later shows.
 *
 * <p>It answers only once the index and the audit chain have both processed that position (waiting as long as a
 * {@code minPosition} read would, else 503 not-ready), so the chain is complete and every event carries its hash.
 */
@Service
public class Provenance {

    static final long RETRY_AFTER_SECONDS = 1;
    private static final List<String> PROCESSORS =
            List.of(ProvenanceProjection.PROCESSING_GROUP, AuditChainProjection.PROCESSING_GROUP);

    private final ProvenanceRepository index;
    private final SealedEvents sealedEvents;
    private final AsOf asOf;
    private final ReadConsistency indexedAndSealed;

    public Provenance(ProvenanceRepository index, SealedEvents sealedEvents, AsOf asOf,
            TrackingProcessorsProgress progress,
            @Value("${tradeoffs.consistency.max-wait:2s}") Duration maxWait,
            @Value("${tradeoffs.consistency.poll-interval:10ms}") Duration pollInterval) {
        this.index = index;
        this.sealedEvents = sealedEvents;
        this.asOf = asOf;
        this.indexedAndSealed = ReadConsistency.of(position -> progress.hasProcessed(PROCESSORS, position), maxWait,
                pollInterval);
    }

    /**
     * The provenance of the latest decision of a priority or package of the cycle.
     *
     * @throws NotFoundException when no priority or package of the cycle with that id was ever decided
     * @throws NotReadyException when the index or the audit chain has not reached the decision's commit in time
     */
    public DecisionProvenance of(String cycleId, String decisionId) {
        Entry decision = decided(cycleId, decisionId).latestDecision().orElseThrow();
        long asOfPosition = decision.commit();
        if (!indexedAndSealed.awaitProcessed(asOfPosition)) {
            throw new NotReadyException("The provenance index and the audit chain have not reached position "
                    + asOfPosition + " yet; ask again", RETRY_AFTER_SECONDS);
        }
        IndexedItem decided = decided(cycleId, decisionId);
        Scope scope = scope(decided, asOfPosition);
        ReadModels then = asOf.at(asOfPosition, AsOf.Scope.cycle(cycleId));
        DecisionProvenance.Items items = new DecisionProvenance.Items(
                present(scope.priorities(), id -> then.priorities().priority(id)),
                present(scope.opportunities(), id -> then.savings().opportunity(id)),
                present(scope.inputs(), id -> then.inputs().input(id)),
                decided.kind() == ItemKind.TRADEOFF ? then.tradeoffs().tradeoff(decisionId).orElse(null) : null);
        return new DecisionProvenance(decisionId, cycleId,
                decided.kind() == ItemKind.TRADEOFF ? DecisionProvenance.Kind.TRADEOFF : DecisionProvenance.Kind.PRIORITY,
                decision.outcome(), decision.time(), decision.actor(), decision.position(), asOfPosition,
                events(scope.all(), asOfPosition), items);
    }

    private IndexedItem decided(String cycleId, String decisionId) {
        return index.item(decisionId)
                .filter(item -> cycleId.equals(item.cycleId()))
                .filter(item -> item.kind() == ItemKind.PRIORITY || item.kind() == ItemKind.TRADEOFF)
                .filter(item -> item.latestDecision().isPresent())
                .orElseThrow(() -> new NotFoundException("No decided priority or tradeoff package " + decisionId
                        + " in cycle " + cycleId));
    }

    /** The items of a decision, each list in its display order. */
    private record Scope(IndexedItem decided, List<IndexedItem> priorities, List<IndexedItem> opportunities,
                         List<IndexedItem> inputs) {

        List<IndexedItem> all() {
            List<IndexedItem> all = new ArrayList<>(priorities);
            all.addAll(opportunities);
            all.addAll(inputs);
            if (decided.kind() == ItemKind.TRADEOFF) {
                all.add(decided);
            }
            return all;
        }
    }

    private Scope scope(IndexedItem decided, long asOfPosition) {
        List<IndexedItem> priorities;
        List<IndexedItem> opportunities;
        Set<String> considered = new LinkedHashSet<>();
        if (decided.kind() == ItemKind.PRIORITY) {
            priorities = List.of(decided);
            opportunities = List.of();
        } else {
            List<Ref> content = decided.refsAt(asOfPosition);
            priorities = known(decided.cycleId(), ids(content, ItemKind.PRIORITY), ItemKind.PRIORITY, asOfPosition);
            opportunities = known(decided.cycleId(), ids(content, ItemKind.OPPORTUNITY), ItemKind.OPPORTUNITY,
                    asOfPosition);
            considered.addAll(ids(content, ItemKind.INPUT));
        }
        Set<String> linkable = new LinkedHashSet<>();
        priorities.forEach(item -> linkable.add(item.id()));
        opportunities.forEach(item -> linkable.add(item.id()));
        Set<String> candidates = new LinkedHashSet<>(considered);
        priorities.forEach(item -> candidates.addAll(item.linkedBy()));
        opportunities.forEach(item -> candidates.addAll(item.linkedBy()));
        List<IndexedItem> inputs = known(decided.cycleId(), candidates, ItemKind.INPUT, asOfPosition).stream()
                .filter(input -> considered.contains(input.id()) || input.refsAt(asOfPosition).stream()
                        .anyMatch(ref -> linkable.contains(ref.id())))
                .sorted(Comparator.comparingLong(input -> input.upTo(asOfPosition).get(0).position()))
                .toList();
        return new Scope(decided, priorities, opportunities, inputs);
    }

    private static List<String> ids(List<Ref> refs, ItemKind kind) {
        return refs.stream().filter(ref -> ref.kind() == kind).map(Ref::id).distinct().toList();
    }

    /** The indexed items of that kind in the cycle that existed at the position, in the order of the ids. */
    private List<IndexedItem> known(String cycleId, Collection<String> ids, ItemKind kind, long asOfPosition) {
        Map<String, IndexedItem> found = index.items(ids);
        return ids.stream()
                .map(found::get)
                .filter(Objects::nonNull)
                .filter(item -> item.kind() == kind && cycleId.equals(item.cycleId()))
                .filter(item -> !item.upTo(asOfPosition).isEmpty())
                .toList();
    }

    private List<DecisionProvenance.Event> events(List<IndexedItem> items, long asOfPosition) {
        Map<Long, Located> byPosition = new LinkedHashMap<>();
        for (IndexedItem item : items) {
            for (Entry entry : item.upTo(asOfPosition)) {
                byPosition.putIfAbsent(entry.position(), new Located(item, entry));
            }
        }
        Map<Long, SealedEvents.Event> stored = sealedEvents.read(byPosition.values().stream()
                .map(located -> new SealedEvents.Location(located.entry().position(), located.entry().commit()))
                .toList());
        return byPosition.values().stream()
                .sorted(Comparator.comparingLong(located -> located.entry().position()))
                .map(located -> view(located, stored.get(located.entry().position())))
                .toList();
    }

    private record Located(IndexedItem item, Entry entry) {
    }

    private static DecisionProvenance.Event view(Located located, SealedEvents.Event stored) {
        Entry entry = located.entry();
        Optional<SealedEvents.Event> event = Optional.ofNullable(stored);
        return new DecisionProvenance.Event(entry.position(), event.map(SealedEvents.Event::time).orElse(null),
                event.map(SealedEvents.Event::actor).orElse(null), entry.type(), located.item().kind(),
                located.item().id(), event.map(SealedEvents.Event::payloadType).orElse(null),
                event.map(SealedEvents.Event::payload).orElse(null),
                event.map(SealedEvents.Event::format).orElse(null),
                event.map(SealedEvents.Event::filing).orElse(null),
                event.map(SealedEvents.Event::previousHash).orElse(null),
                event.map(SealedEvents.Event::hash).orElse(null));
    }

    private static <T> List<T> present(List<IndexedItem> items, Function<String, Optional<T>> view) {
        return items.stream().map(item -> view.apply(item.id())).flatMap(Optional::stream).toList();
    }
}
