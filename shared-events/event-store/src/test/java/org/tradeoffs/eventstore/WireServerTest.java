package org.tradeoffs.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class WireServerTest {

    /** A backend whose inserts into {@code slow} wait until released, as a write waits for its commit. */
    private static final class SlowInserts extends MemoryBackend {
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if ("insert".equals(command) && "slow".equals(query.get(command))) {
                waiting.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.handleCommand(channel, database, command, query);
        }
    }

    @Test
    void aRequestWaitingInTheStoreHoldsUpNoOtherConnection() throws Exception {
        SlowInserts backend = new SlowInserts();
        List<MongoClient> clients = new ArrayList<>();
        WireServer server = new WireServer(backend, command -> "slow".equals(command.get("insert")), "127.0.0.1", 0);
        try (server) {
            String uri = "mongodb://127.0.0.1:" + server.address().getPort();
            MongoClient writer = MongoClients.create(uri);
            clients.add(writer);
            CompletableFuture<Void> slowInsert = CompletableFuture.runAsync(() ->
                    writer.getDatabase("test").getCollection("slow").insertOne(new org.bson.Document("n", 1)));
            assertThat(backend.waiting.await(10, TimeUnit.SECONDS)).isTrue();

            // Each client opens connections of its own; the server's few network threads each serve many of them,
            // so some of these share a network thread with the waiting insert.
            for (int i = 0; i < 16; i++) {
                MongoClient reader = MongoClients.create(uri);
                clients.add(reader);
                long count = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> reader.getDatabase("test").getCollection("other").countDocuments());
                assertThat(count).isZero();
            }
            assertThat(slowInsert).isNotDone();

            backend.release.countDown();
            slowInsert.get(10, TimeUnit.SECONDS);
            assertThat(writer.getDatabase("test").getCollection("slow").countDocuments()).isEqualTo(1);
        } finally {
            clients.forEach(MongoClient::close);
        }
    }

    @Test
    void countsRequestsByCommandAndCollection() {
        try (WireServer server = new WireServer(new MemoryBackend(), command -> false, "127.0.0.1", 0);
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.address().getPort())) {
            var things = client.getDatabase("test").getCollection("things");
            for (int i = 0; i < 3; i++) {
                things.insertOne(new org.bson.Document("n", i));
            }
            things.updateOne(new org.bson.Document("n", 0),
                    new org.bson.Document("$set", new org.bson.Document("m", 1)));
            List<org.bson.Document> all = things.find().batchSize(2).into(new ArrayList<>()); // a find, then a getMore

            assertThat(all).hasSize(3);
            assertThat(server.requestCounts()).containsEntry("insert things", 3L).containsEntry("update things", 1L)
                    .containsEntry("find things", 1L).containsEntry("getMore things", 1L);
        }
    }
}
