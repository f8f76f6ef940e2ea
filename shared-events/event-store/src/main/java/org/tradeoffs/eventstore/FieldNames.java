package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded store keeps its documents on the JVM's heap, each as a map, and every document the wire protocol
 * decodes brings its own copy of every field name: a {@code String} and its bytes per field, about 40% of the objects
 * the store keeps (a heap histogram of the live benchmark's warm-up: 658,000 map entries and 1,250,000 strings added in
 * 30 s). The garbage collector copies every object a few times before it is old and marks every old one again and
 * again, so the store's size in objects sets the length of its pauses, which every request and live frame in flight
 * waits out. The stored copy of a document therefore shares one instance of each field name with all the others.
 *
 * <p>Names are pooled up to {@link #MAX_NAMES} (the product's documents use a few hundred; keys that are data, such as
 * the ids a map is keyed by, stop being pooled there) and up to {@link #MAX_LENGTH} characters each.
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
