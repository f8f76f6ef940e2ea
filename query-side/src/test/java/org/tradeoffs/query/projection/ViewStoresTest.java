package org.tradeoffs.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The three ways a read model keeps its documents answer alike: MongoDB directly (reads on web threads), MongoDB
 * through a processor's write batch, and memory (as-of reads, rebuilds). Each scenario runs on all three and the
 * documents read back must be equal, nested objects included.
 */
class ViewStoresTest {

    private final InMemoryMongo mongo = new InMemoryMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    record View(String id, long position, List<String> tags, Map<String, Object> nested) {
    }

    private static final Consumer<ViewCollection> WRITES = views -> {
        views.put(ViewDocuments.toDocument("a", new View("a", 1, List.of("x"), Map.of("k", Map.of("deep", 1)))));
        views.addToSet("index", "ids", "a");
        views.addToSet("index", "ids", "b");
        views.addToSet("index", "ids", "a");
        views.addToSet("index", "positions", 7L);
        views.addToSet("index", "positions", 7L);
        views.put(ViewDocuments.toDocument("b", new View("b", 2, List.of(), Map.of())));
        views.pull("index", "ids", "b");
        views.pull("missing", "ids", "b");
        views.put(ViewDocuments.toDocument("a", new View("a", 3, List.of("y", "z"), Map.of("k", List.of(Map.of("e", 2))))));
    };

    /** The same views as {@link #WRITES}, stored as objects. */
    private static final Consumer<ViewCollection> TYPED_WRITES = views -> {
        views.put("a", new View("a", 1, List.of("x"), Map.of("k", Map.of("deep", 1))));
        views.addToSet("index", "ids", "a");
        views.addToSet("index", "ids", "b");
        views.addToSet("index", "ids", "a");
        views.addToSet("index", "positions", 7L);
        views.addToSet("index", "positions", 7L);
        views.put("b", new View("b", 2, List.of(), Map.of()));
        views.pull("index", "ids", "b");
        views.pull("missing", "ids", "b");
        views.put("a", new View("a", 3, List.of("y", "z"), Map.of("k", List.of(Map.of("e", 2)))));
    };

    private Map<Object, Document> readBack(ViewCollection views) {
        return views.getAll(List.of("a", "b", "index", "missing"));
    }

    @Test
    void mongoDirectlyThroughABatchAndInMemoryKeepTheSameDocuments() {
        ViewCollection direct = MongoViewStore.plain(mongo.database()).collection("direct");
        WRITES.accept(direct);

        ViewCollection batched = MongoViewStore.plain(mongo.database()).collection("batched");
        WriteBatch.open();
        WRITES.accept(batched);
        assertThat(CompletableFuture.supplyAsync(() -> batched.get("a")).join())
                .as("another thread sees nothing before the batch ends").isEmpty();
        assertThat(batched.get("a")).as("the batch's thread reads its own writes").isPresent();
        WriteBatch.flushOpen();

        ViewCollection memory = new MemoryViewStore().collection("memory");
        WRITES.accept(memory);

        Map<Object, Document> expected = readBack(direct);
        assertThat(expected).containsOnlyKeys("a", "b", "index");
        assertThat(expected.get("index").getList("ids", String.class)).containsExactly("a");
        assertThat(expected.get("index").getList("positions", Number.class)).hasSize(1);
        assertThat(readBack(batched)).isEqualTo(expected);
        assertThat(readBack(memory)).isEqualTo(expected);
        assertThat(ViewDocuments.fromDocument(memory.get("a").orElseThrow(), View.class))
                .isEqualTo(ViewDocuments.fromDocument(direct.get("a").orElseThrow(), View.class));
    }

    @Test
    void viewsStoredAsObjectsKeepTheSameDocumentsAndReadBackAsEqualViews() {
        ViewCollection direct = MongoViewStore.plain(mongo.database()).collection("direct");
        WRITES.accept(direct);
        Map<Object, Document> expected = readBack(direct);

        ViewCollection typed = MongoViewStore.plain(mongo.database()).collection("typed");
        TYPED_WRITES.accept(typed);
        assertThat(readBack(typed)).isEqualTo(expected);

        ViewCollection batched = MongoViewStore.plain(mongo.database()).collection("batched");
        View b = new View("b", 2, List.of(), Map.of());
        WriteBatch.open();
        TYPED_WRITES.accept(batched);
        batched.put("b", b);
        assertThat(batched.get("b", View.class)).as("the batch's own object").containsSame(b);
        assertThat(batched.getAll(List.of("b"), View.class)).containsEntry("b", b);
        assertThat(batched.get("b")).as("its document").contains(ViewDocuments.toDocument("b", b));
        WriteBatch.flushOpen();
        assertThat(readBack(batched)).isEqualTo(expected);

        WriteBatch.open();
        View read = batched.get("a", View.class).orElseThrow();
        assertThat(read).isEqualTo(ViewDocuments.fromDocument(expected.get("a"), View.class));
        assertThat(batched.get("a", View.class)).as("read from MongoDB once per batch").containsSame(read);
        assertThat(batched.getAll(List.of("a", "b", "missing"), View.class)).containsOnlyKeys("a", "b");
        WriteBatch.flushOpen();

        ViewCollection memory = new MemoryViewStore().collection("memory");
        TYPED_WRITES.accept(memory);
        assertThat(readBack(memory)).isEqualTo(expected);
        assertThat(memory.get("b", View.class)).contains(b);
    }

    @Test
    void aDiscardedBatchWritesNothing() {
        ViewCollection views = MongoViewStore.plain(mongo.database()).collection("views");
        WriteBatch.open();
        WRITES.accept(views);
        WriteBatch.discardOpen();
        WriteBatch.flushOpen();
        assertThat(readBack(views)).isEmpty();
    }
}
