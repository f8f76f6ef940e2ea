package org.tradeoffs.query.projection;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * A read model's collections in MongoDB. The physical name of a collection is looked up on every
 * call, so a rebuilt generation of the read model takes over without restarting anything.
 */
public final class MongoViewStore implements ViewStore {

    private static final ReplaceOptions UPSERT_REPLACE = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoDatabase database;
    private final UnaryOperator<String> physicalName;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    /** Each collection's place in the order a batch writes them: the order they were first asked for. */
    private final Map<String, Integer> writeOrder = new ConcurrentHashMap<>();

    /** @param physicalName from a collection's name to the name of the collection currently serving it */
    public MongoViewStore(MongoDatabase database, UnaryOperator<String> physicalName) {
        this.database = database;
        this.physicalName = physicalName;
    }

    /** Collections under their own names. */
    public static MongoViewStore plain(MongoDatabase database) {
        return new MongoViewStore(database, UnaryOperator.identity());
    }

    @Override
    public ViewCollection collection(String name) {
        names.add(name);
        return new Collection_(name, writeOrder.computeIfAbsent(name, first -> writeOrder.size()));
    }

    /** Drops every collection handed out so far, in its current physical name. */
    public void drop() {
        names.forEach(name -> database.getCollection(physicalName.apply(name)).drop());
    }

    /**
     * Writes documents into a collection, in bulk: for filling a new generation from memory. Every document must
     * have a new {@code _id}.
     */
    public void insert(String name, List<Document> documents, int batchSize) {
        names.add(name);
        MongoCollection<Document> collection = database.getCollection(physicalName.apply(name));
        for (int from = 0; from < documents.size(); from += batchSize) {
            collection.insertMany(documents.subList(from, Math.min(documents.size(), from + batchSize)));
        }
    }

    /**
     * One collection. On a processor thread inside a {@link WriteBatch} every operation goes through the batch's
     * overlay: documents are read from MongoDB once per batch and written once, at its end; a view read or stored as
     * an object stays one until then (converted from its document once, to its document when written). Outside a
     * batch, objects are converted on every call.
     */
    private final class Collection_ implements ViewCollection {

        private final String name;
        private final int writeOrder;

        Collection_(String name, int writeOrder) {
            this.name = name;
            this.writeOrder = writeOrder;
        }

        private MongoCollection<Document> mongo() {
            return database.getCollection(physicalName.apply(name));
        }

        private WriteBatch.Overlay overlay() {
            WriteBatch batch = WriteBatch.current();
            if (batch == null) {
                return null;
            }
            String physical = physicalName.apply(name);
            return batch.overlay(physical, database.getCollection(physical), writeOrder);
        }

        @Override
        public Optional<Document> get(Object id) {
            WriteBatch.Overlay overlay = overlay();
            if (overlay == null) {
                return Optional.ofNullable(mongo().find(eq("_id", id)).first());
            }
            return Optional.ofNullable(known(overlay, id)).map(HeldView::document);
        }

        /** In a batch: read from MongoDB as a document, converted once per batch, then read as this object. */
        @Override
        public <T> Optional<T> get(Object id, Class<T> type) {
            WriteBatch.Overlay overlay = overlay();
            if (overlay == null) {
                return ViewCollection.super.get(id, type);
            }
            return Optional.ofNullable(known(overlay, id)).map(view -> view.view(type));
        }

        @Override
        public Map<Object, Document> getAll(Collection<?> ids) {
            WriteBatch.Overlay overlay = overlay();
            Map<Object, Document> found = new HashMap<>();
            if (overlay != null) {
                known(overlay, ids).forEach(view -> found.put(view.id(), view.document()));
            } else if (!ids.isEmpty()) {
                mongo().find(in("_id", ids)).forEach(document -> found.put(document.get("_id"), document));
            }
            return found;
        }

        @Override
        public <T> Map<Object, T> getAll(Collection<?> ids, Class<T> type) {
            WriteBatch.Overlay overlay = overlay();
            if (overlay == null) {
                return ViewCollection.super.getAll(ids, type);
            }
            Map<Object, T> found = new HashMap<>();
            known(overlay, ids).forEach(view -> found.put(view.id(), view.view(type)));
            return found;
        }

        /** The view as the batch knows it, read from MongoDB first if the batch did not; null if there is none. */
        private HeldView known(WriteBatch.Overlay overlay, Object id) {
            Object key = MemoryViewStore.key(id);
            if (!overlay.knows(key)) {
                overlay.remember(key, mongo().find(eq("_id", id)).first());
            }
            return overlay.get(key);
        }

        /** The views the batch knows under these ids, those it did not know read from MongoDB in one query. */
        private List<HeldView> known(WriteBatch.Overlay overlay, Collection<?> ids) {
            List<Object> unknown = new ArrayList<>();
            for (Object id : ids) {
                if (!overlay.knows(MemoryViewStore.key(id))) {
                    unknown.add(id);
                }
            }
            if (!unknown.isEmpty()) {
                Map<Object, Document> read = new HashMap<>();
                mongo().find(in("_id", unknown))
                        .forEach(document -> read.put(MemoryViewStore.key(document.get("_id")), document));
                unknown.forEach(id -> overlay.remember(MemoryViewStore.key(id), read.get(MemoryViewStore.key(id))));
            }
            List<HeldView> known = new ArrayList<>();
            for (Object id : ids) {
                HeldView view = overlay.get(MemoryViewStore.key(id));
                if (view != null) {
                    known.add(view);
                }
            }
            return known;
        }

        @Override
        public List<Document> all() {
            return mongo().find().into(new ArrayList<>());
        }

        @Override
        public void put(Document document) {
            WriteBatch.Overlay overlay = overlay();
            if (overlay == null) {
                mongo().replaceOne(eq("_id", document.get("_id")), document, UPSERT_REPLACE);
            } else {
                overlay.put(MemoryViewStore.key(document.get("_id")), HeldView.ofDocument(document));
            }
        }

        /** In a batch: kept as the object, converted once when the batch is written. */
        @Override
        public void put(Object id, Object view, Map<String, ?> fields) {
            WriteBatch.Overlay overlay = overlay();
            if (overlay == null) {
                ViewCollection.super.put(id, view, fields);
            } else {
                overlay.put(MemoryViewStore.key(id), HeldView.ofView(id, view, fields));
            }
        }

        @Override
        public void addToSet(Object id, String field, Object value) {
            WriteBatch.Overlay overlay = overlay();
            if (overlay == null) {
                mongo().updateOne(eq("_id", id), Updates.addToSet(field, value), UPSERT);
                return;
            }
            Object key = MemoryViewStore.key(id);
            if (!overlay.knows(key)) {
                overlay.addUnread(key, id, field, value);
                return;
            }
            Document document;
            if (overlay.owns(key)) {
                document = overlay.get(key).changeableDocument();
            } else {
                Document current = get(id).orElse(null);
                if (current != null && current.get(field) instanceof List<?> present && present.contains(value)) {
                    return; // nothing changes, nothing to write
                }
                document = current == null ? new Document("_id", id) : new Document(current);
                overlay.own(key, HeldView.ofDocument(document));
            }
            List<Object> values = array(document, field);
            if (!values.contains(value)) {
                values.add(value);
                overlay.addedToSet(key, field, value);
            }
        }

        @Override
        public void pull(Object id, String field, Object value) {
            WriteBatch.Overlay overlay = overlay();
            if (overlay == null) {
                mongo().updateOne(eq("_id", id), Updates.pull(field, value));
                return;
            }
            Object key = MemoryViewStore.key(id);
            Document document;
            if (overlay.owns(key)) {
                document = overlay.get(key).changeableDocument();
            } else {
                Document current = get(id).orElse(null);
                if (current == null) {
                    return;
                }
                document = new Document(current);
            }
            overlay.put(key, HeldView.ofDocument(document)); // written whole
            if (document.get(field) != null) {
                array(document, field).removeIf(value::equals);
            }
        }

        @Override
        public void clear() {
            WriteBatch.discardOpen();
            mongo().deleteMany(new Document());
        }

        /** The array field of a document this batch owns, changeable in place. */
        @SuppressWarnings("unchecked")
        private static List<Object> array(Document document, String field) {
            Object current = document.get(field);
            if (current instanceof ArrayList<?> list) {
                return (List<Object>) list;
            }
            List<Object> values = current == null ? new ArrayList<>() : new ArrayList<>((List<?>) current);
            document.put(field, values);
            return values;
        }
    }
}
