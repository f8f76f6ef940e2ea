package org.tradeoffs.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The writes a processor thread makes while it handles one batch of events, kept in memory and written at the end of
 * the batch, before the processor stores its token: a document changed by every event of a busy batch (a cycle's
 * board index, its savings pipeline) is written once per batch instead of once per event. Reads on the processor's
 * thread see the batch's own writes; every other thread reads what MongoDB holds, which is the state at the last
 * completed batch, the one its token names.
 */
public final class WriteBatch {

    private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** Per physical collection: the documents read or written in this batch, by id; dirty ones get written. */
    private final Map<String, Overlay> overlays = new LinkedHashMap<>();
    private final List<Runnable> afterWrites = new ArrayList<>();

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

    /** Runs once the batch's documents are written (e.g. storing the live changes the batch produced). */
    public static void afterWrites(Runnable write) {
        WriteBatch batch = CURRENT.get();
        if (batch == null) {
            write.run();
        } else {
            batch.afterWrites.add(write);
        }
    }

    Overlay overlay(String physicalName, MongoCollection<Document> collection) {
        return overlays.computeIfAbsent(physicalName, name -> new Overlay(collection));
    }

    private void flush() {
        overlays.values().forEach(Overlay::write);
        afterWrites.forEach(Runnable::run);
    }

    /**
     * One collection's views in this batch, each held as the object or the document it was stored or read as, and
     * converted to the other at most once: an object stored in the batch is converted when the batch is written.
     * A null value records that the view does not exist.
     */
    static final class Overlay {

        private final MongoCollection<Document> collection;
        private final Map<Object, HeldView> views = new LinkedHashMap<>();
        private final Set<Object> dirty = new LinkedHashSet<>();

        Overlay(MongoCollection<Document> collection) {
            this.collection = collection;
        }

        /** Whether the batch wrote (so owns) the view. */
        boolean owns(Object key) {
            return dirty.contains(key);
        }

        boolean knows(Object key) {
            return views.containsKey(key);
        }

        /** The view known under the key, or null. */
        HeldView get(Object key) {
            return views.get(key);
        }

        /** Remembers what MongoDB holds (null: nothing), unless the batch knows the view already. */
        void remember(Object key, Document document) {
            views.putIfAbsent(key, document == null ? null : HeldView.ofDocument(document));
        }

        void put(Object key, HeldView view) {
            views.put(key, view);
            dirty.add(key);
        }

        private void write() {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Object key : dirty) {
                writes.add(new ReplaceOneModel<>(new Document("_id", key), views.get(key).document(), UPSERT));
            }
            if (!writes.isEmpty()) {
                collection.bulkWrite(writes);
            }
        }
    }
}
