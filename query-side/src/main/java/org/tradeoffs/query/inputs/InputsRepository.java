package org.tradeoffs.query.inputs;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import org.tradeoffs.query.projection.ViewDocuments;

/**
 * The stakeholder-input read model, stored so that every read is by {@code _id}:
 * <ul>
 *   <li>{@code inputs_views}: one {@link InputView} per input, {@code _id} = input id; its {@code position}
 *       is the idempotency guard of input events.</li>
 *   <li>{@code inputs_cycles}: one {@link InputsCycle} per cycle, {@code _id} = cycle id: the inputs' current
 *       content in list order, the cycle's tradeoff packages and the titles of its priorities and
 *       opportunities (each with the position that guards its events), and the digest computed from them.</li>
 * </ul>
 * Listing is two reads: the cycle document for the order, then {@code _id $in} the views.
 */
@Repository
public class InputsRepository {

    static final String INPUTS = "inputs_views";
    static final String CYCLES = "inputs_cycles";

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> cycles;

    public InputsRepository(MongoDatabase database) {
        this.views = database.getCollection(INPUTS);
        this.cycles = database.getCollection(CYCLES);
    }

    public Optional<InputView> input(String inputId) {
        return Optional.ofNullable(views.find(eq("_id", inputId)).first())
                .map(document -> ViewDocuments.fromDocument(document, InputView.class));
    }

    /** The cycle's inputs, newest received first; empty for a cycle without any. */
    public List<InputView> inputs(String cycleId) {
        return cycle(cycleId)
                .map(cycle -> inputs(cycle.inputs().stream().map(InputsCycle.InputEntry::inputId).toList()))
                .orElse(List.of());
    }

    /** The cycle's digest; empty until the first event of the cycle that it counts was applied. */
    public Optional<InputDigest> digest(String cycleId) {
        Document cycle = cycles.find(eq("_id", cycleId)).projection(Projections.include("digest")).first();
        return Optional.ofNullable(cycle)
                .map(document -> document.get("digest", Document.class))
                .map(digest -> ViewDocuments.fromDocument(digest, InputDigest.class));
    }

    Optional<InputsCycle> cycle(String cycleId) {
        return Optional.ofNullable(cycles.find(eq("_id", cycleId)).first())
                .map(document -> ViewDocuments.fromDocument(document, InputsCycle.class));
    }

    /** The inputs by {@code _id $in}, in the order of the given ids. */
    List<InputView> inputs(Collection<String> inputIds) {
        if (inputIds.isEmpty()) {
            return List.of();
        }
        Map<Object, Document> byId = new HashMap<>();
        views.find(in("_id", inputIds)).forEach(document -> byId.put(document.get("_id"), document));
        return inputIds.stream()
                .map(byId::get)
                .filter(Objects::nonNull)
                .map(document -> ViewDocuments.fromDocument(document, InputView.class))
                .toList();
    }

    void save(String cycleId, InputsCycle cycle) {
        cycles.replaceOne(eq("_id", cycleId), ViewDocuments.toDocument(cycleId, cycle),
                new ReplaceOptions().upsert(true));
    }

    void save(InputView view) {
        views.replaceOne(eq("_id", view.id()), ViewDocuments.toDocument(view.id(), view),
                new ReplaceOptions().upsert(true));
    }

    void clear() {
        views.deleteMany(new Document());
        cycles.deleteMany(new Document());
    }
}
