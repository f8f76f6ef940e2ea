package org.tradeoffs.query.readmodel;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which generation of each read model's collections serves reads and receives its processor's writes.
 * Generation 0 uses the collections' own names; a rebuild writes generation n + 1 into
 * {@code name__g<n+1>} and switches over by recording it in {@code read_models}
 * ({@code {_id: readModel, generation}}). Every query-side instance re-reads the registry at most a second after it
 * last did, so all of them follow a switch made by one.
 */
@Component
public class Generations {

    static final String COLLECTION = "read_models";

    /** How long a generation read from the registry is trusted: another instance may have switched meanwhile. */
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MongoCollection<Document> registry;
    private final Map<ReadModel, Integer> current = new ConcurrentHashMap<>();
    private volatile long readAt;

    public Generations(MongoDatabase database) {
        this.registry = database.getCollection(COLLECTION);
        refresh();
    }

    public int current(ReadModel model) {
        if (System.nanoTime() - readAt > REFRESH_NANOS) {
            refresh();
        }
        return current.getOrDefault(model, 0);
    }

    /**
     * Generations only grow, so a registry read that started before a switch made here (and answers the generation
     * before it) must not undo the switch: the processor would go on writing into the old collections.
     */
    private void refresh() {
        readAt = System.nanoTime();
        registry.find().forEach(document -> ReadModel.byId(document.getString("_id")).ifPresent(model ->
                current.merge(model, document.get("generation", Number.class).intValue(), Math::max)));
    }

    /** The physical names of the model's collections in the serving generation, looked up at each call. */
    public UnaryOperator<String> serving(ReadModel model) {
        return name -> physicalName(name, current(model));
    }

    public static String physicalName(String name, int generation) {
        return generation == 0 ? name : name + "__g" + generation;
    }

    /** Records the switch first, so a restart serves the new generation too. */
    public void switchTo(ReadModel model, int generation) {
        registry.replaceOne(eq("_id", model.id()), new Document("_id", model.id()).append("generation", generation),
                new ReplaceOptions().upsert(true));
        current.put(model, generation);
    }
}
