package org.tradeoffs.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

/**
 * An Axon event storage engine on the plain MongoDB driver that gives every event a strictly
 * increasing global position, so tracking processors read by position the way Axon's JDBC engine
 * does, instead of by timestamp (the Mongo extension's engine skips and reorders events under
 * clock skew or slow commits).
 *
 * <p>Layout. One document per commit (the events one unit of work appends), so a commit is stored
 * all or none by a single-document insert, without transactions:
 * <pre>
 * events: {_id: last position, first: first position, count, committedAt,
 *          streams: ["aggregateId:sequence" for every event, ...], tags: [the events' tags],
 *          events: [ {position, aggregateIdentifier, ..., tags} ]}
 * </pre>
 * Tags ({@link EventTags}) say what an event is about (one cycle, the directory), for scoped reads by index.
 * Positions come from a counter document ({@code findOneAndUpdate $inc}). Commits appended concurrently are stored
 * together ({@link JoinedWrites}): one increment for all their positions and one unordered insert, in which each commit
 * succeeds or fails on its own. {@code streams} has a unique
 * (multikey) index: two writers appending the same aggregate at an overlapping sequence number both claim
 * {@code "id:seq"} and the second one fails, which is Axon's optimistic concurrency (the unique
 * aggregate/sequence key of Axon's JPA and JDBC engines).
 *
 * <p>Reading. Every hot read goes by {@code _id} or by the unique {@code streams} key, which mongo-java-server
 * serves by key too (of secondary indexes the embedded store serves only a text in the first field, such as a
 * tag): a tracking reader asks for exactly the next positions
 * ({@code _id $in}), an aggregate is loaded by {@code streams $in ["id:n", "id:n+1", ...]}, also from a
 * sequence number inside a commit.
 *
 * <p>Holes. Positions are allocated before the insert, so a reader can see position 11 committed
 * while 10 is still being written. The reader then stops before the hole and waits, so delivery stays
 * in position order. A writer whose insert fails stores a tombstone over its positions, so a failed
 * append leaves no hole; the tombstone takes the commit's id, so for an insert whose outcome is unknown (the
 * connection lost after the request went out) it also tells whether the commit was stored after all. Only a writer
 * that died between allocating and inserting leaves one (or one whose insert is slower than the hole timeout); after
 * {@code holeTimeout} the reader burns the hole's positions, a marker for each, and moves on: a commit still on its
 * way there then fails as a duplicate of a marker (its caller gets {@link AppendTooLate}), so no commit is
 * acknowledged at a position a reader has passed, and every reader delivers every event in position order. (Tokens
 * from before kept such a hole as a gap of their {@link GapAwareTrackingToken}; a commit there is still delivered.)
 * At the end of the log, such positions look like a commit in flight: a read looks again at once for a moment, then
 * ends before them, and the hole timeout counts from that first sighting. Burned positions carry no event, so a read
 * goes on past them until it finds events, a hole or the head.
 */
public class OrderedMongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(OrderedMongoEventStorageEngine.class);
    private static final String COUNTER_ID = "events";
    /** Positions per query of {@link #readContiguous}, and commits per reply. */
    private static final int REPLAY_RANGE = 5_000;
    private static final int REPLAY_BATCH = 1_000;
    /** Burn markers per insert when a reader burns a hole past the hole timeout ({@link #burnHole}). */
    private static final int BURN_BATCH = 1_000;
    /** How long a tracking read keeps looking for a commit in flight at the end of the log ({@link #waitedForTail}). */
    private static final Duration TAIL_WAIT = Duration.ofMillis(10);
    /** Present once every commit carries its tags (see {@link #tagUntaggedCommits()}). */
    private static final String TAGGED_MARKER = "events-tagged";
    /**
     * Keys asked for per aggregate read, doubling while the stream goes on. Small first: most aggregates
     * are short, and mongo-java-server's unique-index lookups are costly per key.
     */
    private static final int FIRST_AGGREGATE_WINDOW = 8;
    private static final int MAX_AGGREGATE_WINDOW = 128;
    private static final DateTimeFormatter COMMITTED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final Duration holeTimeout;
    private final int maxGapOffset;
    private final LongSupplier nanoClock;
    private final Map<Long, Long> holesFirstSeen = new ConcurrentHashMap<>();
    /** Spaces the blocking reads (the event store's producer), null for no spacing. */
    private final Pacer tailReads;
    /** Concurrent appends stored together, at most 64 commits per insert. */
    private final JoinedWrites<Commit> appends = new JoinedWrites<>(this::store, 64);
    private final List<Consumer<Set<String>>> directoryListeners = new CopyOnWriteArrayList<>();

    protected OrderedMongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(builder.prefix + "events");
        this.snapshots = builder.database.getCollection(builder.prefix + "snapshots");
        this.counters = builder.database.getCollection(builder.prefix + "counters");
        this.holeTimeout = builder.holeTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.nanoClock = builder.nanoClock;
        this.tailReads = builder.busyPollInterval.isZero() ? null
                : new Pacer(builder.busyPollInterval, builder.nanoClock, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Declares the indexes; the unique one is what makes concurrent appends of one aggregate safe. */
    public void ensureIndexes() {
        commits.createIndex(Indexes.ascending("streams"), new IndexOptions().unique(true).name("streams_unique"));
        // Only a real MongoDB uses this one for its range (the embedded store serves a secondary index only for a
        // text in its first field); it serves the one read that cannot go by key: a token at a point in time.
        commits.createIndex(Indexes.ascending("committedAt"), new IndexOptions().name("committedAt"));
        // The scoped reads of readTagged (a tag is a text: the embedded store serves them from this index too).
        commits.createIndex(Indexes.ascending("tags", "first"), new IndexOptions().name("tags_first"));
    }

    // ---------------------------------------------------------------- replays

    /**
     * The events after position {@code after} up to {@code upTo}, for as long as every position is stored: read by
     * windows of commit ids, one query per {@value #REPLAY_RANGE} positions, where the tracking read looks up each
     * position by key. The query names every position of the window ({@code _id $in}) rather than their range:
     * index lookups on MongoDB and on mongo-java-server alike, which would answer a range with a pass over the whole
     * collection. For replays from far behind. It ends before the first position not stored yet (a commit still being written, or a
     * hole) and before a commit that reaches past {@code upTo}; the caller reads on from there the tracking way,
     * which waits for a missing position or keeps it as a gap. Each message carries a token at its own position.
     */
    public Stream<TrackedEventMessage<?>> readContiguous(long after, long upTo) {
        Iterator<List<TrackedEventData<?>>> ranges = new Iterator<>() {
            /** The first position no commit read so far covers. */
            private long next = after + 1;
            /**
             * The last event's position read so far: a commit can hold events at positions a burn marker covered too
             * (its insert and the burning of its positions as a hole crossed), which are delivered all the same.
             */
            private long delivered = after;
            private boolean ended = next > upTo;

            @Override
            public boolean hasNext() {
                return !ended;
            }

            @Override
            public List<TrackedEventData<?>> next() {
                long start = next;
                List<TrackedEventData<?>> events = new ArrayList<>();
                List<Long> ids = LongStream.rangeClosed(next, Math.min(upTo, next + REPLAY_RANGE - 1)).boxed().toList();
                try (MongoCursor<Document> range = commits.find(in("_id", ids))
                        .sort(Sorts.ascending("_id")).batchSize(REPLAY_BATCH).iterator()) {
                    while (range.hasNext()) {
                        Document commit = range.next();
                        if (commit.get("first", Number.class).longValue() > next) {
                            ended = true;
                            return events;
                        }
                        for (Document entry : commit.getList("events", Document.class)) {
                            long position = entry.getLong("position");
                            if (position > delivered) {
                                events.add(new TrackedDomainEventData<>(
                                        GapAwareTrackingToken.newInstance(position, Set.of()), toEventData(entry)));
                                delivered = position;
                            }
                        }
                        next = Math.max(next, commit.getLong("_id") + 1);
                    }
                }
                ended = next > upTo || next == start;
                return events;
            }
        };
        Stream<TrackedEventData<?>> data = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(ranges, Spliterator.ORDERED), false).flatMap(List::stream);
        return EventUtils.upcastAndDeserializeTrackedEvents(data, getEventSerializer(), upcasterChain);
    }

    /**
     * The first position after {@code after}, up to {@code upTo}, that a stored commit (or burn marker) holds; empty if
     * none does. For a replay up to a processor's token that a read the tracking way ended before: at positions not
     * stored (a writer that died between allocating and inserting) that the processor passed after the hole timeout
     * without burning them (as readers did before they burned such holes),
     * which a reader that has not seen them yet (the service restarted since) would first wait for.
     */
    public OptionalLong firstStoredAfter(long after, long upTo) {
        for (long from = after + 1; from <= upTo; from += REPLAY_RANGE) {
            List<Long> ids = LongStream.rangeClosed(from, Math.min(upTo, from + REPLAY_RANGE - 1)).boxed().toList();
            Document commit = commits.find(in("_id", ids)).sort(Sorts.ascending("_id"))
                    .projection(new Document("first", 1)).first();
            if (commit != null) {
                return OptionalLong.of(Math.max(after + 1, commit.get("first", Number.class).longValue()));
            }
        }
        return OptionalLong.empty();
    }

    /** How many appends wait for the group being stored (for tests). */
    int appendsWaiting() {
        return appends.waiting();
    }

    // ---------------------------------------------------------------- tagged reads

    /**
     * Every event carrying one of the {@link EventTags tags}, up to and including a global position, in position
     * order, upcast and deserialized as tracking reads deliver them: what a replay of the views of one cycle needs,
     * found by the {@code tags} index instead of by reading every commit. Each message carries a token at its own
     * position. It reads what is committed now: a caller wanting a settled past reads at or below a position every
     * commit before which is known to be stored (a tracking processor's token without gaps reached it).
     */
    public Stream<TrackedEventMessage<?>> readTagged(Collection<String> tags, long upTo) {
        Set<String> wanted = Set.copyOf(tags);
        List<TrackedEventData<?>> found = new ArrayList<>();
        for (Document commit : commits.find(and(in("tags", wanted), lte("first", upTo))).sort(Sorts.ascending("_id"))) {
            for (Document entry : commit.getList("events", Document.class)) {
                long position = entry.getLong("position");
                if (position <= upTo && entry.getList("tags", String.class, List.of()).stream().anyMatch(wanted::contains)) {
                    found.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(position, Set.of()),
                            toEventData(entry)));
                }
            }
        }
        return EventUtils.upcastAndDeserializeTrackedEvents(found.stream(), getEventSerializer(), upcasterChain);
    }

    /**
     * Tags the commits stored before events were tagged (their tags derived from their payloads, upcast as they are
     * read), so that tagged reads find them too; answers how many commits it tagged. Once done, a marker in
     * {@code counters} says so, and later starts skip the search. Idempotent: two services starting together both
     * tag and write the same tags.
     */
    public int tagUntaggedCommits() {
        if (counters.find(eq("_id", TAGGED_MARKER)).first() != null) {
            return 0;
        }
        int tagged = 0;
        for (Document commit : commits.find(exists("tags", false))) {
            List<Document> entries = commit.getList("events", Document.class);
            List<TrackedEventData<?>> data = new ArrayList<>();
            for (Document entry : entries) {
                data.add(new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(entry.getLong("position"), Set.of()), toEventData(entry)));
            }
            List<List<String>> eventTags = EventUtils.upcastAndDeserializeTrackedEvents(data.stream(),
                    getEventSerializer(), upcasterChain).map(event -> EventTags.of(event.getPayload())).toList();
            if (eventTags.size() != entries.size()) {
                log.warn("Commit {} could not be tagged: its {} events upcast to {}; scoped reads miss it",
                        commit.get("_id"), entries.size(), eventTags.size());
                continue;
            }
            List<Document> taggedEntries = new ArrayList<>();
            Set<String> commitTags = new LinkedHashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                taggedEntries.add(new Document(entries.get(i)).append("tags", eventTags.get(i)));
                commitTags.addAll(eventTags.get(i));
            }
            commits.updateOne(eq("_id", commit.get("_id")), Updates.combine(
                    Updates.set("events", taggedEntries), Updates.set("tags", List.copyOf(commitTags))));
            tagged++;
        }
        if (tagged > 0) {
            log.info("Tagged {} commits stored before events carried tags", tagged);
        }
        counters.replaceOne(eq("_id", TAGGED_MARKER), new Document("_id", TAGGED_MARKER).append("at", timeKey(Instant.now())),
                new ReplaceOptions().upsert(true));
        return tagged;
    }

    // ---------------------------------------------------------------- append

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Long> lastSequenceByAggregate = new LinkedHashMap<>();
        List<Document> entries = new ArrayList<>(events.size());
        List<String> streams = new ArrayList<>();
        Set<String> commitTags = new LinkedHashSet<>();
        EventMessage<?> firstDomainEvent = null;
        for (EventMessage<?> event : events) {
            Document entry = new Document("position", null);
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
                entry.append("aggregateType", domainEvent.getType())
                     .append("aggregateIdentifier", domainEvent.getAggregateIdentifier())
                     .append("sequenceNumber", domainEvent.getSequenceNumber());
                // every sequence number is claimed, not only the commit's first: an append at any used one fails
                streams.add(domainEvent.getAggregateIdentifier() + ":" + domainEvent.getSequenceNumber());
                lastSequenceByAggregate.put(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber());
                if (firstDomainEvent == null) {
                    firstDomainEvent = domainEvent;
                }
            } else {
                entry.append("aggregateType", null)
                     .append("aggregateIdentifier", event.getIdentifier())
                     .append("sequenceNumber", 0L);
                streams.add("~" + event.getIdentifier());
            }
            SerializedObject<String> payload = event.serializePayload(serializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
            List<String> tags = EventTags.of(event.getPayload());
            commitTags.addAll(tags);
            entry.append("tags", tags)
                 .append("eventIdentifier", event.getIdentifier())
                 .append("timestamp", event.getTimestamp().toString())
                 .append("payloadType", payload.getType().getName())
                 .append("payloadRevision", payload.getType().getRevision())
                 .append("payload", payload.getData())
                 .append("metaData", metaData.getData());
            entries.add(entry);
        }
        Commit commit = new Commit(new Document("_id", null)
                .append("first", null)
                .append("count", events.size())
                .append("committedAt", null)
                .append("streams", streams)
                .append("tags", List.copyOf(commitTags))
                .append("events", entries), entries, expectedDirectoryVersions(),
                DirectoryVersions.changedBy(commitTags));
        appends.write(commit);
        if (commit.failure instanceof MongoWriteException e) {
            handlePersistenceException(e, firstDomainEvent != null ? firstDomainEvent : events.get(0));
        } else if (commit.failure != null) {
            throw commit.failure;
        }
        CurrentUnitOfWork.ifStarted(unitOfWork -> AppendReceipt.of(unitOfWork).record(commit.last, lastSequenceByAggregate));
    }

    /**
     * One unit of work's events as one document, waiting for its positions, and then its outcome: the last position,
     * or why it failed.
     */
    private static final class Commit extends JoinedWrites.Item {

        private final Document document;
        private final List<Document> entries;
        /** District id to the directory version the command was checked at (see {@link DirectoryVersions}). */
        private final Map<String, Long> expected;
        /** The districts whose directory this commit changes. */
        private final Set<String> changes;
        private long last;
        private RuntimeException failure;

        private Commit(Document document, List<Document> entries, Map<String, Long> expected, Set<String> changes) {
            this.document = document;
            this.entries = entries;
            this.expected = expected;
            this.changes = changes;
        }

        /** The districts whose directory version in the counter (as it was before this group's increment) moved. */
        Set<String> moved(Document counter) {
            Set<String> moved = new LinkedHashSet<>();
            expected.forEach((district, version) -> {
                if (directoryVersion(counter, district) != version) {
                    moved.add(district);
                }
            });
            return moved;
        }

        int count() {
            return entries.size();
        }

        /** Gives the commit its positions, from {@code first} on. */
        void place(long first, String committedAt) {
            last = first + entries.size() - 1;
            long position = first;
            for (Document entry : entries) {
                entry.put("position", position++);
            }
            document.append("_id", last).append("first", first).append("committedAt", committedAt);
        }

        long first() {
            return last - entries.size() + 1;
        }

        @Override
        void failed(RuntimeException failure) {
            this.failure = failure;
        }
    }

    /**
     * Stores commits that arrived together: their positions in one counter increment, the documents in one insert,
     * each succeeding or failing on its own (an unordered insert); a failed one's positions are burned. The increment
     * also reads the directory versions the commits were checked at: a commit whose version moved, or whose directory
     * an earlier commit of the group changes, is not stored (a burn marker takes its positions in the same insert) and
     * fails with {@link DirectoryChanged}. Commits that change a directory bump its version once stored, before they
     * are acknowledged.
     */
    private void store(List<Commit> group) {
        int count = group.stream().mapToInt(Commit::count).sum();
        Set<String> watched = new TreeSet<>();
        group.forEach(commit -> watched.addAll(commit.expected.keySet()));
        Document counter = allocate(count, watched);
        long next = positionOf(counter) + 1;
        String committedAt = timeKey(Instant.now());
        List<Document> documents = new ArrayList<>(group.size());
        // districts whose directory an earlier commit of this group changes: a later commit checked at their version
        // before it would be stored after the change it was not checked against
        Set<String> changedEarlier = new TreeSet<>();
        for (Commit commit : group) {
            commit.place(next, committedAt);
            next = commit.last + 1;
            Set<String> moved = commit.moved(counter);
            commit.expected.keySet().stream().filter(changedEarlier::contains).forEach(moved::add);
            if (moved.isEmpty()) {
                documents.add(commit.document);
                changedEarlier.addAll(commit.changes);
            } else {
                commit.failed(new DirectoryChanged(moved));
                documents.add(burnMarker(commit.first(), commit.last, committedAt));
            }
        }
        List<Commit> unmarked = new ArrayList<>(); // stale commits whose burn marker the insert did not store
        try {
            if (documents.size() == 1) {
                commits.insertOne(documents.get(0));
            } else {
                commits.insertMany(documents, new InsertManyOptions().ordered(false));
            }
        } catch (MongoWriteException e) {
            insertFailed(group.get(0), e, unmarked);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                insertFailed(group.get(error.getIndex()),
                        new MongoWriteException(error, e.getServerAddress(), e.getErrorLabels()), unmarked);
            }
            if (e.getWriteConcernError() != null) {
                group.stream().filter(commit -> commit.failure == null).forEach(commit -> commit.failed(e));
            }
        } catch (RuntimeException e) {
            group.forEach(commit -> insertFailed(commit, e, unmarked));
        }
        group.stream().filter(commit -> commit.failure != null && !(commit.failure instanceof DirectoryChanged))
                .forEach(this::burnUnlessStored);
        unmarked.forEach(commit -> burn(commit.first(), commit.last));
        bumpDirectoryVersions(group.stream().filter(commit -> commit.failure == null && !commit.changes.isEmpty())
                .toList());
    }

    /**
     * A commit's document was not inserted: a commit to be stored fails with the error; for a stale one (failed
     * already) its burn marker is to be written again.
     */
    private static void insertFailed(Commit commit, RuntimeException failure, List<Commit> unmarked) {
        if (commit.failure == null) {
            commit.failed(failure);
        } else {
            unmarked.add(commit);
        }
    }

    /**
     * One increment for the directories the stored commits changed. If it fails, the commits are stored but not
     * acknowledged (their callers get the error), and instances that cached the old directory see the change only
     * when they read it again anyway (see the command side's directory).
     */
    private void bumpDirectoryVersions(List<Commit> changing) {
        if (changing.isEmpty()) {
            return;
        }
        Set<String> districts = new TreeSet<>();
        changing.forEach(commit -> districts.addAll(commit.changes));
        try {
            counters.updateOne(eq("_id", COUNTER_ID), Updates.combine(districts.stream()
                    .map(district -> Updates.inc(DirectoryVersions.field(district), 1L)).toList()));
        } catch (RuntimeException e) {
            log.error("Stored a change of the directory of {} but could not bump its version", districts, e);
            changing.forEach(commit -> commit.failed(e));
            return;
        }
        directoryListeners.forEach(listener -> listener.accept(districts));
    }

    /**
     * Calls the listener with the districts whose directory version an append through this engine has just bumped
     * (before the append is acknowledged): a cache of the directory in this process can let go of them at once
     * instead of finding out from its next append.
     */
    public void onDirectoryChange(Consumer<Set<String>> listener) {
        directoryListeners.add(listener);
    }

    /**
     * Reserves {@code count} positions; answers the counter as it was before, with its position and the directory
     * versions of the given districts.
     */
    private Document allocate(int count, Set<String> districts) {
        // Asks for the document BEFORE the increment: mongo-java-server answers AFTER with its live copy of the
        // counter, which a concurrent $inc can change before the reply is written, so two writers got the same
        // positions (E11000 on _id) and some positions were never used (holes every reader waited out).
        List<String> fields = new ArrayList<>(List.of("position"));
        districts.forEach(district -> fields.add(DirectoryVersions.field(district)));
        Document before = counters.findOneAndUpdate(eq("_id", COUNTER_ID), Updates.inc("position", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE)
                        .projection(Projections.include(fields)));
        return before == null ? new Document() : before;
    }

    private static long positionOf(Document counter) {
        Number position = counter.get("position", Number.class);
        return position == null ? 0L : position.longValue();
    }

    private static long directoryVersion(Document counter, String districtId) {
        Document directory = counter.get("directory", Document.class);
        Number version = directory == null ? null : directory.get(districtId, Number.class);
        return version == null ? 0L : version.longValue();
    }

    /** The district's directory version now (see {@link DirectoryVersions}); 0 before its first change. */
    public long directoryVersion(String districtId) {
        Document counter = counters.find(eq("_id", COUNTER_ID))
                .projection(Projections.include(DirectoryVersions.field(districtId))).first();
        return counter == null ? 0L : directoryVersion(counter, districtId);
    }

    /** The directory versions the command being handled was checked at, from its metadata; empty if none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> expectedDirectoryVersions() {
        if (!CurrentUnitOfWork.isStarted() || CurrentUnitOfWork.get().getMessage() == null) {
            return Map.of();
        }
        Object expected = CurrentUnitOfWork.get().getMessage().getMetaData().get(DirectoryVersions.EXPECTED);
        return expected instanceof Map<?, ?> versions ? (Map<String, Long>) versions : Map.of();
    }

    /**
     * {@code committedAt} as fixed-width text, so string order is time order ({@link Instant#toString()} drops
     * zero fractions: "12:00:00Z" sorts after "12:00:00.1Z").
     */
    static String timeKey(Instant instant) {
        return COMMITTED_AT.format(instant);
    }

    /**
     * A commit whose insert failed: its positions are burned, unless it was stored after all. An insert that failed
     * on its way (the connection lost, a write concern not confirmed, the driver's retry failed too) may still have
     * been applied. The burn marker takes the commit's id, so whichever of the two the store holds is the outcome: the
     * marker stored, the commit is not and never will be (the caller's error stands, a retry is safe); the marker
     * refused as a duplicate and the commit found under the id, it was stored, and the append succeeds.
     */
    private void burnUnlessStored(Commit commit) {
        if (burn(commit.first(), commit.last) != Burn.TAKEN) {
            return;
        }
        Object stored = storedStreams(commit);
        if (commit.document.get("streams").equals(stored)) {
            log.info("An append that failed with {} was stored at positions {}..{} all the same: acknowledged",
                    commit.failure.toString(), commit.first(), commit.last);
            commit.failure = null;
        } else if (List.of(burnedStream(commit.last)).equals(stored)) {
            // not a marker of this writer's (it found the id taken): a reader burned the positions as a hole
            commit.failure = new AppendTooLate(commit.first(), commit.last, commit.failure);
        }
    }

    /**
     * The {@code streams} of the document stored under the commit's id (the commit's own, or what else claims the
     * id); null if there is none, or it could not be read (the append is then answered as failed).
     */
    private Object storedStreams(Commit commit) {
        try {
            Document stored = commits.find(eq("_id", commit.last)).projection(Projections.include("streams")).first();
            return stored == null ? null : stored.get("streams");
        } catch (RuntimeException e) {
            log.warn("Could not tell whether the append at positions {}..{} was stored; it is answered as failed",
                    commit.first(), commit.last, e);
            return null;
        }
    }

    private static String burnedStream(long last) {
        return "~burned:" + last;
    }

    /** What became of a burn marker. */
    private enum Burn { STORED, TAKEN, UNKNOWN }

    /** Covers the positions of a failed append so readers do not wait for them. */
    private Burn burn(long first, long last) {
        try {
            commits.insertOne(burnMarker(first, last, timeKey(Instant.now())));
            return Burn.STORED;
        } catch (RuntimeException e) {
            if (e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Burn.TAKEN; // something is stored under the id already
            }
            log.warn("Could not mark positions {}..{} of a failed append; readers burn them after the hole timeout",
                    first, last, e);
            return Burn.UNKNOWN;
        }
    }

    /** A commit without events over positions that will carry none. */
    static Document burnMarker(long first, long last, String committedAt) {
        return new Document("_id", last).append("first", first).append("count", (int) (last - first + 1))
                .append("committedAt", committedAt)
                .append("streams", List.of(burnedStream(last))).append("tags", List.of()).append("events", List.of());
    }

    /** The highest position handed out so far (some may still be in flight). */
    public long headPosition() {
        Document counter = counters.find(eq("_id", COUNTER_ID)).projection(Projections.include("position")).first();
        return counter == null ? 0L : positionOf(counter);
    }

    // ---------------------------------------------------------------- tracking reads

    /**
     * A tracking read. A blocking one is the event store's producer tailing the store for its processors: it reads
     * again at once after a read that found events, and waits the poll interval after one that found none. So under a
     * steady stream of commands it would read after every event or two; with a busy poll interval it reads at most
     * that often, and finds what arrived meanwhile in one read.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock && tailReads != null) {
            tailReads.pace();
        }
        return StreamSupport.stream(new TrackedBatches(trackingToken), false);
    }

    /**
     * The events after a token, fetched a batch at a time, up to the head or a hole: Axon's own stream would fetch once
     * more to find nothing, a read of the head position for every time the producer polls. A reader that wants more
     * opens a stream again, as the producer does.
     */
    private final class TrackedBatches extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean more = true;

        private TrackedBatches(TrackingToken from) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.last = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            while (!batch.hasNext()) {
                if (!more) {
                    return false;
                }
                TrackedBatch next = trackedBatch(last, batchSize());
                more = !next.atEnd();
                batch = next.events().iterator();
            }
            TrackedEventData<?> event = batch.next();
            last = event.trackingToken();
            action.accept(event);
            return true;
        }
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return trackedBatch(lastToken, batchSize).events();
    }

    /** A tracking read's events, and whether it reached the head or a hole: nothing more to read for now. */
    private record TrackedBatch(List<TrackedEventData<?>> events, boolean atEnd) {
    }

    private TrackedBatch trackedBatch(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = lastToken == null
                ? GapAwareTrackingToken.newInstance(0, Set.of())
                : (GapAwareTrackingToken) lastToken;
        long head = headPosition();
        if (head <= token.getIndex() && !token.hasGaps()) {
            return new TrackedBatch(List.of(), true);
        }
        Walk walk = new Walk(token, batchSize);
        List<Long> wanted = new ArrayList<>(token.getGaps());
        while (true) {
            long scanned = walk.expected - 1;
            long windowEnd = Math.min(head, scanned + Math.max(batchSize, 1));
            for (long p = scanned + 1; p <= windowEnd; p++) {
                wanted.add(p);
            }
            List<Document> found = commits.find(in("_id", wanted)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            boolean anyAhead = found.stream().anyMatch(c -> c.getLong("_id") > scanned);
            if (!anyAhead && head > windowEnd) {
                // A commit larger than the window, or a long hole: find the next commit by range (rare, scans on the fake).
                Document next = commits.find(gt("_id", scanned)).sort(Sorts.ascending("_id")).first();
                if (next != null) {
                    found.add(next);
                }
            }
            walk.consume(found);
            if (walk.timedOutHole != null) {
                // burned now (or filled by the append just in time): what the positions hold is settled; read them
                burnHole(walk.timedOutHole[0], walk.timedOutHole[1]);
                walk.timedOutHole = null;
                wanted = new ArrayList<>();
                continue;
            }
            // Nothing delivered but burned positions passed: no event carries a token past them, so read on
            // (returning empty here left the reader stuck before a window full of failed appends).
            boolean passedOnlyBurned = walk.result.isEmpty() && !walk.stopped && walk.expected - 1 > scanned;
            if (!passedOnlyBurned || walk.expected > head) {
                boolean atHole = walk.stopped && walk.result.size() < batchSize;
                return new TrackedBatch(walk.result, atHole || walk.expected > head
                        || waitedForTail(walk, scanned, windowEnd, head));
            }
            wanted = new ArrayList<>();
        }
    }

    /**
     * Whether a read that ends short of the head with nothing visible after what it delivered has looked long enough.
     * Those positions are a commit in flight, which the reader looks for again at once, so that it is delivered as
     * soon as it lands; but a writer that died between allocating and inserting leaves them for good, and the reader
     * would look again and again for as long as nothing follows them. Past {@link #TAIL_WAIT} after they were first
     * seen, the read ends there, as at any hole, and the hole timeout, counted from that sighting, later lets the
     * commits after them through.
     */
    private boolean waitedForTail(Walk walk, long scanned, long windowEnd, long head) {
        boolean movedOn = walk.expected - 1 > scanned;
        if (walk.stopped || movedOn && (walk.expected > windowEnd || windowEnd < head)) {
            return false; // a full batch, or more may be visible past the window: read on
        }
        long now = nanoClock.getAsLong();
        Long firstSeen = holesFirstSeen.putIfAbsent(walk.expected, now);
        return firstSeen != null && now - firstSeen >= TAIL_WAIT.toNanos();
    }

    /**
     * One read along the commits in position order, from a token; stops at a young hole, at a hole past the hole
     * timeout (to be burned first: {@link #timedOutHole}) or at a full batch.
     */
    private final class Walk {

        private final int batchSize;
        private final TreeSet<Long> gaps;
        private final List<TrackedEventData<?>> result = new ArrayList<>();
        private long index;
        private long expected;
        private boolean stopped;
        /** The first and last position of a hole past the hole timeout, where the walk stopped; null if none. */
        private long[] timedOutHole;

        private Walk(GapAwareTrackingToken start, int batchSize) {
            this.batchSize = batchSize;
            this.gaps = new TreeSet<>(start.getGaps());
            this.index = start.getIndex();
            this.expected = index + 1;
        }

        private void consume(List<Document> found) {
            for (Document commit : found) {
                long last = commit.getLong("_id");
                long first = commit.get("first", Number.class).longValue();
                if (first > expected) {
                    if (holeTimedOut(expected)) {
                        timedOutHole = new long[] {expected, first - 1};
                    } else {
                        stopped = true;
                    }
                    return;
                } else if (first == expected) {
                    holesFirstSeen.remove(expected);
                }
                for (Document entry : commit.getList("events", Document.class)) {
                    long position = entry.getLong("position");
                    boolean fillsGap = gaps.remove(position);
                    if (!fillsGap && position <= index) {
                        continue;
                    }
                    index = Math.max(index, position);
                    gaps.headSet(index - maxGapOffset).clear();
                    result.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, gaps), toEventData(entry)));
                }
                // every position up to the end of this commit is now delivered, seen before or burned
                expected = Math.max(expected, last + 1);
                if (result.size() >= batchSize) {
                    stopped = true;
                    return;
                }
            }
        }
    }

    /**
     * Burns the positions of a hole past the hole timeout, a marker for each: whatever commit a writer still has on
     * its way there takes the id of one of them (its last position) and now fails as a duplicate, and its caller gets
     * the error; nothing is acknowledged at a position a reader has passed. A marker refused as a duplicate meets a
     * commit stored just in time, or another reader's marker; the caller reads the positions again either way.
     */
    private void burnHole(long first, long last) {
        String committedAt = timeKey(Instant.now());
        for (long from = first; from <= last; from += BURN_BATCH) {
            List<Document> markers = LongStream.rangeClosed(from, Math.min(last, from + BURN_BATCH - 1))
                    .mapToObj(position -> burnMarker(position, position, committedAt)).toList();
            try {
                commits.insertMany(markers, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null || e.getWriteErrors().stream()
                        .anyMatch(error -> error.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
                    throw e;
                }
            }
        }
        holesFirstSeen.remove(first);
        log.warn("Positions {}..{} never became visible within {}; burned them, so an append still on its way there "
                + "fails", first, last, holeTimeout);
    }

    private boolean holeTimedOut(long position) {
        long now = nanoClock.getAsLong();
        Long firstSeen = holesFirstSeen.putIfAbsent(position, now);
        return firstSeen != null && now - firstSeen >= holeTimeout.toNanos();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = headPosition();
        return head == 0 ? null : GapAwareTrackingToken.newInstance(head, Set.of());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document firstAfter = commits.find(gte("committedAt", timeKey(dateTime))).sort(Sorts.ascending("_id")).first();
        if (firstAfter == null) {
            return createHeadToken();
        }
        long before = firstAfter.get("first", Number.class).longValue() - 1;
        return before <= 0 ? null : GapAwareTrackingToken.newInstance(before, Set.of());
    }

    // ---------------------------------------------------------------- aggregate reads

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                  int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        long next = firstSequenceNumber;
        int window = FIRST_AGGREGATE_WINDOW;
        while (result.size() < batchSize) {
            List<String> keys = new ArrayList<>(window);
            for (long s = next; s < next + window; s++) {
                keys.add(aggregateIdentifier + ":" + s);
            }
            // every event has its key, so this also finds the commit around a sequence number inside it
            List<Document> found = commits.find(in("streams", keys)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            long before = next;
            for (Document commit : found) {
                for (Document entry : commit.getList("events", Document.class)) {
                    long sequence = entry.getLong("sequenceNumber");
                    if (aggregateIdentifier.equals(entry.getString("aggregateIdentifier")) && sequence >= next) {
                        result.add(toEventData(entry));
                        next = sequence + 1;
                    }
                }
            }
            // Sequence numbers have no holes: a window that ends before its last key was found ends the stream.
            if (next < before + window) {
                break;
            }
            window = Math.min(window * 2, MAX_AGGREGATE_WINDOW);
        }
        return result;
    }

    /** A short batch ends the stream (see above), so no extra query to confirm it is empty. */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    private static GenericDomainEventEntry<String> toEventData(Document entry) {
        return new GenericDomainEventEntry<>(entry.getString("aggregateType"), entry.getString("aggregateIdentifier"),
                entry.getLong("sequenceNumber"), entry.getString("eventIdentifier"), entry.getString("timestamp"),
                entry.getString("payloadType"), entry.getString("payloadRevision"), entry.getString("payload"),
                entry.getString("metaData"));
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        Document entry = new Document("aggregateType", snapshot.getType())
                .append("aggregateIdentifier", snapshot.getAggregateIdentifier())
                .append("sequenceNumber", snapshot.getSequenceNumber())
                .append("eventIdentifier", snapshot.getIdentifier())
                .append("timestamp", snapshot.getTimestamp().toString())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
        // The snapshot sits in one field: mongo-java-server replaces a stored document field by field while a
        // concurrent read may be encoding it, so a flat layout let a reader get one snapshot's sequence number
        // with another's payload; a single field is swapped whole.
        Document document = new Document("_id", snapshot.getAggregateIdentifier())
                .append("sequenceNumber", snapshot.getSequenceNumber())
                .append("snapshot", entry);
        try {
            // only replace an older snapshot; a newer one already stored wins (the upsert then hits a duplicate _id)
            snapshots.replaceOne(and(eq("_id", snapshot.getAggregateIdentifier()),
                    lt("sequenceNumber", snapshot.getSequenceNumber())), document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Optional.ofNullable(snapshots.find(eq("_id", aggregateIdentifier)).first())
                .map(document -> toEventData(document.get("snapshot", Document.class))).stream();
    }

    // ---------------------------------------------------------------- builder

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String prefix = "";
        private Duration holeTimeout = Duration.ofSeconds(30);
        private int maxGapOffset = 10_000;
        private LongSupplier nanoClock = System::nanoTime;
        private Duration busyPollInterval = Duration.ZERO;

        public Builder() {
            persistenceExceptionResolver(e -> e instanceof MongoWriteException w
                    && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** Prefix for the collection names (tests use it to keep stores apart). */
        public Builder collectionPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** How long a reader waits for an allocated position to become visible before it moves on. */
        public Builder holeTimeout(Duration holeTimeout) {
            this.holeTimeout = holeTimeout;
            return this;
        }

        /** The least time between the starts of two blocking tracking reads (see {@link #readEventData}); 0: none. */
        public Builder busyPollInterval(Duration busyPollInterval) {
            this.busyPollInterval = busyPollInterval;
            return this;
        }

        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("A MongoDatabase is required");
            }
        }

        public OrderedMongoEventStorageEngine build() {
            validate();
            return new OrderedMongoEventStorageEngine(this);
        }
    }
}
