package org.tradeoffs.query.live;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import org.tradeoffs.query.live.CycleTopic.Kind;
import org.tradeoffs.query.projection.WriteBatch;

/**
 * Every live change as it was pushed, kept so that a client that missed some catches up with exactly the frames it
 * missed: collection {@code live_changes}, one document per change,
 * {@code {_id: position * 8 + topic kind, cycleId, topic, position, frame: "<the frame's JSON>"}}. An event changes
 * each topic at most once, so the id is unique, and a redelivered event finds its change already there. Reads go by
 * {@code _id $in} over a window of positions (a range query would scan the collection on mongo-java-server); a window
 * costs as many lookups as it has positions times topics, whatever the size of the log.
 */
@Repository
public class ChangeLog {

    static final String COLLECTION = "live_changes";
    private static final int KINDS = 8;
    /** Positions looked up per query: frames of a few KB each keep a reply far below MongoDB's 48 MB limit. */
    private static final int WINDOW = 256;

    private final MongoCollection<Document> changes;

    public ChangeLog(MongoDatabase database) {
        this.changes = database.getCollection(COLLECTION);
    }

    /** A change as stored: its frame is the exact JSON text pushed to subscribers. */
    public record Change(long position, Kind kind, String cycleId, String frame) {
    }

    /**
     * Stores a change; in a processor's batch with the batch's other changes, once its views are written (see
     * {@link WriteBatch#insertOnce}). A change stored already (its event delivered again) stays as it is.
     */
    void record(CycleTopic topic, long position, String frame) {
        Document document = new Document("_id", id(position, topic.kind()))
                .append("cycleId", topic.cycleId())
                .append("topic", topic.kind().path())
                .append("position", position)
                .append("frame", frame);
        WriteBatch.insertOnce(changes, document);
    }

    /**
     * The changes of these kinds after {@code after} up to and including {@code upTo}, of one cycle or (null) of
     * every cycle, in position order then kind order; at most {@code limit}.
     */
    public List<Change> read(String cycleId, Set<Kind> kinds, long after, long upTo, int limit) {
        List<Change> found = new ArrayList<>();
        if (after >= upTo) {
            return found;
        }
        for (long from = after + 1; from <= upTo && found.size() < limit; from += WINDOW) {
            long to = Math.min(upTo, from + WINDOW - 1);
            List<Long> ids = new ArrayList<>();
            for (long position = from; position <= to; position++) {
                for (Kind kind : kinds) {
                    ids.add(id(position, kind));
                }
            }
            List<Change> window = new ArrayList<>();
            for (Document document : changes.find(in("_id", ids))) {
                if (cycleId == null || cycleId.equals(document.getString("cycleId"))) {
                    window.add(change(document));
                }
            }
            window.sort(Comparator.comparingLong(Change::position).thenComparing(Change::kind));
            found.addAll(window.subList(0, Math.min(window.size(), limit - found.size())));
        }
        return found;
    }

    private static long id(long position, Kind kind) {
        return position * KINDS + kind.ordinal();
    }

    private static Change change(Document document) {
        long id = document.get("_id", Number.class).longValue();
        return new Change(id / KINDS, Kind.values()[(int) (id % KINDS)], document.getString("cycleId"),
                document.getString("frame"));
    }
}
