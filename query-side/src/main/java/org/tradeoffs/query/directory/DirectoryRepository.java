package org.tradeoffs.query.directory;

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
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import org.tradeoffs.query.projection.ViewDocuments;

/**
 * The directory's MongoDB collections. Every read is by {@code _id} (equality or {@code $in}):
 * <ul>
 *   <li>{@code directory_districts}: one {@link DistrictDocument} per district, {@code _id} = district id,
 *       with its members and the ids of its cycles;</li>
 *   <li>{@code directory_cycles}: one {@link CycleView} per cycle, {@code _id} = cycle id;</li>
 *   <li>{@code directory_memberships}: {@code {_id: username, districtIds: [...]}}, the districts where a
 *       person holds at least one role, so "my districts" needs no scan.</li>
 * </ul>
 */
@Repository
public class DirectoryRepository {

    static final String DISTRICTS = "directory_districts";
    static final String CYCLES = "directory_cycles";
    static final String MEMBERSHIPS = "directory_memberships";

    private final MongoCollection<Document> districts;
    private final MongoCollection<Document> cycles;
    private final MongoCollection<Document> memberships;

    public DirectoryRepository(MongoDatabase database) {
        this.districts = database.getCollection(DISTRICTS);
        this.cycles = database.getCollection(CYCLES);
        this.memberships = database.getCollection(MEMBERSHIPS);
    }

    Optional<DistrictDocument> district(String districtId) {
        return Optional.ofNullable(districts.find(eq("_id", districtId)).first())
                .map(document -> ViewDocuments.fromDocument(document, DistrictDocument.class));
    }

    /** All districts; only administrators list them, so the full scan is acceptable. */
    List<DistrictDocument> allDistricts() {
        return districts.find().map(document -> ViewDocuments.fromDocument(document, DistrictDocument.class))
                .into(new ArrayList<>());
    }

    List<DistrictDocument> districts(Collection<String> districtIds) {
        return inOrder(districtIds, districts, DistrictDocument.class);
    }

    List<String> districtIdsOf(String username) {
        Document membership = memberships.find(eq("_id", username)).first();
        return membership == null ? List.of() : membership.getList("districtIds", String.class);
    }

    Optional<CycleView> cycle(String cycleId) {
        return Optional.ofNullable(cycles.find(eq("_id", cycleId)).first())
                .map(document -> ViewDocuments.fromDocument(document, CycleView.class));
    }

    List<CycleView> cycles(Collection<String> cycleIds) {
        return inOrder(cycleIds, cycles, CycleView.class);
    }

    void save(DistrictDocument district) {
        districts.replaceOne(eq("_id", district.id()), ViewDocuments.toDocument(district.id(), district),
                new ReplaceOptions().upsert(true));
    }

    void save(CycleView cycle) {
        cycles.replaceOne(eq("_id", cycle.id()), ViewDocuments.toDocument(cycle.id(), cycle),
                new ReplaceOptions().upsert(true));
    }

    void updateMembership(String username, String districtId, boolean member) {
        if (member) {
            memberships.updateOne(eq("_id", username), Updates.addToSet("districtIds", districtId),
                    new UpdateOptions().upsert(true));
        } else {
            memberships.updateOne(eq("_id", username), Updates.pull("districtIds", districtId));
        }
    }

    void clear() {
        districts.deleteMany(new Document());
        cycles.deleteMany(new Document());
        memberships.deleteMany(new Document());
    }

    /** Reads documents by {@code _id $in} and returns them in the order of the given ids. */
    private static <T> List<T> inOrder(Collection<String> ids, MongoCollection<Document> collection, Class<T> type) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Object, Document> byId = new HashMap<>();
        collection.find(in("_id", ids)).forEach(document -> byId.put(document.get("_id"), document));
        return ids.stream()
                .map(byId::get)
                .filter(Objects::nonNull)
                .map(document -> ViewDocuments.fromDocument(document, type))
                .toList();
    }
}
