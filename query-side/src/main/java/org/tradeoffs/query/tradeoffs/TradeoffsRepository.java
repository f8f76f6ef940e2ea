package org.tradeoffs.query.tradeoffs;

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
import java.util.function.Function;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import org.tradeoffs.query.projection.ViewDocuments;

/**
 * The tradeoff read model, stored so that every read is by {@code _id}:
 * <ul>
 *   <li>{@code tradeoff_views}: one {@link TradeoffView} per package, {@code _id} = package id; its
 *       {@code position} is the idempotency guard of tradeoff events.</li>
 *   <li>{@code tradeoff_cycles}: one {@link TradeoffCycle} per cycle, {@code _id} = cycle id: its packages (what
 *       the balance and the lists need), its priorities and opportunities (titles, numbers, costs, estimates,
 *       commitments and captures, each with the position that guards its events) and the balance.</li>
 *   <li>{@code tradeoff_inputs}: one {@link InputSummary} per stakeholder input, {@code _id} = input id.</li>
 * </ul>
 * Listing is two reads: the cycle document for the order, then {@code _id $in} the views.
 */
@Repository
public class TradeoffsRepository {

    static final String TRADEOFFS = "tradeoff_views";
    static final String CYCLES = "tradeoff_cycles";
    static final String INPUTS = "tradeoff_inputs";

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> cycles;
    private final MongoCollection<Document> inputs;

    public TradeoffsRepository(MongoDatabase database) {
        this.views = database.getCollection(TRADEOFFS);
        this.cycles = database.getCollection(CYCLES);
        this.inputs = database.getCollection(INPUTS);
    }

    public Optional<TradeoffView> tradeoff(String tradeoffId) {
        return Optional.ofNullable(views.find(eq("_id", tradeoffId)).first())
                .map(document -> ViewDocuments.fromDocument(document, TradeoffView.class));
    }

    /** The cycle's packages in the order they were drafted; empty for a cycle without any. */
    public List<TradeoffView> tradeoffs(String cycleId) {
        return cycle(cycleId)
                .map(cycle -> tradeoffs(cycle.packages().stream().map(TradeoffCycle.PackageEntry::tradeoffId)
                        .toList()))
                .orElse(List.of());
    }

    /** The packages that left DRAFT, newest first: by the position of their last event, descending. */
    public List<TradeoffView> decisions(String cycleId) {
        return cycle(cycleId).map(cycle -> tradeoffs(cycle.decisionIds())).orElse(List.of());
    }

    /** The cycle's balance; empty until the first event of the cycle that it counts was applied. */
    public Optional<Balance> balance(String cycleId) {
        Document cycle = cycles.find(eq("_id", cycleId)).projection(Projections.include("balance")).first();
        return Optional.ofNullable(cycle)
                .map(document -> document.get("balance", Document.class))
                .map(balance -> ViewDocuments.fromDocument(balance, Balance.class));
    }

    Optional<TradeoffCycle> cycle(String cycleId) {
        return Optional.ofNullable(cycles.find(eq("_id", cycleId)).first())
                .map(document -> ViewDocuments.fromDocument(document, TradeoffCycle.class));
    }

    /** The packages by {@code _id $in}, in the order of the given ids. */
    List<TradeoffView> tradeoffs(Collection<String> tradeoffIds) {
        return inOrder(views, tradeoffIds, TradeoffView.class);
    }

    Optional<InputSummary> input(String inputId) {
        return Optional.ofNullable(inputs.find(eq("_id", inputId)).first())
                .map(document -> ViewDocuments.fromDocument(document, InputSummary.class));
    }

    /** The inputs by {@code _id $in}, keyed by id; unknown ids are missing. */
    Map<String, TradeoffView.ConsideredInput> inputs(Collection<String> inputIds) {
        Map<String, TradeoffView.ConsideredInput> byId = new HashMap<>();
        inOrder(inputs, inputIds, InputSummary.class)
                .forEach(input -> byId.put(input.inputId(), input.considered()));
        return byId;
    }

    void save(String cycleId, TradeoffCycle cycle) {
        cycles.replaceOne(eq("_id", cycleId), ViewDocuments.toDocument(cycleId, cycle),
                new ReplaceOptions().upsert(true));
    }

    void save(TradeoffView view) {
        views.replaceOne(eq("_id", view.id()), ViewDocuments.toDocument(view.id(), view),
                new ReplaceOptions().upsert(true));
    }

    void save(InputSummary input) {
        inputs.replaceOne(eq("_id", input.inputId()), ViewDocuments.toDocument(input.inputId(), input),
                new ReplaceOptions().upsert(true));
    }

    void clear() {
        views.deleteMany(new Document());
        cycles.deleteMany(new Document());
        inputs.deleteMany(new Document());
    }

    private static <T> List<T> inOrder(MongoCollection<Document> collection, Collection<String> ids, Class<T> type) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Object, Document> byId = new HashMap<>();
        collection.find(in("_id", ids)).forEach(document -> byId.put(document.get("_id"), document));
        Function<Document, T> read = document -> ViewDocuments.fromDocument(document, type);
        return ids.stream().map(byId::get).filter(Objects::nonNull).map(read).toList();
    }
}
