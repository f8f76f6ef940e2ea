package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's quick {@code $in} matching finds what mongo-java-server's own matching finds. */
class EmbeddedQueriesTest {

    private static final List<Document> DOCUMENTS = List.of(
            new Document("_id", 1).append("n", 1),
            new Document("_id", 2L).append("n", 2.0),
            new Document("_id", 3.0).append("n", "3"),
            new Document("_id", 4.5).append("n", List.of(1, 7)),
            new Document("_id", 9_007_199_254_740_993L).append("n", new Document("x", 1)),
            new Document("_id", "a").append("sub", new Document("x", 1)),
            new Document("_id", "1").append("n", null),
            new Document("_id", "b").append("n", "a"));

    private static final List<Document> QUERIES = List.of(
            Document.parse("{_id: {$in: [1.0, 2, 3, '1', 'a', 'zzz', 4.5]}}"),
            new Document("_id", new Document("$in", List.of(9_007_199_254_740_993L, 9_007_199_254_740_992L))),
            Document.parse("{_id: {$in: []}}"),
            Document.parse("{n: {$in: [1, '3', 2, 'a', 7]}}"),
            Document.parse("{n: {$in: [[1, 7]]}}"),
            Document.parse("{n: {$in: [null]}}"),
            Document.parse("{n: {$in: [{x: 1}]}}"),
            Document.parse("{'sub.x': {$in: [1]}}"),
            Document.parse("{_id: {$in: [1, 'a']}, n: 1}"),
            Document.parse("{n: {$nin: [1, 2]}}"),
            Document.parse("{n: {$in: [1], $ne: 2}}"));

    @Test
    void inQueriesFindWhatTheServersOwnMatchingFinds(@TempDir Path directory) throws Exception {
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(directory, 0, 16);
             EmbeddedMongo reference = EmbeddedMongo.inMemory();
             MongoClient ours = MongoClients.create(embedded.connectionString("queries"));
             MongoClient theirs = MongoClients.create(reference.connectionString("queries"))) {
            MongoCollection<Document> fast = ours.getDatabase("queries").getCollection("values");
            MongoCollection<Document> plain = theirs.getDatabase("queries").getCollection("values");
            fast.insertMany(copies());
            plain.insertMany(copies());

            for (Document query : QUERIES) {
                assertThat(ids(fast, query)).as("%s", query.toJson()).isEqualTo(ids(plain, query));
            }
            assertThat(ids(fast, QUERIES.get(0))).as("the query that matters most finds something").hasSize(6);
        }
    }

    private static List<Document> copies() {
        return DOCUMENTS.stream().map(document -> Document.parse(document.toJson())).toList();
    }

    private static List<String> ids(MongoCollection<Document> collection, Document query) {
        List<String> ids = new ArrayList<>();
        collection.find(query).sort(Sorts.ascending("_id"))
                .forEach(document -> ids.add(String.valueOf(document.get("_id"))));
        return ids;
    }
}
