package org.tradeoffs.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * Reads the event store's commit documents directly (collection {@code events}, layout in
 * {@code OrderedMongoEventStorageEngine}): the chain attests to what is stored, so it hashes the stored text, not
 * the messages Axon deserialized (and might have upcast) from it. Reads go by {@code _id} or by the unique
 * {@code streams} key only, which mongo-java-server answers without a scan.
 */
@Repository
public class StoredEvents {

    static final String COMMITS = "events";

    private final MongoCollection<Document> commits;

    public StoredEvents(MongoDatabase database) {
        this.commits = database.getCollection(COMMITS);
    }

    /**
     * A delivered event as stored, found through its commit's unique stream key ({@code "aggregateId:sequence"}
     * for an aggregate's event, {@code "~eventId"} for any other) and then by its identifier, which gives its
     * exact position (a tracking token names the highest position delivered so far, which is not the event's own
     * when it filled a gap late).
     */
    Optional<StoredEvent> find(String streamKey, String eventIdentifier) {
        Document commit = commits.find(eq("streams", streamKey)).first();
        if (commit == null) {
            return Optional.empty();
        }
        for (Document entry : commit.getList("events", Document.class)) {
            if (eventIdentifier.equals(entry.getString("eventIdentifier"))) {
                return StoredEvent.in(commit, entry.get("position", Number.class).longValue());
            }
        }
        return Optional.empty();
    }

    /** Commit documents by {@code _id}; ids with no document are absent from the map. */
    Map<Long, Document> commits(Collection<Long> ids) {
        Map<Long, Document> found = new HashMap<>();
        if (!ids.isEmpty()) {
            commits.find(in("_id", ids)).forEach(commit -> found.put(((Number) commit.get("_id")).longValue(), commit));
        }
        return found;
    }
}
