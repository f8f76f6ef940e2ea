package org.tradeoffs.query.projection;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes handed to a processor's batch by repositories that write MongoDB themselves: nothing is written before the
 * batch ends, then one request per collection; an insert delivered again leaves the stored document alone.
 */
class WriteBatchTest {

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> updates = new CopyOnWriteArrayList<>();
    private final InMemoryMongo mongo = new InMemoryMongo(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            requests.computeIfAbsent(event.getCommandName(), name -> new AtomicInteger()).incrementAndGet();
            if (event.getCommandName().equals("update")) {
                updates.add(event.getCommand().toJson());
            }
        }
    });
    private final MongoCollection<Document> collection = mongo.database().getCollection("writes");

    @AfterEach
    void close() {
        WriteBatch.discardOpen();
        mongo.close();
    }

    @Test
    void aBatchsInsertsGoInOneRequestAtItsEndAndAStoredDocumentStaysAsItIs() {
        WriteBatch.insertOnce(collection, change(2, "stored before"));
        WriteBatch.insertOnce(collection, change(2, "delivered again, outside a batch"));
        assertThat(texts()).containsExactly("stored before");

        WriteBatch.open();
        WriteBatch.insertOnce(collection, change(1, "first"));
        WriteBatch.insertOnce(collection, change(2, "delivered again"));
        WriteBatch.insertOnce(collection, change(3, "after the duplicate"));
        assertThat(texts()).as("before the batch ends").containsExactly("stored before");
        requests.clear();
        WriteBatch.flushOpen();

        assertThat(requests).containsOnlyKeys("insert");
        assertThat(requests.get("insert")).hasValue(1);
        assertThat(texts()).containsExactly("first", "stored before", "after the duplicate");
    }

    @Test
    void aBatchsWritesApplyInOrderInOneRequestAtItsEnd() {
        WriteBatch.open();
        for (int value : new int[] {3, 1, 3, 2}) {
            WriteBatch.write(collection, new UpdateOneModel<>(eq("_id", "item"), Updates.addToSet("values", value),
                    new UpdateOptions().upsert(true)));
        }
        assertThat(collection.countDocuments()).as("before the batch ends").isZero();
        requests.clear();
        WriteBatch.flushOpen();

        assertThat(requests).containsOnlyKeys("update");
        assertThat(requests.get("update")).hasValue(1);
        assertThat(collection.find().first().getList("values", Integer.class)).containsExactly(3, 1, 2);
    }

    @Test
    void aDocumentTheBatchOnlyAddedToIsWrittenAsTheAdditionsNotWhole() {
        ViewCollection index = MongoViewStore.plain(mongo.database()).collection("index");
        index.put(new Document("_id", "cycle").append("positions", LongStream.range(0, 10_000).boxed().toList()));

        WriteBatch.open();
        requests.clear();
        index.addToSet("cycle", "positions", 10_000L);
        index.addToSet("cycle", "positions", 5L);
        index.addToSet("cycle", "positions", 10_001L);
        index.addToSet("new", "positions", 1L);
        assertThat(requests).as("adding to a set reads nothing").isEmpty();
        assertThat(index.get("cycle").orElseThrow().getList("positions", Long.class)).as("read in the batch")
                .hasSize(10_002).endsWith(10_000L, 10_001L);
        index.addToSet("cycle", "positions", 10_002L);
        index.pull("new", "positions", 2L);
        updates.clear();
        WriteBatch.flushOpen();

        assertThat(updates).as("the updates sent, in JSON (the driver sends replacements apart)").isNotEmpty()
                .allSatisfy(update -> assertThat(update.length()).isLessThan(1_000));
        assertThat(index.get("cycle").orElseThrow().getList("positions", Long.class))
                .hasSize(10_003).startsWith(0L, 1L).endsWith(9_999L, 10_000L, 10_001L, 10_002L);
        assertThat(index.get("new").orElseThrow().getList("positions", Long.class)).containsExactly(1L);

        WriteBatch.open();
        index.addToSet("cycle", "positions", 7L);
        WriteBatch.flushOpen();
        assertThat(index.get("cycle").orElseThrow().getList("positions", Long.class)).as("a value already in the set")
                .hasSize(10_003).containsOnlyOnce(7L);
    }

    /**
     * A view the batch read and did not find is inserted, one it found is replaced; should one it did not find be
     * there by the end of the batch (written by something else meanwhile), the batch's views are still what is
     * stored.
     */
    @Test
    void aViewTheBatchFoundAbsentIsInsertedAndStillWrittenIfItAppearedMeanwhile() {
        ViewCollection views = MongoViewStore.plain(mongo.database()).collection("views");
        views.put(new Document("_id", "stored").append("text", "before"));
        WriteBatch.open();
        assertThat(views.get("new")).isEmpty();
        assertThat(views.get("stored")).isPresent();
        views.put(new Document("_id", "new").append("text", "the batch's"));
        views.put(new Document("_id", "stored").append("text", "the batch's"));
        requests.clear();
        WriteBatch.flushOpen();
        assertThat(requests).containsOnlyKeys("insert", "update");
        assertThat(requests.get("insert")).as("the absent view inserted").hasValue(1);
        assertThat(texts(views)).containsExactly("the batch's", "the batch's");

        WriteBatch.open();
        assertThat(views.get("appeared")).isEmpty();
        assertThat(views.get("later")).isEmpty();
        views.put(new Document("_id", "appeared").append("text", "the batch's"));
        views.put(new Document("_id", "later").append("text", "the batch's"));
        views.put(new Document("_id", "stored").append("text", "the batch's again"));
        mongo.database().getCollection("views").insertOne(new Document("_id", "appeared").append("text", "other"));
        WriteBatch.flushOpen();
        assertThat(texts(views)).containsExactly("the batch's", "the batch's", "the batch's", "the batch's again");
    }

    @Test
    void aDiscardedBatchWritesNothing() {
        WriteBatch.open();
        WriteBatch.insertOnce(collection, change(1, "never"));
        WriteBatch.write(collection, new UpdateOneModel<>(eq("_id", "item"), Updates.set("value", 1),
                new UpdateOptions().upsert(true)));
        WriteBatch.discardOpen();
        WriteBatch.flushOpen();
        assertThat(collection.countDocuments()).isZero();
    }

    private static Document change(long id, String text) {
        return new Document("_id", id).append("text", text);
    }

    private List<String> texts(ViewCollection views) {
        return views.all().stream().sorted(java.util.Comparator.comparing(document -> document.getString("_id")))
                .map(document -> document.getString("text")).toList();
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        collection.find().sort(new Document("_id", 1)).forEach(document -> texts.add(document.getString("text")));
        return texts;
    }
}
