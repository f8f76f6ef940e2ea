package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A secondary index of the embedded store, held in memory (built from the documents when the collection opens):
 * it finds the documents whose first indexed field, a top-level one, is a given text or an array holding it. That
 * is what the queries {@code {field: "text"}} and {@code {field: {$in: ["text", ...]}}} select, alone or as a part
 * of a top-level {@code $and} (a district's commits by tag, a cycle's as-of read by its tags), so
 * mongo-java-server, which otherwise ignores secondary indexes, reads only those documents instead of the whole
 * collection. Every document found is still matched against the whole
 * query, so the index only needs to find at least the documents that match; it finds exactly them.
 *
 * <p>Positions are the collection's keys, given in the collection's own key order, so that a query without a sort
 * answers in the order a pass over the collection does. The collection calls every method while holding its lock.
 */
final class TextFieldIndex extends Index<Object> {

    private final String field;
    private final Function<Document, Object> positionOf;
    private final Comparator<Object> keyOrder;
    private final Map<String, NavigableSet<Object>> positionsByText = new HashMap<>();
    private long entries;

    /**
     * @param positionOf a stored document's position in its collection (what the collection gave when it was added)
     * @param keyOrder the order of the collection's keys
     */
    TextFieldIndex(String name, List<IndexKey> keys, boolean sparse, Function<Document, Object> positionOf,
            Comparator<Object> keyOrder) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
        this.positionOf = positionOf;
        this.keyOrder = keyOrder;
    }

    /** Whether the index can serve queries on this first key field: a top-level one, without dots. */
    static boolean serves(List<IndexKey> keys) {
        String first = keys.get(0).getKey();
        return !first.startsWith("$") && !first.contains(".");
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // any value is allowed: the index is not unique
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (String text : texts(document)) {
            if (positionsByText.computeIfAbsent(text, none -> new TreeSet<>(keyOrder)).add(position)) {
                entries++;
            }
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = positionOf.apply(document);
        for (String text : texts(document)) {
            NavigableSet<Object> positions = positionsByText.get(text);
            if (positions != null && positions.remove(position)) {
                entries--;
                if (positions.isEmpty()) {
                    positionsByText.remove(text);
                }
            }
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return wanted(query) != null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Collection<String> texts = wanted(query);
        if (texts.size() == 1) {
            NavigableSet<Object> positions = positionsByText.get(texts.iterator().next());
            return positions == null ? List.of() : new ArrayList<>(positions);
        }
        NavigableSet<Object> positions = new TreeSet<>(keyOrder);
        for (String text : texts) {
            positions.addAll(positionsByText.getOrDefault(text, Collections.emptyNavigableSet()));
        }
        return new ArrayList<>(positions);
    }

    @Override
    public long getCount() {
        return entries;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // any value is allowed: the index is not unique
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public void drop() {
        positionsByText.clear();
        entries = 0;
    }

    /**
     * The texts a query asks the field to equal, one of which it must hold: {@code {field: "text"}} or
     * {@code {field: {$in: ["text", ...]}}} (every value listed a text), at the top level or in a part of a top-level
     * {@code $and}; null for any other query.
     */
    private Collection<String> wanted(Document query) {
        Collection<String> texts = wanted(query.get(field));
        if (texts == null && query.get("$and") instanceof List<?> parts) {
            for (Object part : parts) {
                if (part instanceof Document condition && (texts = wanted(condition.get(field))) != null) {
                    break;
                }
            }
        }
        return texts;
    }

    private static Collection<String> wanted(Object condition) {
        if (condition instanceof String text) {
            return List.of(text);
        }
        if (condition instanceof Document operator && operator.size() == 1
                && operator.get("$in") instanceof Collection<?> listed
                && listed.stream().allMatch(String.class::isInstance)) {
            return listed.stream().map(String.class::cast).toList();
        }
        return null;
    }

    /** The texts a document is found by: its field's value if a text, or the texts an array value holds. */
    private Set<String> texts(Document document) {
        Object value = document.get(field);
        if (value instanceof String text) {
            return Set.of(text);
        }
        Set<String> texts = new HashSet<>();
        if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                if (element instanceof String text) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }
}
