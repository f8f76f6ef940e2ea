package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * An embedded-store collection that matches {@code {field: {$in: [...]}}} queries in constant time per document.
 *
 * <p>mongo-java-server checks every document a query finds against the query, also those its unique index found
 * by key, and checks {@code $in} by going through the list: a query for n keys cost n² comparisons, so reading by
 * windows of keys (the event store's and the change log's reads, view lookups) cost more per key the larger the
 * window. For the common form (one top-level field, only {@code $in}, every listed value a string or a number, the
 * document's value a string or a number) this answers from a set of the listed values, normalized as the index
 * normalizes keys (numbers compare by value); every other query and value is matched as before.
 */
final class KeyInCollection extends H2Collection {

    /** The last {@code $in} query matched, with its values: a query is matched against each document it finds. */
    private volatile KeyIn last;

    /** @param query the query object; {@code values} null when the query is not of the form answered here */
    private record KeyIn(Document query, String field, Set<Object> values) {
    }

    KeyInCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        KeyIn keyIn = keyIn(query);
        if (keyIn.values() != null) {
            Object value = document.get(keyIn.field());
            if (simple(value)) {
                return keyIn.values().contains(normalized(value));
            }
        }
        return super.documentMatchesQuery(document, query);
    }

    private KeyIn keyIn(Document query) {
        KeyIn known = last;
        if (known != null && known.query() == query) {
            return known;
        }
        KeyIn parsed = parse(query);
        last = parsed;
        return parsed;
    }

    private static KeyIn parse(Document query) {
        if (query.size() == 1) {
            Map.Entry<String, Object> condition = query.entrySet().iterator().next();
            String field = condition.getKey();
            if (!field.startsWith("$") && !field.contains(".") && condition.getValue() instanceof Document operator
                    && operator.size() == 1 && operator.get("$in") instanceof Collection<?> listed
                    && listed.stream().allMatch(KeyInCollection::simple)) {
                Set<Object> values = new HashSet<>();
                listed.forEach(value -> values.add(normalized(value)));
                return new KeyIn(query, field, values);
            }
        }
        return new KeyIn(query, null, null);
    }

    private static boolean simple(Object value) {
        return value instanceof String || value instanceof Number;
    }

    /** As a unique index normalizes its keys: numbers of equal value alike, whatever their type. */
    private static Object normalized(Object value) {
        return new KeyValue(value).normalized().get(0);
    }
}
