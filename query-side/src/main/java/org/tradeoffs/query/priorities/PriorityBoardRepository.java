package org.tradeoffs.query.priorities;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.query.projection.BatchReadAhead;
import org.tradeoffs.query.projection.BucketedIndex;
import org.tradeoffs.query.projection.ViewCollection;
import org.tradeoffs.query.projection.ViewStore;

/**
 * The priority boards, stored so that every read is by {@code _id}:
 * <ul>
 *   <li>{@code board_priorities}: one {@link PriorityView} per priority, {@code _id} = priority id. A
 *       change rewrites one small document, not the whole board.</li>
 *   <li>{@code board_cycles}: the cycle's priority ids in proposal order (appended as the single-threaded
 *       projection meets each proposal), in buckets of bounded size ({@link BucketedIndex}, field
 *       {@code priorityIds}).</li>
 * </ul>
 * Listing a board is three reads: the index document, its buckets, then {@code _id $in} their ids. One document
 * per cycle holding every view would also read by {@code _id}, but each edit would rewrite all
 * the cycle's priorities (descriptions of up to 4000 characters each).
 */
public class PriorityBoardRepository {

    static final String PRIORITIES = "board_priorities";
    static final String BOARDS = "board_cycles";

    private final ViewCollection priorities;
    private final ViewCollection boards;
    private final BucketedIndex index;

    public PriorityBoardRepository(ViewStore store) {
        // in the order a batch writes them: the priorities, which the projection checks, last
        this.boards = store.collection(BOARDS);
        this.priorities = store.collection(PRIORITIES);
        this.index = new BucketedIndex(boards, "priorityIds");
    }

    public Optional<PriorityView> priority(String priorityId) {
        BatchReadAhead.views(priorities, PriorityEvent.class, (event, position) -> event.priorityId());
        return priorities.get(priorityId, PriorityView.class);
    }

    /** The cycle's priorities in proposal order; empty for a cycle without any. */
    public List<PriorityView> board(String cycleId) {
        List<String> ids = index.values(cycleId, String.class);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Object, PriorityView> byId = priorities.getAll(ids, PriorityView.class);
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /**
     * A priority just proposed, its view at the proposal's position. Index first (a batch writes the boards before
     * the priorities): a view is only stored once its board lists it, so a crash in between is repaired on redo.
     */
    void saveProposed(PriorityView view) {
        index.add(view.cycleId(), view.position(), view.id());
        priorities.put(view.id(), view);
    }

    /** A later change of a priority its board lists already. */
    void save(PriorityView view) {
        priorities.put(view.id(), view);
    }

    void clear() {
        priorities.clear();
        boards.clear();
    }
}
