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
 * by value, as MongoDB compares them. Views are kept as given, objects as objects: a view stored as an object is
 * read back as that same object, and converted to its document only if a document is asked for (once). Callers
 * never change a view or a document after storing it or after reading it.
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

        private final Map<Object, HeldView> views = new LinkedHashMap<>();

        @Override
        public synchronized Optional<Document> get(Object id) {
            return Optional.ofNullable(views.get(key(id))).map(HeldView::document);
        }

        @Override
        public synchronized <T> Optional<T> get(Object id, Class<T> type) {
            return Optional.ofNullable(views.get(key(id))).map(view -> view.view(type));
        }

        @Override
        public synchronized Map<Object, Document> getAll(Collection<?> ids) {
            Map<Object, Document> found = new HashMap<>();
            for (Object id : ids) {
                HeldView view = views.get(key(id));
                if (view != null) {
                    found.put(view.id(), view.document());
                }
            }
            return found;
        }

        @Override
        public synchronized <T> Map<Object, T> getAll(Collection<?> ids, Class<T> type) {
            Map<Object, T> found = new HashMap<>();
            for (Object id : ids) {
                HeldView view = views.get(key(id));
                if (view != null) {
                    found.put(view.id(), view.view(type));
                }
            }
            return found;
        }

        @Override
        public synchronized List<Document> all() {
            List<Document> all = new ArrayList<>(views.size());
            views.values().forEach(view -> all.add(view.document()));
            return all;
        }

        @Override
        public synchronized void put(Document document) {
            views.put(key(document.get("_id")), HeldView.ofDocument(document));
        }

        @Override
        public synchronized void put(Object id, Object view, Map<String, ?> fields) {
            views.put(key(id), HeldView.ofView(id, view, fields));
        }

        /** Changes the array in place (readers only ever read it), so a long array costs no copying. */
        @Override
        public synchronized void addToSet(Object id, String field, Object value) {
            HeldView view = views.computeIfAbsent(key(id), ignored -> HeldView.ofDocument(new Document("_id", id)));
            values(view.changeableDocument(), field).add(value);
        }

        @Override
        public synchronized void pull(Object id, String field, Object value) {
            HeldView view = views.get(key(id));
            if (view != null && view.document().get(field) != null) {
                values(view.changeableDocument(), field).remove(value);
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
            views.clear();
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
