package org.tradeoffs.query.presence;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * Who is present where, shared by every query-side instance: collection {@value #COLLECTION}, one document per STOMP
 * session and cycle, {@code {_id, cycleId, user, connection, instance, viewing: {kind, id} | null, editing, since,
 * seenAt}}. Presence is ephemeral: it never enters the event store, and a document whose {@code seenAt} is older than
 * the timeout counts as gone.
 */
@Repository
public class PresenceStore {

    static final String COLLECTION = "presence";
    private static final int REFRESH_BATCH = 100;

    private final MongoCollection<Document> presence;

    public PresenceStore(MongoDatabase database) {
        this.presence = database.getCollection(COLLECTION);
    }

    void save(Presence entry) {
        presence.replaceOne(eq("_id", entry.id()), document(entry), new ReplaceOptions().upsert(true));
    }

    void delete(Collection<String> ids) {
        if (!ids.isEmpty()) {
            presence.deleteMany(in("_id", ids));
        }
    }

    /**
     * Marks these documents as still there; answers how many of them exist. One update by {@code _id} each, sent
     * {@value #REFRESH_BATCH} at a time. As one {@code updateMany} with {@code _id $in} the embedded store matched
     * every document it updated against the whole list again (mongo-java-server looks for the array position a query
     * matched), so refreshing n sessions cost n² comparisons: 86-99 ms for 1,000 sessions and 266-282 ms for 2,000
     * in one request, against 51-60 and 51-79 ms by {@code _id} in batches (94-112 ms for 4,000), the longest batch
     * 4-15 ms (the embedded store on the Intel Xeon machine of the benchmark's log, warm). In batches, no request
     * holds the store's thread, which serves other connections' requests too, for long.
     */
    long refresh(Collection<String> ids, Instant now) {
        Bson seen = set("seenAt", Date.from(now));
        List<UpdateOneModel<Document>> updates = ids.stream()
                .map(id -> new UpdateOneModel<Document>(eq("_id", id), seen))
                .toList();
        long matched = 0;
        for (int from = 0; from < updates.size(); from += REFRESH_BATCH) {
            List<UpdateOneModel<Document>> batch = updates.subList(from, Math.min(from + REFRESH_BATCH, updates.size()));
            matched += presence.bulkWrite(batch, new BulkWriteOptions().ordered(false)).getMatchedCount();
        }
        return matched;
    }

    /** The whole collection: one read per poll, cheap for thousands of sessions. */
    List<Presence> all() {
        List<Presence> all = new ArrayList<>();
        for (Document document : presence.find()) {
            all.add(presence(document));
        }
        return all;
    }

    private static Document document(Presence entry) {
        return new Document("_id", entry.id())
                .append("cycleId", entry.cycleId())
                .append("user", entry.user())
                .append("connection", entry.connection())
                .append("instance", entry.instance())
                .append("viewing", item(entry.viewing()))
                .append("editing", item(entry.editing()))
                .append("since", Date.from(entry.since()))
                .append("seenAt", Date.from(entry.seenAt()));
    }

    private static Document item(PresenceItem item) {
        return item == null ? null : new Document("kind", item.kind()).append("id", item.id());
    }

    private static Presence presence(Document document) {
        return new Presence(document.getString("_id"), document.getString("cycleId"), document.getString("user"),
                document.getString("connection"), document.getString("instance"),
                item(document.get("viewing", Document.class)), item(document.get("editing", Document.class)),
                document.getDate("since").toInstant(), document.getDate("seenAt").toInstant());
    }

    private static PresenceItem item(Document document) {
        return document == null ? null : new PresenceItem(document.getString("kind"), document.getString("id"));
    }
}
