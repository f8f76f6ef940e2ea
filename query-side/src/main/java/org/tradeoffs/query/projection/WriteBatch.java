package org.tradeoffs.query.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes a processor thread makes while it handles one batch of events, kept in memory and written at the end of
 * the batch, before the processor stores its token: a document changed by every event of a busy batch (a cycle's
 * board index, its savings pipeline) is written once per batch instead of once per event. Reads on the processor's
 * thread see the batch's own writes; every other thread reads what MongoDB holds, which is the state at the last
 * completed batch, the one its token names.
 *
 * <p>Repositories that write MongoDB themselves (not through a view overlay) hand their writes to the batch too
 * ({@link #write}, {@link #insertOnce}): one request per collection at the end of the batch instead of one per event.
 */
public final class WriteBatch {

    private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** Per physical collection: the documents read or written in this batch, by id; dirty ones get written. */
    private final Map<String, Overlay> overlays = new LinkedHashMap<>();
    /** Per collection and kind: the writes handed to the batch, in the order given. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** What {@link BatchReadAhead} has read ahead in this batch already. */
    private final Set<Object> readAhead = new HashSet<>();

    private WriteBatch() {
    }

    /** The batch open on this thread, if any. */
    static WriteBatch current() {
        return CURRENT.get();
    }

    /** Opens a batch on this thread unless one is open; answers the open one. */
    public static WriteBatch open() {
        WriteBatch batch = CURRENT.get();
        if (batch == null) {
            batch = new WriteBatch();
            CURRENT.set(batch);
        }
        return batch;
    }

    /** Writes everything and closes the batch; a later write on this thread goes straight to MongoDB again. */
    public static void flushOpen() {
        WriteBatch batch = CURRENT.get();
        if (batch != null) {
            CURRENT.remove();
            batch.flush();
        }
    }

    /** Forgets what the batch holds (its unit of work rolled back). */
    public static void discardOpen() {
        CURRENT.remove();
    }

    /**
     * Applies the write at the end of the batch, before its views are written (see {@link #flush}), with the batch's
     * other writes to that collection, in order, in one request; it must leave the same document when applied again.
     * Outside a batch, now.
     */
    public static void write(MongoCollection<Document> collection, WriteModel<Document> write) {
        hand(collection, false, write);
    }

    /**
     * Inserts the document at the end of the batch, before its views are written, with the batch's other inserts into
     * that collection in one request; a document whose {@code _id} is stored already stays as it is (the batch was
     * delivered before and failed after writing it). Outside a batch, now.
     */
    public static void insertOnce(MongoCollection<Document> collection, Document document) {
        hand(collection, true, new InsertOneModel<>(document));
    }

    /** Hands the write to the open batch; outside a batch writes it now, the same way. */
    private static void hand(MongoCollection<Document> collection, boolean insertsOnce, WriteModel<Document> write) {
        WriteBatch batch = CURRENT.get();
        Pending pending = batch == null ? new Pending(collection, insertsOnce) : batch.pending(collection, insertsOnce);
        pending.writes.add(write);
        if (batch == null) {
            pending.write();
        }
    }

    /** The batch's overlay of a collection, written at the end of the batch in its {@code writeOrder}, lowest first. */
    Overlay overlay(String physicalName, MongoCollection<Document> collection, int writeOrder) {
        return overlays.computeIfAbsent(physicalName, name -> new Overlay(collection, writeOrder));
    }

    /** Whether this is the first time in the batch that the key is read ahead. */
    boolean firstReadAhead(Object key) {
        return readAhead.add(key);
    }

    private Pending pending(MongoCollection<Document> collection, boolean insertsOnce) {
        return pending.computeIfAbsent(collection.getNamespace().getFullName() + (insertsOnce ? " inserts" : " writes"),
                key -> new Pending(collection, insertsOnce));
    }

    /**
     * Writes the batch. First what was handed to it, which leaves the same documents when written again (the live
     * changes it pushed, which the live feed reads only up to the processor's token; provenance); then the views, in
     * the order of their collections ({@link ViewStore#collection}), the ones the projections' "applied already"
     * checks read last. A batch that stops halfway is delivered again from the token: every event whose checked view
     * was not written is applied again, and pushes its change again, which is then found stored already.
     */
    private void flush() {
        pending.values().forEach(Pending::write);
        overlays.values().stream().sorted(Comparator.comparingInt(Overlay::writeOrder)).forEach(Overlay::write);
    }

    /** Writes handed to the batch for one collection: in order, or inserts whose duplicates are left as stored. */
    private record Pending(MongoCollection<Document> collection, boolean insertsOnce,
            List<WriteModel<Document>> writes) {

        Pending(MongoCollection<Document> collection, boolean insertsOnce) {
            this(collection, insertsOnce, new ArrayList<>());
        }

        void write() {
            if (!insertsOnce) {
                collection.bulkWrite(writes);
                return;
            }
            try {
                // unordered: every insert is tried, a duplicate does not stop the ones after it
                collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                if (!onlyDuplicates(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean onlyDuplicates(MongoBulkWriteException e) {
        return e.getWriteConcernError() == null && e.getWriteErrors().stream()
                .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    /**
     * One collection's views in this batch, each held as the object or the document it was stored or read as, and
     * converted to the other at most once: an object stored in the batch is converted when the batch is written.
     * A null value records that the view does not exist. A document the batch changed only by adding to sets (an
     * index of a cycle's priorities or positions, which grows with the cycle) is written as those additions
     * ({@code $addToSet} with {@code $each}), not whole, and is not even read unless the batch reads it: its size does
     * not make every batch that touches it dearer.
     */
    static final class Overlay {

        private static final UpdateOptions UPSERT_UPDATE = new UpdateOptions().upsert(true);

        private final MongoCollection<Document> collection;
        private final int writeOrder;
        private final Map<Object, HeldView> views = new LinkedHashMap<>();
        /** Written whole. */
        private final Set<Object> dirty = new LinkedHashSet<>();
        /** Read from MongoDB in this batch and not found: written whole, such a view is inserted, not upserted. */
        private final Set<Object> absent = new HashSet<>();
        /** Changed only by adding to sets: the values added, by field, in order. */
        private final Map<Object, Map<String, List<Object>>> addedToSets = new LinkedHashMap<>();
        /** The {@code _id} of each document added to without being read. */
        private final Map<Object, Object> unreadIds = new HashMap<>();

        Overlay(MongoCollection<Document> collection, int writeOrder) {
            this.collection = collection;
            this.writeOrder = writeOrder;
        }

        int writeOrder() {
            return writeOrder;
        }

        /** Whether the batch holds a view it wrote (so owns). */
        boolean owns(Object key) {
            return views.containsKey(key) && (dirty.contains(key) || addedToSets.containsKey(key));
        }

        boolean knows(Object key) {
            return views.containsKey(key);
        }

        /** The view known under the key, or null. */
        HeldView get(Object key) {
            return views.get(key);
        }

        /**
         * Remembers what MongoDB holds (null: nothing), unless the batch knows the view already; with what the batch
         * added to its sets unread, if it did.
         */
        void remember(Object key, Document document) {
            if (views.containsKey(key)) {
                return;
            }
            Map<String, List<Object>> added = addedToSets.get(key);
            if (added == null) {
                views.put(key, document == null ? null : HeldView.ofDocument(document));
                if (document == null) {
                    absent.add(key);
                }
                return;
            }
            Document held = document == null ? new Document("_id", unreadIds.get(key)) : new Document(document);
            added.forEach((field, values) -> {
                List<Object> set = new ArrayList<>();
                if (held.get(field) instanceof List<?> stored) {
                    set.addAll(stored);
                }
                values.stream().filter(value -> !set.contains(value)).forEach(set::add);
                held.put(field, set);
            });
            views.put(key, HeldView.ofDocument(held));
        }

        /**
         * Adds to a set of a document the batch has not read, without reading it: {@code $addToSet} adds a value at
         * most once, whatever the document holds. Should the batch read the document, it sees the additions.
         */
        void addUnread(Object key, Object id, String field, Object value) {
            unreadIds.put(key, id);
            addedToSets.computeIfAbsent(key, unread -> new LinkedHashMap<>())
                    .computeIfAbsent(field, name -> new ArrayList<>()).add(value);
        }

        /** The view, to be written whole. */
        void put(Object key, HeldView view) {
            views.put(key, view);
            dirty.add(key);
            addedToSets.remove(key);
        }

        /** The batch's own copy of a document that it is about to add to a set of. */
        void own(Object key, HeldView view) {
            views.put(key, view);
            addedToSets.put(key, new LinkedHashMap<>());
        }

        /** A value the batch added to an array field of a document it owns (written whole anyway if put). */
        void addedToSet(Object key, String field, Object value) {
            Map<String, List<Object>> fields = addedToSets.get(key);
            if (fields != null) {
                fields.computeIfAbsent(field, name -> new ArrayList<>()).add(value);
            }
        }

        /**
         * One request for the batch's views. A view the batch found absent is inserted: in mongo-java-server an upsert
         * first looks for the document and then builds a new one from the filter and the replacement, a tenth of the
         * embedded store's time in the 8-thread phase of the live benchmark. Should one be there after all (written
         * meanwhile by something other than this processor), the whole request is made again as upserts, which
         * leave the same views whether or not part of it was applied.
         */
        private void write() {
            List<WriteModel<Document>> writes = writes(true);
            if (writes.isEmpty()) {
                return;
            }
            try {
                collection.bulkWrite(writes);
            } catch (MongoBulkWriteException e) {
                if (!onlyDuplicates(e)) {
                    throw e;
                }
                collection.bulkWrite(writes(false));
            }
        }

        private List<WriteModel<Document>> writes(boolean insertAbsent) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Object key : dirty) {
                Document document = views.get(key).document();
                writes.add(insertAbsent && absent.contains(key) ? new InsertOneModel<>(document)
                        : new ReplaceOneModel<>(new Document("_id", key), document, UPSERT));
            }
            addedToSets.forEach((key, fields) -> {
                List<Bson> additions = fields.entrySet().stream()
                        .map(field -> Updates.addEachToSet(field.getKey(), field.getValue())).toList();
                if (!additions.isEmpty()) {
                    Object id = unreadIds.containsKey(key) ? unreadIds.get(key) : views.get(key).document().get("_id");
                    writes.add(new UpdateOneModel<>(new Document("_id", id), Updates.combine(additions),
                            UPSERT_UPDATE));
                }
            });
            return writes;
        }
    }
}
