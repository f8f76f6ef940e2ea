package org.tradeoffs.query.projection;

import java.util.Map;
import org.bson.Document;

/**
 * One view held in memory (by {@link MemoryViewStore} or a {@link WriteBatch}): the object as it was stored, its
 * document, or both. Each is computed from the other on demand, at most once, so a view stored and read as an
 * object is never converted, and one written to MongoDB is converted once, when it is written. Not thread-safe:
 * its holder synchronizes.
 */
final class HeldView {

    private final Object id;
    private final Map<String, ?> fields;
    /** The object, stored or read from the document; null when only the document is known. */
    private Object view;
    /** The document, given or converted from the object; null until asked for. */
    private Document document;

    private HeldView(Object id, Object view, Map<String, ?> fields, Document document) {
        this.id = id;
        this.view = view;
        this.fields = fields;
        this.document = document;
    }

    /** A view stored as an object; its document will carry the extra top-level {@code fields} after the view's. */
    static HeldView ofView(Object id, Object view, Map<String, ?> fields) {
        return new HeldView(id, view, fields, null);
    }

    static HeldView ofDocument(Document document) {
        return new HeldView(document.get("_id"), null, Map.of(), document);
    }

    /** The {@code _id}, as it was given. */
    Object id() {
        return id;
    }

    Document document() {
        if (document == null) {
            document = ViewDocuments.toDocument(id, view, fields);
        }
        return document;
    }

    /** The view as the type: the stored object itself if it is one, else read from the document (and kept). */
    <T> T view(Class<T> type) {
        if (type.isInstance(view)) {
            return type.cast(view);
        }
        T read = ViewDocuments.fromDocument(document(), type);
        if (view == null) {
            view = read;
        }
        return read;
    }

    /** The document, for changing it in place: the object no longer describes it. */
    Document changeableDocument() {
        Document changeable = document();
        view = null;
        return changeable;
    }
}
