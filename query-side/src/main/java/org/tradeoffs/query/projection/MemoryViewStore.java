package org.tradeoffs.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * A read model's collections in memory, for views rebuilt from the events on demand (as-of reads)
 * and for rebuilds, which are written to MongoDB in bulk once replayed. It behaves as the
 * {@link MongoViewStore} does for the operations of {@link ViewCollection}; numeric ids are compared
 * by value, as MongoDB compares them. Documents are kept as given: callers never change a document
 * after storing it or after reading it.
 */
public final class MemoryViewStore implements ViewStore {

    private final Map<String, MemoryCollection> collections = new ConcurrentHashMap<>();

    @Override
    public ViewCollection collection(String name) {
        return collections.computeIfAbsent(name, ignored -> new MemoryCollection());
    }

    /** The documents of every collection, by collection name. */
    public Map<String, List<Document>> contents() {
        Map<String, List<Document>> contents = new HashMap<>();
        collections.forEach((name, collection) -> contents.put(name, collection.all()));
        return contents;
    }

    static Object key(Object id) {
        return id instanceof Integer || id instanceof Short || id instanceof Byte ? ((Number) id).longValue() : id;
    }

    private static final class MemoryCollection implements ViewCollection {

        private final Map<Object, Document> documents = new LinkedHashMap<>();

        @Override
        public synchronized Optional<Document> get(Object id) {
            return Optional.ofNullable(documents.get(key(id)));
        }

        @Override
        public synchronized Map<Object, Document> getAll(Collection<?> ids) {
            Map<Object, Document> found = new HashMap<>();
            for (Object id : ids) {
                Document document = documents.get(key(id));
                if (document != null) {
                    found.put(document.get("_id"), document);
                }
            }
            return found;
        }

        @Override
        public synchronized List<Document> all() {
            return new ArrayList<>(documents.values());
        }

        @Override
        public synchronized void put(Document document) {
            documents.put(key(document.get("_id")), document);
        }

        /** Changes the array in place (readers only ever read it), so a long array costs no copying. */
        @Override
        public synchronized void addToSet(Object id, String field, Object value) {
            Document document = documents.computeIfAbsent(key(id), ignored -> new Document("_id", id));
            values(document, field).add(value);
        }

        @Override
        public synchronized void pull(Object id, String field, Object value) {
            Document document = documents.get(key(id));
            if (document != null && document.get(field) != null) {
                values(document, field).remove(value);
            }
        }

        private static SetList values(Document document, String field) {
            Object current = document.get(field);
            if (current instanceof SetList values) {
                return values;
            }
            SetList values = new SetList();
            if (current instanceof List<?> list) {
                list.forEach(values::add);
            }
            document.put(field, values);
            return values;
        }

        @Override
        public synchronized void clear() {
            documents.clear();
        }
    }

    /** An array with MongoDB's {@code $addToSet} and {@code $pull} semantics and constant-time membership. */
    private static final class SetList extends ArrayList<Object> {

        private final Set<Object> members = new HashSet<>();

        @Override
        public boolean add(Object value) {
            return members.add(key(value)) && super.add(value);
        }

        @Override
        public boolean remove(Object value) {
            if (!members.remove(key(value))) {
                return false;
            }
            removeIf(element -> key(element).equals(key(value)));
            return true;
        }

        @Override
        public boolean contains(Object value) {
            return members.contains(key(value));
        }
    }
}
