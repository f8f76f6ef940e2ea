package org.tradeoffs.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * The chains: {@code audit_seals} holds one {@link Seal} per sealed event ({@code _id "<districtId>:<n>"}, so a
 * district's chain is read by {@code _id $in}), with a unique index on {@code position} so that an event is sealed
 * at most once; {@code audit_heads} holds one {@link ChainHead} per district.
 */
@Repository
public class SealRepository {

    static final String SEALS = "audit_seals";
    static final String HEADS = "audit_heads";

    private final MongoCollection<Document> seals;
    private final MongoCollection<Document> heads;

    public SealRepository(MongoDatabase database) {
        this.seals = database.getCollection(SEALS);
        this.heads = database.getCollection(HEADS);
        seals.createIndex(Indexes.ascending("position"), new IndexOptions().unique(true).name("position_unique"));
    }

    /** The seal of the event at a global position, if it was sealed (full equality on a unique index: no scan). */
    Optional<Seal> sealAt(long position) {
        return Optional.ofNullable(seals.find(eq("position", position)).first()).map(Seal::of);
    }

    Optional<ChainHead> head(String districtId) {
        return Optional.ofNullable(heads.find(eq("_id", districtId)).first()).map(ChainHead::of);
    }

    /**
     * Seals {@code from..to} of a district's chain by n; seals that are not stored, or no longer readable as seals
     * of that place, are absent from the map (a verification then fails there).
     */
    Map<Long, Seal> seals(String districtId, long from, long to) {
        Map<String, Long> ids = new HashMap<>();
        for (long n = from; n <= to; n++) {
            ids.put(Seal.id(districtId, n), n);
        }
        Map<Long, Seal> found = new HashMap<>();
        seals.find(in("_id", new ArrayList<>(ids.keySet()))).forEach(document -> {
            Long n = ids.get(document.get("_id"));
            Seal.read(document).filter(seal -> seal.n() == n && districtId.equals(seal.districtId()))
                    .ifPresent(seal -> found.put(n, seal));
        });
        return found;
    }

    /** Fails (duplicate key) when that link or that position is already sealed. */
    void append(Seal seal) {
        seals.insertOne(seal.toDocument());
    }

    /** Moves the district's head to this seal unless it is already there or further. */
    void advanceHead(Seal seal) {
        ChainHead current = head(seal.districtId()).orElse(ChainHead.empty(seal.districtId()));
        if (current.n() < seal.n()) {
            heads.replaceOne(eq("_id", seal.districtId()), ChainHead.of(seal).toDocument(),
                    new ReplaceOptions().upsert(true));
        }
    }
}
