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
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes handed to a processor's batch by repositories that write MongoDB themselves: nothing is written before the
 * batch ends, then one request per collection; an insert delivered again leaves the stored document alone.
 */
class WriteBatchTest {

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final InMemoryMongo mongo = new InMemoryMongo(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            requests.computeIfAbsent(event.getCommandName(), name -> new AtomicInteger()).incrementAndGet();
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

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        collection.find().sort(new Document("_id", 1)).forEach(document -> texts.add(document.getString("text")));
        return texts;
    }
}
