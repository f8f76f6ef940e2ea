package org.tradeoffs.query.projection;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * A read model's collections in MongoDB. The physical name of a collection is looked up on every
 * call, so a rebuilt generation of the read model takes over without restarting anything.
 */
public final class MongoViewStore implements ViewStore {

    private static final ReplaceOptions UPSERT_REPLACE = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoDatabase database;
    private final UnaryOperator<String> physicalName;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** @param physicalName from a collection's name to the name of the collection currently serving it */
    public MongoViewStore(MongoDatabase database, UnaryOperator<String> physicalName) {
        this.database = database;
        this.physicalName = physicalName;
    }

    /** Collections under their own names. */
    public static MongoViewStore plain(MongoDatabase database) {
        return new MongoViewStore(database, UnaryOperator.identity());
    }

    @Override
    public ViewCollection collection(String name) {
        names.add(name);
        return new Collection_(name);
    }

    /** Drops every collection handed out so far, in its current physical name. */
    public void drop() {
        names.forEach(name -> database.getCollection(physicalName.apply(name)).drop());
    }

    /**
     * Writes documents into a collection, in bulk: for filling a new generation from memory. Every document must
     * have a new {@code _id}.
     */
    public void insert(String name, List<Document> documents, int batchSize) {
        names.add(name);
        MongoCollection<Document> collection = database.getCollection(physicalName.apply(name));
        for (int from = 0; from < documents.size(); from += batchSize) {
            collection.insertMany(documents.subList(from, Math.min(documents.size(), from + batchSize)));
        }
    }

    private final class Collection_ implements ViewCollection {

        private final String name;

        Collection_(String name) {
            this.name = name;
        }

        private MongoCollection<Document> mongo() {
            return database.getCollection(physicalName.apply(name));
        }

        @Override
        public Optional<Document> get(Object id) {
            return Optional.ofNullable(mongo().find(eq("_id", id)).first());
        }

        @Override
        public Map<Object, Document> getAll(Collection<?> ids) {
            Map<Object, Document> found = new HashMap<>();
            if (!ids.isEmpty()) {
                mongo().find(in("_id", ids)).forEach(document -> found.put(document.get("_id"), document));
            }
            return found;
        }

        @Override
        public List<Document> all() {
            return mongo().find().into(new ArrayList<>());
        }

        @Override
        public void put(Document document) {
            mongo().replaceOne(eq("_id", document.get("_id")), document, UPSERT_REPLACE);
        }

        @Override
        public void addToSet(Object id, String field, Object value) {
            mongo().updateOne(eq("_id", id), Updates.addToSet(field, value), UPSERT);
        }

        @Override
        public void pull(Object id, String field, Object value) {
            mongo().updateOne(eq("_id", id), Updates.pull(field, value));
        }

        @Override
        public void clear() {
            mongo().deleteMany(new Document());
        }
    }
}
