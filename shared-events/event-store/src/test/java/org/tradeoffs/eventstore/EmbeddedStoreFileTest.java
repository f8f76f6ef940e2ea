package org.tradeoffs.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory of earlier versions: an H2 file written by mongo-java-server's own H2 backend (documents serialized
 * by Java, keys in H2's order) is converted into the embedded store at its first start, which then grows, and
 * everything reads back the same after a restart (from the image written at the conversion and the journal).
 */
class EmbeddedStoreFileTest {

    @Test
    void aFileOfMongoJavaServersOwnBackendIsConvertedGrowsAndReopensWithEveryKeyAndValue(@TempDir Path directory)
            throws Exception {
        List<Object> written = new ArrayList<>();
        IntStream.range(0, 500).forEach(n -> written.add((long) n * 7 - 1000));
        IntStream.range(0, 500).forEach(n -> written.add("id-" + Integer.toString(n * 7919, 36)));
        withPlainH2(directory.resolve("tradeoffs.mv"), collection -> written.forEach(id ->
                collection.insertOne(new Document("_id", id).append("n", written.indexOf(id)))));

        Document rich = new Document("_id", "rich").append("text", "ünïcode ✓").append("int", 7).append("long", 1L << 40)
                .append("double", 2.5).append("decimal", Decimal128.parse("1234.56")).append("flag", true)
                .append("nothing", null).append("time", java.util.Date.from(Instant.parse("2026-11-28T12:00:00Z")))
                .append("list", List.of(1, "two", new Document("three", 3)))
                .append("nested", new Document("deeper", new Document("deepest", List.of())));
        List<Object> added = List.of(1_000_001L, "added-later", -5.5);
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(embedded.connectionString("compat"))) {
            MongoCollection<Document> collection = client.getDatabase("compat").getCollection("keys");
            for (Object id : written) {
                assertThat(collection.find(eq("_id", id)).first()).as("_id %s", id).isNotNull();
            }
            assertThat(collection.find(in("_id", written.subList(100, 700))).into(new ArrayList<>())).hasSize(600);
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", written.get(321))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            added.forEach(id -> collection.insertOne(new Document("_id", id)));
            collection.insertOne(rich);
            collection.updateOne(eq("_id", written.get(10)), Updates.set("n", "changed"));
        }
        assertThat(directory.resolve("tradeoffs.mv")).doesNotExist();
        assertThat(directory.resolve("tradeoffs.mv.converted")).exists();

        try (EmbeddedMongo reopened = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(reopened.connectionString("compat"))) {
            MongoCollection<Document> collection = client.getDatabase("compat").getCollection("keys");
            for (Object id : written) {
                Document found = collection.find(eq("_id", id)).first();
                assertThat(found).as("_id %s", id).isNotNull();
                assertThat(found.get("n")).isEqualTo(id.equals(written.get(10)) ? "changed" : written.indexOf(id));
            }
            for (Object id : added) {
                assertThat(collection.find(eq("_id", id)).first()).as("_id %s", id).isNotNull();
            }
            assertThat(collection.find(eq("_id", "rich")).first()).isEqualTo(rich);
            assertThat(collection.countDocuments()).isEqualTo(written.size() + added.size() + 1);
            assertThat(List.copyOf(collection.find(eq("_id", "rich")).first().keySet()))
                    .as("fields in their order").isEqualTo(List.copyOf(rich.keySet()));
        }
    }

    /**
     * A conversion cut short (killed while writing its image, or the disk full) left an empty journal and an image
     * half written: the next start converts again instead of starting empty, and clears what the cut left.
     */
    @Test
    void aConversionCutShortIsDoneAgainAtTheNextStart(@TempDir Path directory) throws Exception {
        withPlainH2(directory.resolve("tradeoffs.mv"), collection ->
                IntStream.range(0, 100).forEach(n -> collection.insertOne(new Document("_id", "event-" + n))));
        Files.createFile(directory.resolve("journal-1.log"));
        Files.write(directory.resolve("image-2.bin.tmp"), new byte[4096]);

        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(embedded.connectionString("compat"))) {
            assertThat(client.getDatabase("compat").getCollection("keys").countDocuments()).isEqualTo(100);
        }
        assertThat(directory.resolve("tradeoffs.mv.converted")).exists();
        assertThat(directory.resolve("image-2.bin.tmp")).doesNotExist();
        try (EmbeddedMongo reopened = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(reopened.connectionString("compat"))) {
            assertThat(client.getDatabase("compat").getCollection("keys").countDocuments()).isEqualTo(100);
        }
    }

    /** Journals with writes next to a file never converted and no image: which is the store? It does not guess. */
    @Test
    void anUnconvertedFileNextToJournalsWithWritesIsNotGuessedAt(@TempDir Path directory) throws Exception {
        Path journaled = directory.resolve("journaled");
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(journaled, 0);
             MongoClient client = MongoClients.create(embedded.connectionString("compat"))) {
            client.getDatabase("compat").getCollection("keys").insertOne(new Document("_id", "written"));
        }
        Path mixed = Files.createDirectory(directory.resolve("mixed"));
        try (Stream<Path> journals = Files.list(journaled)) {
            for (Path journal : journals.filter(path -> path.getFileName().toString().startsWith("journal-")).toList()) {
                Files.copy(journal, mixed.resolve(journal.getFileName()));
            }
        }
        withPlainH2(mixed.resolve("tradeoffs.mv"), collection -> collection.insertOne(new Document("_id", "old")));

        assertThatThrownBy(() -> EmbeddedMongo.onDisk(mixed, 0)).hasMessageContaining("not starting");
        assertThat(mixed.resolve("tradeoffs.mv")).exists();
    }

    private static void withPlainH2(Path file, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file.toString()).open()));
        try {
            server.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                work.accept(client.getDatabase("compat").getCollection("keys"));
            }
        } finally {
            server.shutdownNow();
        }
    }
}
