package org.tradeoffs.query.live;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import org.tradeoffs.query.live.CycleTopic.Kind;
import org.tradeoffs.query.projection.WriteBatch;

/**
 * Every live change as it was pushed, kept so that a client that missed some catches up with exactly the frames it
 * missed: collection {@code live_changes}, one document per change,
 * {@code {_id: position * 8 + topic kind, cycleId, topic, position, frame: "<the frame's JSON>"}}. An event changes
 * each topic at most once, so the id is unique, and a redelivered event finds its change already there.
 *
 * <p>The feed's reads of every cycle go by {@code _id $in} over a window of positions (a range query would scan the
 * collection on mongo-java-server): a window costs as many lookups as it has positions times topics, whatever the
 * size of the log. One cycle's changes (a catch-up, {@code GET /changes}) are read by the index {@code cycle_id}
 * ({@code cycleId, _id}) over a range of ids, in windows of positions each twice as wide as the one before: a quiet
 * cycle in a busy store is read in a few queries, not by walking every position since {@code after}; the
 * embedded store serves the index from memory ({@code TextFieldIndex}).
 */
@Repository
public class ChangeLog {

    static final String COLLECTION = "live_changes";
    private static final int KINDS = 8;
    /** The largest kind an id can name: an id above {@code id(p, LAST_KIND)} is of a position after p. */
    private static final int LAST_KIND = KINDS - 1;
    /** Positions looked up per query: frames of a few KB each keep a reply far below MongoDB's 48 MB limit. */
    private static final int WINDOW = 256;
    /** A cycle's window of positions grows to at most so many. */
    private static final long MAX_CYCLE_WINDOW = 1L << 24;

    private final MongoCollection<Document> changes;

    public ChangeLog(MongoDatabase database) {
        this.changes = database.getCollection(COLLECTION);
        changes.createIndex(Indexes.ascending("cycleId", "_id"), new IndexOptions().name("cycle_id"));
    }

    /** A change as stored: its frame is the exact JSON text pushed to subscribers. */
    public record Change(long position, Kind kind, String cycleId, String frame) {
    }

    /** The positions after {@code after} up to and including {@code upTo}. */
    public record Range(long after, long upTo) {
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
        if (after >= upTo) {
            return new ArrayList<>();
        }
        return cycleId == null ? readAll(kinds, after, upTo, limit) : readCycle(cycleId, kinds, after, upTo, limit);
    }

    /**
     * Each kind's changes of every cycle in its own range of positions, by kind in position order, at most
     * {@code limit} of each: in one query when no range is longer than a window of positions or the limit (the live
     * feed's rounds, whose topics' processors are each a few positions further than in the round before), else a kind
     * at a time.
     */
    public Map<Kind, List<Change>> readEach(Map<Kind, Range> ranges, int limit) {
        Map<Kind, List<Change>> found = new EnumMap<>(Kind.class);
        long longest = Math.min(WINDOW, limit);
        if (ranges.values().stream().anyMatch(range -> range.upTo() - range.after() > longest)) {
            ranges.forEach((kind, range) ->
                    found.put(kind, read(null, Set.of(kind), range.after(), range.upTo(), limit)));
            return found;
        }
        List<Long> ids = new ArrayList<>();
        ranges.forEach((kind, range) -> {
            found.put(kind, new ArrayList<>());
            for (long position = range.after() + 1; position <= range.upTo(); position++) {
                ids.add(id(position, kind));
            }
        });
        byIds(ids).forEach(change -> found.get(change.kind()).add(change));
        found.values().forEach(kind -> kind.sort(Comparator.comparingLong(Change::position)));
        return found;
    }

    /**
     * One cycle's changes by its index, a window of positions at a time: the first as wide as the changes asked for,
     * each next one twice as wide as the one before.
     */
    private List<Change> readCycle(String cycleId, Set<Kind> kinds, long after, long upTo, int limit) {
        List<Change> found = new ArrayList<>();
        Bson topics = kinds.size() == Kind.values().length ? null
                : in("topic", kinds.stream().map(Kind::path).toList());
        long window = Math.max(1, limit);
        for (long from = after; from < upTo && found.size() < limit; ) {
            long to = upTo - from <= window ? upTo : from + window;
            List<Bson> conditions = new ArrayList<>(List.of(eq("cycleId", cycleId),
                    gt("_id", id(from, LAST_KIND)), lte("_id", id(to, LAST_KIND))));
            if (topics != null) {
                conditions.add(topics);
            }
            changes.find(and(conditions)).sort(ascending("_id")).limit(limit - found.size())
                    .forEach(document -> found.add(change(document)));
            window = Math.min(MAX_CYCLE_WINDOW, window * 2);
            from = to;
        }
        return found;
    }

    /** Every cycle's changes, by {@code _id $in} over windows of positions. */
    private List<Change> readAll(Set<Kind> kinds, long after, long upTo, int limit) {
        List<Change> found = new ArrayList<>();
        for (long from = after + 1; from <= upTo && found.size() < limit; from += WINDOW) {
            long to = Math.min(upTo, from + WINDOW - 1);
            List<Long> ids = new ArrayList<>();
            for (long position = from; position <= to; position++) {
                for (Kind kind : kinds) {
                    ids.add(id(position, kind));
                }
            }
            List<Change> window = byIds(ids);
            window.sort(Comparator.comparingLong(Change::position).thenComparing(Change::kind));
            found.addAll(window.subList(0, Math.min(window.size(), limit - found.size())));
        }
        return found;
    }

    /** The changes stored under these ids, in no particular order. */
    private List<Change> byIds(List<Long> ids) {
        List<Change> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (Document document : changes.find(in("_id", ids))) {
                found.add(change(document));
            }
        }
        return found;
    }

    private static long id(long position, Kind kind) {
        return id(position, kind.ordinal());
    }

    private static long id(long position, int kind) {
        return position * KINDS + kind;
    }

    private static Change change(Document document) {
        long id = document.get("_id", Number.class).longValue();
        return new Change(id / KINDS, Kind.values()[(int) (id % KINDS)], document.getString("cycleId"),
                document.getString("frame"));
    }
}
