package org.tradeoffs.query.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * The chains: {@code audit_seals} holds one {@link Seal} per sealed event ({@code _id "<districtId>:<n>"}), with a
 * unique index on {@code position} so that an event is sealed at most once; a district's chain is read in one
 * pass in order of n. {@code audit_heads} holds one {@link ChainHead} per district.
 */
@Repository
public class SealRepository {

    static final String SEALS = "audit_seals";
    static final String HEADS = "audit_heads";
    private static final int CHAIN_BATCH = 2_000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> seals;
    private final MongoCollection<Document> heads;

    public SealRepository(MongoDatabase database) {
        this.seals = database.getCollection(SEALS);
        this.heads = database.getCollection(HEADS);
        seals.createIndex(Indexes.ascending("position"), new IndexOptions().unique(true).name("position_unique"));
        // Serves chain(): on MongoDB; the embedded store finds a district's seals by it too (TextFieldIndex).
        seals.createIndex(Indexes.ascending("districtId", "n"), new IndexOptions().name("district_n"));
    }

    /**
     * The district's seals 1..{@code upToN} in order of n, read with one query; close the stream. Seals that are not
     * stored, or not readable as the seal of their place, are left out: the caller notices the n it did not get. A
     * cursor the server killed meanwhile (a slow export) is opened again where it was ({@link ResumableCursor}).
     */
    Stream<Seal> chain(String districtId, long upToN) {
        ResumableCursor cursor = new ResumableCursor(seals, and(eq("districtId", districtId), lte("n", upToN)), "n",
                query -> query.batchSize(CHAIN_BATCH));
        Iterable<Document> documents = () -> cursor;
        return StreamSupport.stream(documents.spliterator(), false)
                .onClose(cursor::close)
                .flatMap(document -> Seal.read(document)
                        .filter(seal -> Seal.id(districtId, seal.n()).equals(document.get("_id"))).stream());
    }

    /** The seal of the event at a global position, if it was sealed (full equality on a unique index: no scan). */
    Optional<Seal> sealAt(long position) {
        return Optional.ofNullable(seals.find(eq("position", position)).first()).map(Seal::of);
    }

    Optional<ChainHead> head(String districtId) {
        return Optional.ofNullable(heads.find(eq("_id", districtId)).first()).map(ChainHead::of);
    }

    /** The seals stored for these positions, by position; positions not sealed are absent. */
    Map<Long, Seal> sealsAt(Collection<Long> positions) {
        Map<Long, Seal> found = new HashMap<>();
        if (!positions.isEmpty()) {
            seals.find(in("position", positions)).forEach(document -> {
                Seal seal = Seal.of(document);
                found.put(seal.position(), seal);
            });
        }
        return found;
    }

    /**
     * Stores new seals, in order, with one request. Fails (duplicate key) at the first whose position is sealed
     * already or whose link is taken, having stored the ones before it.
     */
    void appendAll(List<Seal> fresh) {
        if (!fresh.isEmpty()) {
            seals.insertMany(fresh.stream().map(Seal::toDocument).toList());
        }
    }

    /**
     * Stores the seal, unless its position is sealed already (a redelivered event): then answers the seal stored
     * for it and stores nothing. Fails (duplicate key) when that link is taken by another position.
     */
    Optional<Seal> append(Seal seal) {
        try {
            seals.insertOne(seal.toDocument());
            return Optional.empty();
        } catch (MongoWriteException e) {
            Optional<Seal> sealed = e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                    ? sealAt(seal.position()) : Optional.empty();
            if (sealed.isEmpty()) {
                throw e;
            }
            return sealed;
        }
    }

    /**
     * Moves the district's head from {@code current} (as read) to {@code next}, unless that is not ahead, or the
     * stored head is ahead of it already: a sealer that paused past its claim while another instance took over and
     * sealed further never moves the head back.
     */
    void moveHead(ChainHead current, ChainHead next) {
        if (current.n() >= next.n()) {
            return;
        }
        try {
            heads.replaceOne(and(eq("_id", next.districtId()), lt("n", next.n())), next.toDocument(), UPSERT);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // the head is stored at or past next already: the upsert's insert met it
        }
    }
}
