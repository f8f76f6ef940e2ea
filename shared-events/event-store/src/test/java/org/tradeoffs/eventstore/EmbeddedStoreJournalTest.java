package org.tradeoffs.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store keeps its data in memory and on disk as a journal of the commands that changed it, with an image
 * of the whole store now and then: after a restart everything reads back as it was, from the journal alone, from an
 * image and the journal after it, and from an image written while writes went on.
 */
class EmbeddedStoreJournalTest {

    @Test
    void everyKindOfWriteReadsBackAfterARestartFromTheJournalAndFromAnImage(@TempDir Path directory) throws Exception {
        Map<String, List<Document>> before;
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoDatabase database = client.getDatabase("journal");
            MongoCollection<Document> items = database.getCollection("items");
            items.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            items.insertMany(List.of(item("a", 1), item("b", 2), item("c", 3)));
            items.updateOne(eq("_id", "a"), Updates.inc("n", 5));
            assertThat(mongo.imageWritingNanos()).as("no image written yet").isZero();
            mongo.writeImage();
            long imaging = mongo.imageWritingNanos();
            assertThat(imaging).as("the time the image took").isPositive();
            assertThat(mongo.imageWritingNanos()).as("no image being written now").isEqualTo(imaging);
            items.updateOne(eq("_id", "a"), Updates.inc("n", 2));
            items.replaceOne(eq("_id", "b"), item("b", 20).append("replaced", true));
            items.deleteOne(eq("_id", "c"));
            items.updateOne(eq("_id", "d"), Updates.set("code", 4), new UpdateOptions().upsert(true));
            assertThatThrownBy(() -> items.insertOne(item("e", 4))).isInstanceOf(MongoWriteException.class);
            Document position = database.getCollection("counters").findOneAndUpdate(eq("_id", "position"),
                    Updates.inc("value", 3L), new FindOneAndUpdateOptions().upsert(true)
                            .returnDocument(ReturnDocument.AFTER));
            assertThat(position.getLong("value")).isEqualTo(3L);
            database.getCollection("other").insertOne(new Document("_id", 1).append("kept", true));
            database.getCollection("dropped").insertOne(new Document("_id", 1));
            database.getCollection("dropped").drop();
            before = dump(database);
        }
        assertThat(before.get("items")).filteredOn(document -> document.containsKey("_id"))
                .extracting(document -> document.get("_id")).containsExactly("a", "b", "d");
        assertThat(before).containsOnlyKeys("items", "counters", "other");

        // the image of the first run and the journal after it
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoDatabase database = client.getDatabase("journal");
            assertThat(dump(database)).isEqualTo(before);
            assertThat(database.getCollection("items").find(eq("_id", "a")).first().getInteger("n")).isEqualTo(7);
            assertThatThrownBy(() -> database.getCollection("items").insertOne(item("f", 20)))
                    .as("the unique index holds after the restart").isInstanceOf(MongoWriteException.class);
            mongo.writeImage();
        }

        // an image alone
        assertThat(NumberedFiles.JOURNALS.numbers(directory)).allSatisfy(number ->
                assertThat(Files.size(NumberedFiles.JOURNALS.path(directory, number))).isZero());
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            assertThat(dump(client.getDatabase("journal"))).isEqualTo(before);
        }
    }

    @Test
    void anImageWrittenWhileWritesGoOnHoldsEveryWriteOnce(@TempDir Path directory) throws Exception {
        int writers = 4;
        int each = 300;
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoDatabase database = client.getDatabase("journal");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int number = writer;
                running.add(pool.submit(() -> {
                    for (int n = 0; n < each; n++) {
                        database.getCollection("counters").updateOne(eq("_id", "shared"), Updates.inc("value", 1),
                                new UpdateOptions().upsert(true));
                        database.getCollection("entries").insertOne(new Document("_id", number + "-" + n));
                    }
                    return null;
                }));
            }
            int images = 0;
            while (running.stream().anyMatch(future -> !future.isDone())) {
                mongo.writeImage();
                images++;
            }
            for (Future<?> future : running) {
                future.get();
            }
            pool.shutdown();
            assertThat(images).as("images written while the writes went on").isGreaterThan(1);
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoDatabase database = client.getDatabase("journal");
            assertThat(database.getCollection("counters").find(eq("_id", "shared")).first().getInteger("value"))
                    .isEqualTo(writers * each);
            assertThat(database.getCollection("entries").countDocuments()).isEqualTo((long) writers * each);
        }
    }

    @Test
    void aRecordCutShortByACrashEndsTheReplayAndTheStoreGoesOn(@TempDir Path directory) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoCollection<Document> items = client.getDatabase("journal").getCollection("items");
            IntStream.range(0, 10).forEach(n -> items.insertOne(item("item-" + n, n)));
        }
        Path journal = NumberedFiles.JOURNALS.path(directory, NumberedFiles.JOURNALS.numbers(directory).get(0));
        try (FileChannel file = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 3); // the last insert's record, cut short
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoCollection<Document> items = client.getDatabase("journal").getCollection("items");
            assertThat(ids(items)).containsExactlyElementsOf(IntStream.range(0, 9).mapToObj(n -> "item-" + n).toList());
            items.insertOne(item("after", 100));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            assertThat(ids(client.getDatabase("journal").getCollection("items"))).hasSize(10).contains("after");
        }
    }

    /** Zeros where records were to be written (a file system's unwritten blocks after a crash) end the replay too. */
    @Test
    void zerosAtTheEndOfAJournalEndTheReplay(@TempDir Path directory) throws Exception {
        Path journal = journalOfTenItems(directory);
        Files.write(journal, new byte[8192], StandardOpenOption.APPEND);

        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            assertThat(ids(client.getDatabase("journal").getCollection("items"))).hasSize(10);
        }
    }

    /**
     * A damaged record with records after it is no crash's doing: replaying on without it would lose what it held
     * (an acknowledged event, say) while keeping what came after, so the store does not start.
     */
    @Test
    void aDamagedRecordInsideAJournalStopsTheStartInsteadOfLosingIt(@TempDir Path directory) throws Exception {
        Path journal = journalOfTenItems(directory);
        try (FileChannel file = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(8);
            for (int record = 0; record < 4; record++) {
                header.clear();
                file.read(header);
                file.position(file.position() + header.getInt(0));
            }
            file.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40}), file.position() + 12); // inside the 5th record
        }

        assertThatThrownBy(() -> EmbeddedMongo.onDisk(directory, 0)).hasMessageContaining("damaged record");
    }

    private static Path journalOfTenItems(Path directory) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoCollection<Document> items = client.getDatabase("journal").getCollection("items");
            IntStream.range(0, 10).forEach(n -> items.insertOne(item("item-" + n, n)));
        }
        return NumberedFiles.JOURNALS.path(directory, NumberedFiles.JOURNALS.numbers(directory).get(0));
    }

    @Test
    void aStoreThatCannotWriteItsJournalRefusesWritesAndReadsAndShowsNothingItWouldLose(@TempDir Path directory)
            throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full, whose every write fails");
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoCollection<Document> events = client.getDatabase("journal").getCollection("events");
            events.insertOne(new Document("_id", "acknowledged"));
            // the next journal file, which an image starts, is a device where every write fails (a full disk)
            Files.createSymbolicLink(NumberedFiles.JOURNALS.path(directory, NumberedFiles.JOURNALS.numbers(directory).get(0) + 1), full);
            mongo.writeImage();

            assertThatThrownBy(() -> events.insertOne(new Document("_id", "not written")))
                    .isInstanceOf(MongoException.class).hasMessageContaining("journal");
            assertThatThrownBy(() -> events.insertOne(new Document("_id", "refused")))
                    .isInstanceOf(MongoException.class).hasMessageContaining("journal");
            // applied in memory before its record failed to reach the file: no reader may see it
            assertThatThrownBy(() -> events.find(eq("_id", "not written")).first())
                    .isInstanceOf(MongoException.class).hasMessageContaining("journal");
        }
        Files.delete(NumberedFiles.JOURNALS.path(directory, NumberedFiles.JOURNALS.numbers(directory).get(0)));
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            assertThat(ids(client.getDatabase("journal").getCollection("events"))).containsExactly("acknowledged");
        }
    }

    private static Document item(String id, int code) {
        return new Document("_id", id).append("code", code).append("n", 0);
    }

    private static List<Object> ids(MongoCollection<Document> collection) {
        return collection.find().sort(Sorts.ascending("code")).map(document -> document.get("_id"))
                .into(new ArrayList<>());
    }

    /** Every collection's documents by {@code _id}, and its indexes. */
    private static Map<String, List<Document>> dump(MongoDatabase database) {
        Map<String, List<Document>> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            List<Document> documents = database.getCollection(name).find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>());
            database.getCollection(name).listIndexes().map(index -> new Document("index", index.get("name"))
                    .append("unique", index.get("unique"))).into(new ArrayList<>()).stream()
                    .sorted(Comparator.comparing(index -> index.getString("index"))).forEach(documents::add);
            collections.put(name, documents);
        }
        return collections;
    }
}
