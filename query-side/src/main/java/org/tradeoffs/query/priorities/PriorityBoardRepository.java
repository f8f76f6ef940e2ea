package org.tradeoffs.query.priorities;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.query.projection.BatchReadAhead;
import org.tradeoffs.query.projection.ViewCollection;
import org.tradeoffs.query.projection.ViewStore;

/**
 * The priority boards, stored so that every read is by {@code _id}:
 * <ul>
 *   <li>{@code board_priorities}: one {@link PriorityView} per priority, {@code _id} = priority id. A
 *       change rewrites one small document, not the whole board.</li>
 *   <li>{@code board_cycles}: {@code {_id: cycleId, priorityIds: [...]}}, the cycle's priorities in
 *       proposal order (appended as the single-threaded projection meets each proposal).</li>
 * </ul>
 * Listing a board is two reads: the index document, then {@code _id $in} its ids. One document
 * per cycle holding every view would also read by {@code _id}, but each edit would rewrite all
 * the cycle's priorities (descriptions of up to 4000 characters each).
 */
public class PriorityBoardRepository {

    static final String PRIORITIES = "board_priorities";
    static final String BOARDS = "board_cycles";

    private final ViewCollection priorities;
    private final ViewCollection boards;

    public PriorityBoardRepository(ViewStore store) {
        this.priorities = store.collection(PRIORITIES);
        this.boards = store.collection(BOARDS);
    }

    public Optional<PriorityView> priority(String priorityId) {
        BatchReadAhead.views(priorities, PriorityEvent.class, (event, position) -> event.priorityId());
        return priorities.get(priorityId, PriorityView.class);
    }

    /** The cycle's priorities in proposal order; empty for a cycle without any. */
    public List<PriorityView> board(String cycleId) {
        Document board = boards.get(cycleId).orElse(null);
        if (board == null) {
            return List.of();
        }
        List<String> ids = board.getList("priorityIds", String.class);
        Map<Object, PriorityView> byId = priorities.getAll(ids, PriorityView.class);
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** Index first: a view is only stored once its board lists it, so a crash in between is repaired on redo. */
    void save(PriorityView view) {
        boards.addToSet(view.cycleId(), "priorityIds", view.id());
        priorities.put(view.id(), view);
    }

    void clear() {
        priorities.clear();
        boards.clear();
    }
}
