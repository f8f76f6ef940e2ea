package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded store keeps its documents on the JVM's heap, each as a map, and every document the wire protocol
 * decodes brings its own copy of every field name: a {@code String} and its bytes per field. In a heap histogram of
 * the live benchmark's warm-up a stored document took 49 objects, 13.6 of them strings; with the names shared, 38
 * objects and 7.0 strings. The garbage collector copies a new object a few times before it is old and marks every old
 * one at each concurrent cycle: fewer objects, less of that work. So the stored copy of a document shares one instance
 * of each field name with all the others.
 *
 * <p>Names are pooled up to {@link #MAX_NAMES} of at most {@link #MAX_LENGTH} characters each: the product's field
 * names are few and fixed in its code, but some keys are data (the district ids the event store's directory of
 * versions is keyed by), and those stop being pooled there.
 */
final class FieldNames {

    static final int MAX_NAMES = 10_000;
    static final int MAX_LENGTH = 64;

    private static final FieldNames SHARED = new FieldNames();

    private final Map<String, String> names = new ConcurrentHashMap<>();

    /** The names every collection of this JVM's embedded store shares. */
    static FieldNames shared() {
        return SHARED;
    }

    /**
     * An equal document, with the same values in the same order, whose field names (also those of its subdocuments,
     * and of documents in its lists) are the pooled instances.
     */
    Document compact(Document document) {
        Document compact = new Document();
        document.forEach((name, value) -> compact.put(name(name), compactValue(value)));
        return compact;
    }

    private Object compactValue(Object value) {
        if (value instanceof Document document) {
            return compact(document);
        }
        if (value instanceof List<?> list && list.stream().anyMatch(element -> element instanceof Document
                || element instanceof List<?>)) {
            List<Object> compact = new ArrayList<>(list.size());
            list.forEach(element -> compact.add(compactValue(element)));
            return compact;
        }
        return value;
    }

    private String name(String name) {
        String pooled = names.get(name);
        if (pooled != null) {
            return pooled;
        }
        if (name.length() > MAX_LENGTH || names.size() >= MAX_NAMES) {
            return name;
        }
        String previous = names.putIfAbsent(name, name);
        return previous == null ? name : previous;
    }
}
