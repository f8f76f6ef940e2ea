package org.tradeoffs.query.priorities;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import org.tradeoffs.query.projection.ViewDocuments;

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
@Repository
public class PriorityBoardRepository {

    static final String PRIORITIES = "board_priorities";
    static final String BOARDS = "board_cycles";

    private final MongoCollection<Document> priorities;
    private final MongoCollection<Document> boards;

    public PriorityBoardRepository(MongoDatabase database) {
        this.priorities = database.getCollection(PRIORITIES);
        this.boards = database.getCollection(BOARDS);
    }

    public Optional<PriorityView> priority(String priorityId) {
        return Optional.ofNullable(priorities.find(eq("_id", priorityId)).first())
                .map(document -> ViewDocuments.fromDocument(document, PriorityView.class));
    }

    /** The cycle's priorities in proposal order; empty for a cycle without any. */
    public List<PriorityView> board(String cycleId) {
        Document board = boards.find(eq("_id", cycleId)).first();
        if (board == null) {
            return List.of();
        }
        List<String> ids = board.getList("priorityIds", String.class);
        Map<Object, Document> byId = new HashMap<>();
        priorities.find(in("_id", ids)).forEach(document -> byId.put(document.get("_id"), document));
        return ids.stream()
                .map(byId::get)
                .filter(Objects::nonNull)
                .map(document -> ViewDocuments.fromDocument(document, PriorityView.class))
                .toList();
    }

    /** Index first: a view is only stored once its board lists it, so a crash in between is repaired on redo. */
    void save(PriorityView view) {
        boards.updateOne(eq("_id", view.cycleId()), Updates.addToSet("priorityIds", view.id()),
                new UpdateOptions().upsert(true));
        priorities.replaceOne(eq("_id", view.id()), ViewDocuments.toDocument(view.id(), view),
                new ReplaceOptions().upsert(true));
    }

    void clear() {
        priorities.deleteMany(new Document());
        boards.deleteMany(new Document());
    }
}
