package org.tradeoffs.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.eventstore.EmbeddedMongo;

/**
 * A walk's cursor killed by the server in the middle (as MongoDB does with one left idle for ten minutes: an export
 * to a client that stalled) goes on after the last document read, every document once, in order. The kill is the
 * server's own: {@code killCursors} on the ids its replies gave.
 */
class ResumableCursorTest {

    private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    private final List<Long> cursorIds = new CopyOnWriteArrayList<>();
    private final List<Document> finds = new CopyOnWriteArrayList<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(mongo.connectionString("test")))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandSucceeded(CommandSucceededEvent event) {
                    if (event.getCommandName().equals("find")) {
                        cursorIds.add(event.getResponse().getDocument("cursor").getInt64("id").getValue());
                    }
                }
            }).build());
    private final MongoDatabase database = client.getDatabase("test");
    private final MongoCollection<Document> commits = database.getCollection("commits");

    @AfterEach
    void close() {
        client.close();
        mongo.close();
    }

    @Test
    void aCursorKilledMidWayIsOpenedAgainAfterTheLastDocumentRead() {
        storeCommits(1_000);
        List<Long> read = new ArrayList<>();
        try (ResumableCursor cursor = new ResumableCursor(commits, eq("district", "north"), "first",
                query -> query.batchSize(50))) {
            for (int i = 0; i < 120; i++) {
                read.add(cursor.next().getLong("first"));
            }
            killCursors();
            cursor.forEachRemaining(document -> read.add(document.getLong("first")));
        }

        assertThat(read).containsExactlyElementsOf(
                IntStream.range(0, 1_000).filter(i -> i % 2 == 0).mapToObj(i -> i * 10L).toList());
        assertThat(cursorIds).hasSize(2); // opened again once
    }

    @Test
    void aPlainCursorKilledTheSameWayFails() {
        storeCommits(1_000);
        try (MongoCursor<Document> cursor = commits.find(eq("district", "north")).sort(Sorts.ascending("first"))
                .batchSize(50).iterator()) {
            for (int i = 0; i < 120; i++) {
                cursor.next();
            }
            killCursors();

            assertThatThrownBy(() -> cursor.forEachRemaining(document -> { }))
                    .isInstanceOf(MongoCursorNotFoundException.class);
        }
    }

    @Test
    void aWalkThatEndsBeforeAnyKillReadsOnce() {
        storeCommits(10);
        try (ResumableCursor cursor = new ResumableCursor(commits, eq("district", "north"), "first",
                query -> query.batchSize(50))) {
            List<Document> all = new ArrayList<>();
            cursor.forEachRemaining(all::add);
            assertThat(all).extracting(document -> document.getLong("first")).containsExactly(0L, 20L, 40L, 60L, 80L);
        }
        assertThat(cursorIds).hasSize(1);
    }

    /** Commits of two districts interleaved, stored out of order of {@code first}. */
    private void storeCommits(int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            documents.add(new Document("_id", (long) i).append("first", i * 10L)
                    .append("district", i % 2 == 0 ? "north" : "south"));
        }
        commits.insertMany(documents);
    }

    private void killCursors() {
        Document killed = database.runCommand(new Document("killCursors", "commits")
                .append("cursors", List.copyOf(cursorIds)));
        assertThat(killed.getList("cursorsKilled", Long.class)).isNotEmpty();
    }
}
