package org.tradeoffs.query.readmodel;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which generation of each read model's collections serves reads and receives its processor's writes.
 * Generation 0 uses the collections' own names; a rebuild writes generation n + 1 into
 * {@code name__g<n+1>} and switches over by recording it in {@code read_models}
 * ({@code {_id: readModel, generation}}).
 */
@Component
public class Generations {

    static final String COLLECTION = "read_models";

    private final MongoCollection<Document> registry;
    private final Map<ReadModel, Integer> current = new ConcurrentHashMap<>();

    public Generations(MongoDatabase database) {
        this.registry = database.getCollection(COLLECTION);
        registry.find().forEach(document -> ReadModel.byId(document.getString("_id"))
                .ifPresent(model -> current.put(model, document.get("generation", Number.class).intValue())));
    }

    public int current(ReadModel model) {
        return current.getOrDefault(model, 0);
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
