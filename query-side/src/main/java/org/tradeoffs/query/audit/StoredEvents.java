package org.tradeoffs.query.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import org.tradeoffs.eventstore.EventTags;

/**
 * Reads the event store's commit documents directly (collection {@code events}, layout in
 * {@code OrderedMongoEventStorageEngine}): the chain attests to what is stored, so it hashes the stored text, not
 * the messages Axon deserialized (and might have upcast) from it. Reads go by {@code _id} or by the unique
 * {@code streams} key only, which mongo-java-server answers without a scan.
 */
@Repository
public class StoredEvents {

    static final String COMMITS = "events";
    /** The stored events of the current batch, a resource of its unit of work. */
    private static final String BATCH = StoredEvents.class.getName() + ".batch";
    private static final int PASS_BATCH = 1_000;
    /**
     * What {@link StoredEvent#in} reads of a commit: its {@code _id} (implied) and what the chain seals of events, and
     * the commit's index fields ({@link CommitIndexes}).
     */
    private static final Bson SEALED_FIELDS = Projections.include("first", "committedAt", "streams", "tags",
            "events.position", "events.timestamp", "events.payloadType", "events.payload", "events.payloadRevision",
            "events.aggregateType", "events.aggregateIdentifier", "events.sequenceNumber", "events.tags");

    private final MongoCollection<Document> commits;

    public StoredEvents(MongoDatabase database) {
        this.commits = database.getCollection(COMMITS);
    }

    /**
     * A delivered event as stored, found through its commit's unique stream key ({@link #streamKey}) and then by its
     * identifier, which gives its exact position (a tracking token names the highest position delivered so far, which
     * is not the event's own when it filled a gap late). Within a tracking processor's batch, the first lookup reads
     * the stored events of the whole batch with one query, and the others are answered from what it read.
     */
    Optional<StoredEvent> find(EventMessage<?> delivered) {
        StoredEvent inBatch = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch
                ? storedOf(batch).get(delivered.getIdentifier())
                : null;
        if (inBatch != null) {
            return Optional.of(inBatch);
        }
        Document commit = commits.find(eq("streams", streamKey(delivered))).first();
        return commit == null ? Optional.empty() : entryOf(commit, delivered.getIdentifier());
    }

    /**
     * The positions of the current tracking processor batch's events as stored (read with one query, as {@link #find}
     * does); empty outside a batch.
     */
    List<Long> batchPositions() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        return storedOf(batch).values().stream().map(StoredEvent::position).toList();
    }

    /** The batch's events as stored, by event identifier: read with the batch's first lookup, then kept with it. */
    private Map<String, StoredEvent> storedOf(BatchingUnitOfWork<?> batch) {
        return batch.getOrComputeResource(BATCH, key -> findAll(eventsOf(batch)));
    }

    /** Delivered events as stored, by event identifier, read with one query; an event not found is absent. */
    private Map<String, StoredEvent> findAll(List<EventMessage<?>> delivered) {
        Map<String, Document> byStreamKey = new HashMap<>();
        List<String> keys = delivered.stream().map(StoredEvents::streamKey).distinct().toList();
        if (!keys.isEmpty()) {
            for (Document commit : commits.find(in("streams", keys))) {
                for (Object key : commit.getList("streams", Object.class, List.of())) {
                    byStreamKey.put(String.valueOf(key), commit);
                }
            }
        }
        Map<String, StoredEvent> found = new HashMap<>();
        for (EventMessage<?> event : delivered) {
            Document commit = byStreamKey.get(streamKey(event));
            if (commit != null) {
                entryOf(commit, event.getIdentifier()).ifPresent(stored -> found.put(event.getIdentifier(), stored));
            }
        }
        return found;
    }

    private static List<EventMessage<?>> eventsOf(BatchingUnitOfWork<?> batch) {
        List<EventMessage<?>> delivered = new ArrayList<>();
        for (Object message : batch.getMessages()) {
            if (message instanceof EventMessage<?> event) {
                delivered.add(event);
            }
        }
        return delivered;
    }

    /** {@code "aggregateId:sequence"} for an aggregate's event, {@code "~eventId"} for any other. */
    static String streamKey(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
            return domainEvent.getAggregateIdentifier() + ":" + domainEvent.getSequenceNumber();
        }
        return "~" + event.getIdentifier();
    }

    private static Optional<StoredEvent> entryOf(Document commit, String eventIdentifier) {
        for (Document entry : commit.getList("events", Document.class)) {
            if (eventIdentifier.equals(entry.getString("eventIdentifier"))) {
                return StoredEvent.in(commit, entry.get("position", Number.class).longValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The commits of one district's events, for a walk along its chain: read with one query by the district's tag in
     * commit order as the walk asks for them, so that the walk costs one pass over the district instead of a lookup
     * per commit. A commit asked for that the pass does not bring (it went by long before: an event that filled a
     * hole late was sealed late; or its tags were changed) is looked up by {@code _id}, so what the walk sees never
     * depends on the tags. The pass brings only the fields the chain seals ({@link #SEALED_FIELDS}) and is read on one
     * of the {@code readers}, a few batches ahead of the walk; a cursor the server killed meanwhile (a slow export) is
     * opened again where it was ({@link ResumableCursor}).
     */
    DistrictCommits district(String districtId, Executor readers) {
        return new DistrictCommits(ReadAhead.start(readers, PASS_BATCH, sink -> {
            try (ResumableCursor pass = new ResumableCursor(commits, eq("tags", EventTags.district(districtId)), "first",
                    query -> query.projection(SEALED_FIELDS).batchSize(PASS_BATCH))) {
                pass.forEachRemaining(sink);
            }
        }));
    }

    final class DistrictCommits implements AutoCloseable {

        /** Positions behind the pass whose commits are still kept for a seal that comes late. */
        private static final long KEPT_BEHIND = 20_000;

        private final ReadAhead<Document> pass;
        private final TreeMap<Long, Document> read = new TreeMap<>();
        private long passedId;

        private DistrictCommits(ReadAhead<Document> pass) {
            this.pass = pass;
        }

        /** The commit stored under this id, if any. */
        Optional<Document> commit(long id) {
            while (passedId < id && pass.hasNext()) {
                Document commit = pass.next();
                passedId = ((Number) commit.get("_id")).longValue();
                read.put(passedId, commit);
            }
            read.headMap(id - KEPT_BEHIND).clear();
            Document found = read.get(id);
            return found != null ? Optional.of(found) : Optional.ofNullable(commits(List.of(id)).get(id));
        }

        @Override
        public void close() {
            pass.close();
        }
    }

    /**
     * How many of the district's events (by their tag) are stored after {@code after} and up to {@code upTo}, where
     * {@code after} lies in commit {@code afterCommit} (0 for none): that commit looked up by {@code _id}, the ones after
     * it by the district's tag from there on (index {@code tags_first}): normally a few commits.
     */
    long countAfter(String districtId, long after, long afterCommit, long upTo) {
        String tag = EventTags.district(districtId);
        Bson fields = Projections.include("events.position", "events.tags");
        List<Document> found = new ArrayList<>();
        if (afterCommit > after) {
            commits.find(eq("_id", afterCommit)).projection(fields).into(found);
        }
        commits.find(and(eq("tags", tag), gt("first", Math.max(after, afterCommit)), lte("first", upTo)))
                .projection(fields).into(found);
        long count = 0;
        for (Document commit : found) {
            for (Document entry : commit.getList("events", Document.class, List.of())) {
                if (entry.get("position") instanceof Number position && position.longValue() > after
                        && position.longValue() <= upTo
                        && entry.get("tags") instanceof List<?> tags && tags.contains(tag)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Commit documents by {@code _id}; ids with no document are absent from the map. */
    Map<Long, Document> commits(Collection<Long> ids) {
        Map<Long, Document> found = new HashMap<>();
        if (!ids.isEmpty()) {
            commits.find(in("_id", ids)).forEach(commit -> found.put(((Number) commit.get("_id")).longValue(), commit));
        }
        return found;
    }
}
