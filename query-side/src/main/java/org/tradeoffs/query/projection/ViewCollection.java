package org.tradeoffs.query.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * One collection of a read model, reduced to what the projections need: every read is by {@code _id}
 * (equality or a set of ids), every write replaces one document or edits one array field. That much
 * is answered alike by MongoDB (in service), by memory (as-of views) and by a write buffer (rebuilds).
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
}
