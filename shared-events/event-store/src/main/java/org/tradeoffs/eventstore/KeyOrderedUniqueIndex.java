package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;

/**
 * A unique index of the embedded store kept in an H2 map whose keys are ordered by {@link IndexKeyType}; stored as
 * mongo-java-server's own H2 index stores it. A query finds each document once, as MongoDB does: mongo-java-server's
 * index answered {@code $in} with one position per key found, so a document holding several of the keys in an
 * indexed array (a commit of many events, by its {@code streams}) came back once per key.
 */
final class KeyOrderedUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;
    /**
     * The map's entries whose keys it holds as one exactly with the keys equal to them ({@link
     * IndexKeyType#foundByEquality}: numbers, plain texts and object ids, as every {@code _id} and token key of this
     * product), found by hash: a lookup in the ordered map compares the key with about twenty others, each a walk
     * through objects scattered over the heap, and an object id by serializing both keys (a fifth of the embedded
     * store's request threads in the 8-thread phase of the live benchmark, profiled 2026-11-30). The map stays the
     * index (its order, its other keys, the images).
     */
    private final Map<KeyValue, Object> hashed = new ConcurrentHashMap<>();

    /** The indexed field when the index has one key and it names a top-level field (as {@code _id}); else null. */
    private final String topLevelField;

    KeyOrderedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        String field = keys.size() == 1 ? keys.get(0).getKey() : null;
        this.topLevelField = field != null && !field.contains(".") && !field.startsWith("$") ? field : null;
        map.forEach((key, position) -> {
            if (IndexKeyType.foundByEquality(key)) {
                hashed.put(key, position);
            }
        });
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Iterable<Object> positions = super.getPositions(query);
        if (!(positions instanceof List<Object> found) || found.size() < 2) {
            return positions;
        }
        return new ArrayList<>(new LinkedHashSet<>(found));
    }

    /**
     * A document's keys, as mongo-java-server computes them; for a top-level field holding one value (every
     * {@code _id}) without splitting the path, collecting values per key and normalizing them through streams, which
     * took as long as the rest of adding the key.
     */
    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        if (topLevelField != null) {
            Object value = document.getOrMissing(topLevelField);
            if (!Missing.isNullOrMissing(value) && !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)) {
                // normalizing changes numbers only (to one type for equal values), as mongo-java-server does
                return Set.of(value instanceof Number ? new KeyValue(value).normalized() : new KeyValue(value));
            }
        }
        return super.getKeyValues(document);
    }

    /** As mongo-java-server checks a document before adding it, with its keys computed as above. */
    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
        if (isSparse()) {
            super.checkAdd(document, collection);
            return;
        }
        for (KeyValue key : getKeyValues(document)) {
            if (containsKey(key)) {
                throw new DuplicateKeyError(this, collection, getKeys(), key);
            }
        }
    }

    /**
     * As mongo-java-server adds a document, with its keys computed once: its own {@code add} checks the document
     * again ({@code checkAdd}, which the collection has just called) and then computes the keys a second time, and
     * computing them (paths split, values collected and normalized, through streams) was most of what adding an entry
     * cost besides the map itself. A key already there still fails the add before anything is put.
     */
    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (isSparse()) {
            super.add(document, position, collection);
            return;
        }
        Set<KeyValue> keys = getKeyValues(document);
        for (KeyValue key : keys) {
            if (containsKey(key)) {
                throw new DuplicateKeyError(this, collection, getKeys(), key);
            }
        }
        for (KeyValue key : keys) {
            if (!putKeyPosition(key, position)) {
                throw new IllegalStateException("Key " + key + " already exists. Concurrency issue?");
            }
        }
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        Object removed = map.remove(keyValue);
        if (IndexKeyType.foundByEquality(keyValue)) {
            hashed.remove(keyValue);
        }
        return removed;
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        Object value = Missing.ofNullable(position);
        if (map.putIfAbsent(keyValue, value) != null) {
            return false;
        }
        if (IndexKeyType.foundByEquality(keyValue)) {
            hashed.put(keyValue, value);
        }
        return true;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return IndexKeyType.foundByEquality(keyValue) ? hashed.get(keyValue) : map.get(keyValue);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
