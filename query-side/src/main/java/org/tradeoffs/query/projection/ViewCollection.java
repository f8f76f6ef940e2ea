package org.tradeoffs.query.projection;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * One collection of a read model, reduced to what the projections need: every read is by {@code _id}
 * (equality or a set of ids), every write replaces one document or edits one array field. That much
 * is answered alike by MongoDB (in service), by memory (as-of views) and by a write buffer (rebuilds).
 *
 * <p>Views are read and written either as documents or as objects (records, converted with {@link ViewDocuments}:
 * the stored document is the same either way). Stores that keep views in memory keep the objects as given and
 * convert only when a document is asked for, so objects stored and read as objects must never be changed, nor
 * anything they hold.
 */
public interface ViewCollection {

    Optional<Document> get(Object id);

    /** The documents with these ids, keyed by {@code _id}; ids without a document are absent. */
    Map<Object, Document> getAll(Collection<?> ids);

    /** Every document; only for small collections read by administrators. */
    List<Document> all();

    /** Stores the document under its {@code _id}, replacing what was there. */
    void put(Document document);

    /** Adds the value to the array field unless present, creating the document if needed. */
    void addToSet(Object id, String field, Object value);

    /** Removes the value from the array field; nothing happens without such a document. */
    void pull(Object id, String field, Object value);

    void clear();

    /** The view with this id read as the type (the very object stored, where a store keeps it). */
    default <T> Optional<T> get(Object id, Class<T> type) {
        return get(id).map(document -> ViewDocuments.fromDocument(document, type));
    }

    /** The views with these ids read as the type, keyed by {@code _id}; ids without a view are absent. */
    default <T> Map<Object, T> getAll(Collection<?> ids, Class<T> type) {
        Map<Object, T> views = new HashMap<>();
        getAll(ids).forEach((id, document) -> views.put(id, ViewDocuments.fromDocument(document, type)));
        return views;
    }

    /** Stores the view under the id, replacing what was there; its document is {@link ViewDocuments#toDocument}'s. */
    default void put(Object id, Object view) {
        put(id, view, Map.of());
    }

    /** Stores the view with extra top-level fields, which follow the view's own in its document. */
    default void put(Object id, Object view, Map<String, ?> fields) {
        put(ViewDocuments.toDocument(id, view, fields));
    }
}
