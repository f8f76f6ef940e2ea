package org.tradeoffs.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.LongStream;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's quick matching ({@code $in} by key, a field equal to a text, whole-number bounds) and
 * sorting on one field find what mongo-java-server's own matching and sorting find, in the same order.
 */
class EmbeddedQueriesTest {

    private static final List<Document> DOCUMENTS = List.of(
            new Document("_id", 1).append("n", 1).append("tags", List.of("d:1", "c:1")).append("at", 5L)
                    .append("events", List.of(new Document("position", 1).append("payload", "a").append("x", 1), 5,
                            new Document("payload", "b"), List.of(new Document("position", 2)))),
            new Document("_id", 2L).append("n", 2.0).append("tags", "d:1").append("at", -3)
                    .append("events", List.of()),
            new Document("_id", 3.0).append("n", "3").append("tags", List.of("d:2")).append("at", 2.5),
            new Document("_id", 4.5).append("n", List.of(0, 7)).append("tags", List.of(List.of("d:1")))
                    .append("at", 9_007_199_254_740_993L),
            new Document("_id", 9_007_199_254_740_993L).append("n", new Document("x", 1))
                    .append("at", 9_007_199_254_740_992L),
            new Document("_id", "a").append("n", true).append("sub", new Document("x", 1)).append("tags", new Document("d", 1))
                    .append("at", "5").append("events", new Document("payload", "c").append("position", 3)),
            new Document("_id", "one").append("n", null).append("tags", null).append("at", List.of(6, 1)),
            new Document("_id", "b").append("n", "a").append("tags", List.of()).append("at", 3_000_000_000L)
                    .append("events", "none"),
            new Document("_id", "c").append("n", 3).append("tags", List.of(1, "d:1")).append("at", 4));

    private static final List<Document> QUERIES = List.of(
            Document.parse("{_id: {$in: [1.0, 2, 3, 'one', 'a', 'zzz', 4.5]}}"),
            new Document("_id", new Document("$in", List.of(9_007_199_254_740_993L, 9_007_199_254_740_992L))),
            Document.parse("{_id: {$in: []}}"),
            Document.parse("{n: {$in: [1, '3', 2, 'a', 7, 0]}}"),
            Document.parse("{n: {$in: [[0, 7]]}}"),
            Document.parse("{n: {$in: [null]}}"),
            Document.parse("{n: {$in: [{x: 1}]}}"),
            Document.parse("{'sub.x': {$in: [1]}}"),
            Document.parse("{_id: {$in: [1, 'a']}, n: 1}"),
            Document.parse("{n: {$nin: [1, 2]}}"),
            Document.parse("{n: {$in: [1], $ne: 2}}"),
            Document.parse("{tags: 'd:1'}"),
            Document.parse("{tags: 'd:2'}"),
            Document.parse("{tags: 'nowhere'}"),
            Document.parse("{tags: {$in: ['d:2', 'd:1']}}"),
            Document.parse("{$and: [{tags: {$in: ['d:2', 'nowhere', 'd:3']}}, {at: {$lte: 5}}]}"),
            Document.parse("{tags: {$in: []}}"),
            Document.parse("{tags: {$in: ['d:1', 1]}}"),
            Document.parse("{n: 'a'}"),
            Document.parse("{tags: 'd:1', n: {$lte: 2}}"),
            Document.parse("{tags: 'd:1', _id: {$in: [1, 'c']}}"),
            Document.parse("{tags: 'd:1', $or: [{n: 1}, {n: 3}]}"),
            Document.parse("{at: {$lte: 5}}"),
            Document.parse("{at: {$gt: -3, $lt: 6}}"),
            Document.parse("{at: {$gte: 4, $lte: 3000000000}}"),
            new Document("at", new Document("$lt", 9_007_199_254_740_993L)),
            Document.parse("{_id: {$gte: 2}, n: {$lte: 3}}"),
            Document.parse("{$and: [{tags: 'd:1'}, {at: {$lte: 4}}]}"),
            Document.parse("{$and: [{tags: 'd:1'}, {$or: [{n: 3}, {n: 'zz'}]}, {at: {$gte: 4}}]}"),
            Document.parse("{$and: [{at: {$gt: 1}}, {at: {$lt: 5}}], n: {$type: 'number'}}"),
            Document.parse("{$and: [{n: {$exists: true}}]}"));

    /** Inclusions of fields, served by the embedded store itself; then two it leaves to mongo-java-server. */
    private static final List<Document> PROJECTIONS = List.of(
            Document.parse("{'events.position': 1, 'events.payload': 1}"),
            Document.parse("{n: 1, tags: true}"),
            Document.parse("{_id: 1, 'sub.x': 1, missing: 1}"),
            Document.parse("{'events.payload': 1.0, at: 1, 'sub.y': 1}"),
            Document.parse("{n: 0}"),
            Document.parse("{'events.position.deep': 1, n: 1}"));

    private static final List<Bson> ORDERS = List.of(Sorts.ascending("at"), Sorts.descending("at"),
            Sorts.ascending("n"), Sorts.descending("_id"));

    @TempDir
    Path directory;

    private EmbeddedMongo embedded;
    private EmbeddedMongo reference;
    private MongoClient ours;
    private MongoClient theirs;
    /** The embedded store, with the quick queries. */
    private MongoCollection<Document> fast;
    /** mongo-java-server's memory backend, holding the same documents: the answers to compare with. */
    private MongoCollection<Document> plain;

    @BeforeEach
    void fill() throws Exception {
        embedded = EmbeddedMongo.onDisk(directory, 0);
        reference = EmbeddedMongo.inMemory();
        ours = MongoClients.create(embedded.connectionString("queries"));
        theirs = MongoClients.create(reference.connectionString("queries"));
        fast = ours.getDatabase("queries").getCollection("values");
        plain = theirs.getDatabase("queries").getCollection("values");
        fast.insertMany(copies());
        plain.insertMany(copies());
    }

    @AfterEach
    void close() throws Exception {
        ours.close();
        theirs.close();
        embedded.close();
        reference.close();
    }

    @Test
    void quickQueriesFindWhatTheServersOwnMatchingFinds() {
        for (Document query : QUERIES) {
            assertThat(ids(fast, query, Sorts.ascending("_id"))).as("%s", query.toJson())
                    .isEqualTo(ids(plain, query, Sorts.ascending("_id")));
        }
        assertThat(ids(fast, QUERIES.get(0), Sorts.ascending("_id"))).as("the query that matters most")
                .hasSize(6);
        assertThat(ids(fast, Document.parse("{tags: 'd:1'}"), Sorts.ascending("_id")))
                .as("a district's commits by tag").containsExactly("1", "2", "c");
        assertThat(ids(fast, Document.parse("{at: {$gt: -3, $lt: 6}}"), Sorts.ascending("_id")))
                .as("bounds").containsExactly("1", "3.0", "c", "one");
    }

    @Test
    void aDocumentHoldingSeveralOfTheKeysInAUniquelyIndexedArrayIsFoundOnce() {
        MongoCollection<Document> commits = ours.getDatabase("queries").getCollection("commits");
        commits.createIndex(Indexes.ascending("streams"), new IndexOptions().unique(true));
        commits.insertOne(new Document("_id", 32L).append("streams", List.of("a:0", "b:0", "c:0")));
        commits.insertOne(new Document("_id", 33L).append("streams", List.of("d:0")));

        assertThat(ids(commits, Document.parse("{streams: {$in: ['c:0', 'a:0', 'd:0', 'b:0', 'x:0']}}"), null))
                .containsExactlyInAnyOrder("32", "33");
    }

    /**
     * Unique indexes (the {@code _id} one, and one on an array, as the event log's {@code streams}) refuse the same
     * writes as the server's own, with a duplicate-key error, and are left as they were: each refused write changes
     * nothing, and what it would have added is not found by its keys afterwards.
     */
    @Test
    void uniqueIndexesRefuseWhatTheServersOwnRefuseAndStayAsTheyWere() {
        List<String> outcomes = new ArrayList<>();
        for (MongoCollection<Document> collection : List.of(fast, plain)) {
            collection.deleteMany(new Document());
            collection.createIndex(Indexes.ascending("tags"), new IndexOptions().unique(true).name("tags_unique"));
        }
        List<Document> writes = List.of(
                Document.parse("{_id: 10, tags: ['s:1', 's:2']}"),
                Document.parse("{_id: 10, tags: ['s:9']}"),
                Document.parse("{_id: 10.0, tags: ['s:9']}"),
                new Document("_id", 10L).append("tags", List.of("s:9")),
                Document.parse("{_id: 11, tags: ['s:3', 's:2']}"),
                Document.parse("{_id: 12, tags: ['s:4', 's:4']}"),
                Document.parse("{_id: 13, tags: 's:4'}"),
                Document.parse("{_id: 14, tags: ['s:5']}"));
        for (MongoCollection<Document> collection : List.of(fast, plain)) {
            StringBuilder outcome = new StringBuilder();
            for (Document write : writes) {
                try {
                    collection.insertOne(Document.parse(write.toJson()));
                    outcome.append("added ");
                } catch (MongoWriteException e) {
                    outcome.append(e.getError().getCategory()).append(' ');
                }
            }
            try {
                collection.updateOne(eq("_id", 14), set("tags", List.of("s:1")));
            } catch (MongoWriteException e) {
                outcome.append("update ").append(e.getError().getCategory()).append(' ');
            }
            for (String tag : List.of("s:1", "s:2", "s:3", "s:4", "s:5", "s:9")) {
                outcome.append(tag).append('=').append(ids(collection, new Document("tags", tag), Sorts.ascending("_id")))
                        .append(' ');
            }
            outcome.append(ids(collection, new Document(), Sorts.ascending("_id")));
            outcomes.add(outcome.toString());
        }
        assertThat(outcomes.get(0)).isEqualTo(outcomes.get(1)).isEqualTo("added DUPLICATE_KEY DUPLICATE_KEY DUPLICATE_KEY DUPLICATE_KEY added "
                + "DUPLICATE_KEY added update DUPLICATE_KEY s:1=[10] s:2=[10] s:3=[] s:4=[12] s:5=[14] s:9=[] "
                + "[10, 12, 14]");
    }

    @Test
    void sortsOnOneFieldInTheServersOwnOrder() {
        for (Bson order : ORDERS) {
            assertThat(ids(fast, new Document(), order)).as("%s", order)
                    .isEqualTo(ids(plain, new Document(), order));
        }
        assertThat(ids(fast, Document.parse("{at: {$type: 'number'}}"), Sorts.ascending("at")))
                .as("numbers by value, whatever their type; an array by its least element")
                .containsExactly("2", "one", "3.0", "c", "1", "b", "9007199254740993", "4.5");
    }

    @Test
    void includingFieldsGivesWhatTheServersOwnProjectionGives() {
        for (Document projection : PROJECTIONS) {
            assertThat(projected(fast, projection)).as("%s", projection.toJson())
                    .isEqualTo(projected(plain, projection));
        }
        assertThat(projected(fast, PROJECTIONS.get(0)).get(0)).as("a commit as a district's verify reads it")
                .isEqualTo("{\"_id\": 1, \"events\": [{\"position\": 1, \"payload\": \"a\"}, {\"payload\": \"b\"}]}");
    }

    /**
     * Found documents are answered as they are stored, their BSON bytes not decoded: what a client reads is what it
     * stored, every value of every kind, in the first batch and in the batches read after it, with skip and limit.
     */
    @Test
    void foundDocumentsReadBackAsStoredInEveryBatch() {
        List<Document> kinds = List.of(
                new Document("_id", "kinds").append("double", 2.5).append("text", "é ü")
                        .append("sub", new Document("deep", new Document("x", List.of(1, "two"))))
                        .append("array", List.of(1L, 2.0, "3", new Document("four", 4)))
                        .append("binary", new Binary(new byte[] {1, 2, 3}))
                        .append("objectId", new ObjectId()).append("flag", true).append("date", new Date(1_700_000_000_000L))
                        .append("nothing", null).append("int", 7).append("timestamp", new BsonTimestamp(5, 1))
                        .append("long", 1L << 40).append("decimal", Decimal128.parse("12.34"))
                        .append("min", new MinKey()).append("max", new MaxKey()).append("tags", "d:1").append("at", 3),
                new Document("_id", "plain").append("tags", List.of("d:1")).append("at", 1));
        for (MongoClient client : List.of(ours, theirs)) {
            client.getDatabase("queries").getCollection("kinds").insertMany(kinds);
        }
        MongoCollection<Document> stored = ours.getDatabase("queries").getCollection("kinds");
        MongoCollection<Document> reference = theirs.getDatabase("queries").getCollection("kinds");

        for (Document query : List.of(new Document(), Document.parse("{tags: 'd:1'}"), Document.parse("{at: {$gte: 2}}"),
                Document.parse("{_id: {$in: ['kinds']}}"), Document.parse("{long: {$gt: 5}}"))) {
            assertThat(json(stored.find(query).sort(Sorts.ascending("at")))).as("%s", query.toJson())
                    .isEqualTo(json(reference.find(query).sort(Sorts.ascending("at"))))
                    .isNotEmpty();
        }
        assertThat(json(stored.find(Document.parse("{at: {$gte: 2}}")))).hasSize(1).first()
                .isEqualTo(kinds.get(0).toJson());

        for (int batch = 1; batch <= 4; batch++) {
            for (int skip = 0; skip <= 2; skip++) {
                assertThat(json(fast.find().sort(Sorts.descending("_id")).batchSize(batch).skip(skip).limit(7)))
                        .as("batches of %d, %d skipped", batch, skip)
                        .isEqualTo(json(plain.find().sort(Sorts.descending("_id")).batchSize(batch).skip(skip).limit(7)))
                        .hasSize(7);
            }
        }
    }

    @Test
    void aSecondaryIndexOnATextFieldFindsWhatAPassFindsAlsoAfterWritesAndWhenReopened() throws Exception {
        fast.createIndex(Indexes.ascending("tags", "at"));
        assertSameAnswers("index built from the documents there");

        for (MongoCollection<Document> collection : List.of(fast, plain)) {
            collection.updateOne(eq("_id", 2L), set("tags", List.of("d:2", "d:1", "d:2")));
            collection.updateOne(eq("_id", "c"), set("tags", "d:3"));
            collection.updateOne(eq("_id", "b"), push("tags", "d:1"));
            collection.updateOne(eq("_id", 3.0), unset("tags"));
            collection.deleteOne(eq("_id", 1));
            collection.replaceOne(eq("_id", "one"), new Document("_id", "one").append("tags", "d:1").append("at", 7));
            collection.insertOne(new Document("_id", 10).append("tags", List.of("d:2", "d:1")).append("at", 1));
        }
        assertThat(ids(fast, Document.parse("{tags: 'd:1'}"), Sorts.ascending("_id")))
                .as("after updates, a delete and an insert").containsExactly("2", "10", "b", "one");
        assertSameAnswers("index kept up to date by writes");

        ours.close();
        embedded.close();
        embedded = EmbeddedMongo.onDisk(directory, 0);
        ours = MongoClients.create(embedded.connectionString("queries"));
        fast = ours.getDatabase("queries").getCollection("values");
        assertSameAnswers("index rebuilt when the store reopened");
    }

    /**
     * A text and a range of ids, as one cycle's changes after a position are read (index {@code cycleId, _id}): the
     * index gives only the positions within the bounds, and the answers are the memory backend's, also limited, also
     * once a key that is not a long is stored (then the index gives every position of the text).
     */
    @Test
    void aTextAndARangeOfIdsFindWhatAPassFinds() {
        List<MongoCollection<Document>> both = List.of(ours.getDatabase("queries").getCollection("changes"),
                theirs.getDatabase("queries").getCollection("changes"));
        for (MongoCollection<Document> collection : both) {
            collection.createIndex(Indexes.ascending("cycleId", "_id"));
            collection.insertMany(LongStream.range(0, 400).mapToObj(id -> new Document("_id", id)
                    .append("cycleId", id % 4 == 0 ? "quiet" : "busy").append("topic", id % 8 < 4 ? "a" : "b"))
                    .toList());
        }
        List<Document> queries = List.of(
                new Document("cycleId", "quiet").append("_id", new Document("$gt", 17L).append("$lte", 301L)),
                new Document("cycleId", "quiet").append("_id", new Document("$gte", 16L).append("$lt", 40L)),
                new Document("cycleId", "quiet").append("_id", new Document("$gt", 396L)),
                new Document("cycleId", "quiet").append("_id", new Document("$lte", 8L)),
                new Document("cycleId", "quiet").append("_id", new Document("$gt", 300L).append("$lte", 17L)),
                new Document("cycleId", "busy").append("_id", new Document("$gte", 16L).append("$lt", 16L)),
                new Document("cycleId", "busy").append("_id", new Document("$gt", 17L).append("$lte", 17L)),
                new Document("cycleId", "busy").append("_id", new Document("$gte", 17L).append("$lte", 17L)),
                new Document("$and", List.of(new Document("cycleId", "busy"),
                        new Document("_id", new Document("$gt", 99L).append("$lte", 140L)),
                        new Document("topic", new Document("$in", List.of("b"))))),
                new Document("cycleId", new Document("$in", List.of("quiet", "busy")))
                        .append("_id", new Document("$gt", 380L)),
                new Document("cycleId", "quiet").append("_id", new Document("$gt", 17)));
        assertSameIds(both, queries, "longs only");

        for (MongoCollection<Document> collection : both) {
            collection.insertOne(new Document("_id", 50.5).append("cycleId", "quiet").append("topic", "a"));
        }
        assertSameIds(both, queries, "with a key that is no long");
    }

    private static void assertSameIds(List<MongoCollection<Document>> both, List<Document> queries, String when) {
        for (Document query : queries) {
            assertThat(ids(both.get(0), query, Sorts.ascending("_id"))).as("%s: %s", when, query.toJson())
                    .isEqualTo(ids(both.get(1), query, Sorts.ascending("_id")));
            List<String> limited = new ArrayList<>();
            both.get(0).find(query).sort(Sorts.ascending("_id")).limit(3)
                    .forEach(document -> limited.add(String.valueOf(document.get("_id"))));
            List<String> all = ids(both.get(1), query, Sorts.ascending("_id"));
            assertThat(limited).as("%s, limited: %s", when, query.toJson())
                    .isEqualTo(all.subList(0, Math.min(3, all.size())));
        }
    }

    /**
     * Every query finds what the memory backend finds; without a sort, in the order of a pass over the collection
     * (a query the index cannot serve, the same one inside an {@code $or}).
     */
    private void assertSameAnswers(String when) {
        for (Document query : QUERIES) {
            assertThat(ids(fast, query, Sorts.ascending("_id"))).as("%s: %s", when, query.toJson())
                    .isEqualTo(ids(plain, query, Sorts.ascending("_id")));
            assertThat(ids(fast, query, null)).as("%s, unsorted: %s", when, query.toJson())
                    .isEqualTo(ids(fast, new Document("$or", List.of(query)), null));
        }
    }

    private static List<Document> copies() {
        return DOCUMENTS.stream().map(document -> Document.parse(document.toJson())).toList();
    }

    private static List<String> json(Iterable<Document> found) {
        List<String> documents = new ArrayList<>();
        found.forEach(document -> documents.add(document.toJson()));
        return documents;
    }

    private static List<String> projected(MongoCollection<Document> collection, Document projection) {
        List<String> documents = new ArrayList<>();
        collection.find().projection(projection).sort(Sorts.ascending("_id"))
                .forEach(document -> documents.add(document.toJson()));
        return documents;
    }

    private static List<String> ids(MongoCollection<Document> collection, Document query, Bson order) {
        List<String> ids = new ArrayList<>();
        collection.find(query).sort(order).forEach(document -> ids.add(String.valueOf(document.get("_id"))));
        return ids;
    }
}
