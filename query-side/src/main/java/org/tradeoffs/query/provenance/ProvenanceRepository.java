package org.tradeoffs.query.provenance;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import org.tradeoffs.query.projection.WriteBatch;

/**
 * The provenance index, {@code provenance_items}: one {@link IndexedItem} per priority, opportunity, input and
 * package, {@code _id} = item id, read by {@code _id} only. Every write is one upsert that adds to a set, so an
 * event delivered twice (after a crash, or in a replay) leaves the document as it was.
 */
@Repository
public class ProvenanceRepository {

    static final String ITEMS = "provenance_items";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> items;

    public ProvenanceRepository(MongoDatabase database) {
        this.items = database.getCollection(ITEMS);
    }

    Optional<IndexedItem> item(String itemId) {
        return Optional.ofNullable(items.find(eq("_id", itemId)).first()).map(IndexedItem::of);
    }

    /** The items by {@code _id $in}, keyed by id; unknown ids are absent. */
    Map<String, IndexedItem> items(Collection<String> itemIds) {
        Map<String, IndexedItem> found = new HashMap<>();
        if (!itemIds.isEmpty()) {
            items.find(in("_id", itemIds)).forEach(document -> {
                IndexedItem item = IndexedItem.of(document);
                found.put(item.id(), item);
            });
        }
        return found;
    }

    /** Adds an event to its item (in a processor's batch, with the batch's other writes: {@link WriteBatch#write}). */
    void record(String itemId, String cycleId, ItemKind kind, IndexedItem.Entry entry) {
        WriteBatch.write(items, new UpdateOneModel<>(eq("_id", itemId), Updates.combine(identity(cycleId, kind),
                Updates.addToSet("events", entry.toDocument())), UPSERT));
    }

    /** Notes that an input's content linked to the item (in a batch, as {@link #record}). */
    void linkedBy(String itemId, String cycleId, ItemKind kind, String inputId) {
        WriteBatch.write(items, new UpdateOneModel<>(eq("_id", itemId), Updates.combine(identity(cycleId, kind),
                Updates.addToSet("linkedBy", inputId)), UPSERT));
    }

    void clear() {
        items.deleteMany(new Document());
    }

    private static Bson identity(String cycleId, ItemKind kind) {
        return Updates.combine(Updates.setOnInsert("cycleId", cycleId), Updates.setOnInsert("kind", kind.name()));
    }
}
