package org.tradeoffs.query.directory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.tradeoffs.query.projection.ViewCollection;
import org.tradeoffs.query.projection.ViewDocuments;
import org.tradeoffs.query.projection.ViewStore;

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
public class DirectoryRepository {

    static final String DISTRICTS = "directory_districts";
    static final String CYCLES = "directory_cycles";
    static final String MEMBERSHIPS = "directory_memberships";

    private final ViewCollection districts;
    private final ViewCollection cycles;
    private final ViewCollection memberships;

    public DirectoryRepository(ViewStore store) {
        this.districts = store.collection(DISTRICTS);
        this.cycles = store.collection(CYCLES);
        this.memberships = store.collection(MEMBERSHIPS);
    }

    Optional<DistrictDocument> district(String districtId) {
        return districts.get(districtId, DistrictDocument.class);
    }

    /** All districts; only administrators list them, so the full scan is acceptable. */
    List<DistrictDocument> allDistricts() {
        return districts.all().stream()
                .map(document -> ViewDocuments.fromDocument(document, DistrictDocument.class))
                .toList();
    }

    List<DistrictDocument> districts(Collection<String> districtIds) {
        return inOrder(districtIds, districts, DistrictDocument.class);
    }

    List<String> districtIdsOf(String username) {
        Document membership = memberships.get(username).orElse(null);
        return membership == null ? List.of() : membership.getList("districtIds", String.class);
    }

    Optional<CycleView> cycle(String cycleId) {
        return cycles.get(cycleId, CycleView.class);
    }

    List<CycleView> cycles(Collection<String> cycleIds) {
        return inOrder(cycleIds, cycles, CycleView.class);
    }

    void save(DistrictDocument district) {
        districts.put(district.id(), district);
    }

    void save(CycleView cycle) {
        cycles.put(cycle.id(), cycle);
    }

    void updateMembership(String username, String districtId, boolean member) {
        if (member) {
            memberships.addToSet(username, "districtIds", districtId);
        } else {
            memberships.pull(username, "districtIds", districtId);
        }
    }

    void clear() {
        districts.clear();
        cycles.clear();
        memberships.clear();
    }

    /** Reads views by {@code _id $in} and returns them in the order of the given ids. */
    private static <T> List<T> inOrder(Collection<String> ids, ViewCollection collection, Class<T> type) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Object, T> byId = collection.getAll(ids, type);
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
