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
 * <p>Positions are the collection's keys (its documents' ids), given in the collection's own key order, so that a
 * query without a sort answers in the order a pass over the collection does. A query that also bounds the id
 * ({@code {_id: {$gt: a, $lte: b}}} and the like, at the top level or in a part of a top-level {@code $and}) with
 * whole numbers of type long gets only the positions within the bounds: one cycle's changes after a position, of a
 * cycle with many. While the index holds a key that is not a long (whose place in the key order is not by value
 * among longs) every position of the text is given, as without bounds. The collection calls every method while
 * holding its lock.
 */
final class TextFieldIndex extends Index<Object> {

    private static final Set<String> BOUNDS = Set.of("$gt", "$gte", "$lt", "$lte");

    private final String field;
    private final String idField;
    private final Function<Document, Object> positionOf;
    private final Comparator<Object> keyOrder;
    private final Map<String, NavigableSet<Object>> positionsByText = new HashMap<>();
    private long entries;
    /** Entries whose key is not a long. */
    private long otherKeys;

    /**
     * @param idField the field whose value is a stored document's key in its collection
     * @param positionOf a stored document's position in its collection (what the collection gave when it was added)
     * @param keyOrder the order of the collection's keys
     */
    TextFieldIndex(String name, List<IndexKey> keys, boolean sparse, String idField,
            Function<Document, Object> positionOf, Comparator<Object> keyOrder) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
        this.idField = idField;
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
                if (!(position instanceof Long)) {
                    otherKeys++;
                }
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
                if (!(position instanceof Long)) {
                    otherKeys--;
                }
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
        Document bounds = otherKeys == 0 ? idBounds(query) : null;
        if (texts.size() == 1) {
            NavigableSet<Object> positions = positionsByText.get(texts.iterator().next());
            return positions == null ? List.of() : new ArrayList<>(within(positions, bounds));
        }
        NavigableSet<Object> positions = new TreeSet<>(keyOrder);
        for (String text : texts) {
            positions.addAll(within(positionsByText.getOrDefault(text, Collections.emptyNavigableSet()), bounds));
        }
        return new ArrayList<>(positions);
    }

    /** The positions within the bounds ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}, each a long), if any. */
    private static NavigableSet<Object> within(NavigableSet<Object> positions, Document bounds) {
        if (bounds == null) {
            return positions;
        }
        NavigableSet<Object> found = positions;
        Object low = bounds.containsKey("$gt") ? bounds.get("$gt") : bounds.get("$gte");
        Object high = bounds.containsKey("$lt") ? bounds.get("$lt") : bounds.get("$lte");
        if (low != null && high != null && ((Long) low > (Long) high || low.equals(high)
                && (bounds.containsKey("$gt") || bounds.containsKey("$lt")))) {
            return Collections.emptyNavigableSet(); // nothing between (and a view of the set would refuse the bounds)
        }
        if (low != null) {
            found = found.tailSet(low, !bounds.containsKey("$gt"));
        }
        if (high != null) {
            found = found.headSet(high, !bounds.containsKey("$lt"));
        }
        return found;
    }

    /**
     * The query's bounds of the id: a condition on the id field (at the top level or in a part of a top-level
     * {@code $and}) of nothing but {@code $gt}, {@code $gte}, {@code $lt} and {@code $lte}, at most one lower and one
     * upper, each a long; null for any other.
     */
    private Document idBounds(Document query) {
        Document bounds = idBounds(query.get(idField));
        if (bounds == null && query.get("$and") instanceof List<?> parts) {
            for (Object part : parts) {
                if (part instanceof Document condition && (bounds = idBounds(condition.get(idField))) != null) {
                    break;
                }
            }
        }
        return bounds;
    }

    private static Document idBounds(Object condition) {
        if (!(condition instanceof Document operators) || operators.isEmpty()
                || !BOUNDS.containsAll(operators.keySet())
                || operators.containsKey("$gt") && operators.containsKey("$gte")
                || operators.containsKey("$lt") && operators.containsKey("$lte")
                || !operators.values().stream().allMatch(Long.class::isInstance)) {
            return null;
        }
        return operators;
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
