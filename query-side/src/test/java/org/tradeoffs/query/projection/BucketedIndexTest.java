package org.tradeoffs.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A list that grows with its owner, in buckets of bounded size: it reads back whole and in order from MongoDB
 * (directly and through a processor's write batch) and from memory, an event handled again adds nothing, no document
 * grows with the list, and an owner's document from before the buckets is read as the list's beginning.
 */
class BucketedIndexTest {

    private final InMemoryMongo mongo = new InMemoryMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    /** The collection as MongoDB directly, MongoDB through a write batch and memory keep it, after the writes. */
    private List<ViewCollection> everyStore(Consumer<BucketedIndex> writes) {
        ViewCollection direct = MongoViewStore.plain(mongo.database()).collection("direct");
        writes.accept(new BucketedIndex(direct, "ids"));
        ViewCollection batched = MongoViewStore.plain(mongo.database()).collection("batched");
        WriteBatch.open();
        writes.accept(new BucketedIndex(batched, "ids"));
        WriteBatch.flushOpen();
        ViewCollection memory = new MemoryViewStore().collection("memory");
        writes.accept(new BucketedIndex(memory, "ids"));
        return List.of(direct, batched, memory);
    }

    @Test
    void valuesReadBackInTheOrderAddedAcrossBucketsAndAnEventHandledAgainAddsNothing() {
        for (ViewCollection store : everyStore(index -> {
            index.add("cycle", 5, "a");
            index.add("cycle", 1030, "b");
            index.add("cycle", 1031, "c");
            index.add("cycle", 1030, "b");
            index.add("cycle", 2050, "d");
            index.add("other", 6, "x");
        })) {
            BucketedIndex index = new BucketedIndex(store, "ids");
            assertThat(index.values("cycle", String.class)).containsExactly("a", "b", "c", "d");
            assertThat(index.values("other", String.class)).containsExactly("x");
            assertThat(index.values("unknown", String.class)).isEmpty();
        }
    }

    @Test
    void valuesAfterAPositionComeFromTheBucketsThatMayHoldThem() {
        for (ViewCollection store : everyStore(index -> {
            index.add("cycle", 10, 10L);
            index.add("cycle", 2000, 2000L);
            index.add("cycle", 3000, 3000L);
        })) {
            BucketedIndex index = new BucketedIndex(store, "ids");
            assertThat(index.valuesAfter("cycle", 2047, Long.class)).containsExactly(3000L);
            assertThat(index.valuesAfter("cycle", 1999, Long.class)).containsExactly(2000L, 3000L);
            assertThat(index.valuesAfter("cycle", 0, Long.class)).containsExactly(10L, 2000L, 3000L);
            assertThat(index.valuesAfter("cycle", 5000, Long.class)).isEmpty();
        }
    }

    @Test
    void aCycleOfThousandsKeepsEveryDocumentSmall() {
        ViewCollection store = MongoViewStore.plain(mongo.database()).collection("index");
        BucketedIndex index = new BucketedIndex(store, "ids");
        WriteBatch.open();
        LongStream.range(0, 5_000).forEach(position -> index.add("cycle", position, "p" + position));
        WriteBatch.flushOpen();

        assertThat(index.values("cycle", String.class)).hasSize(5_000).startsWith("p0", "p1").endsWith("p4999");
        List<Document> documents = store.all();
        assertThat(documents).hasSize(1 + 5);
        for (Document document : documents) {
            assertThat(document.getList("ids", String.class, List.of()).size()).as(document.getString("_id"))
                    .isLessThanOrEqualTo((int) BucketedIndex.SPAN);
        }
    }

    @Test
    void anOwnersWholeListWrittenBeforeTheBucketsIsReadFirst() {
        ViewCollection store = MongoViewStore.plain(mongo.database()).collection("index");
        store.put(new Document("_id", "cycle").append("ids", List.of(1L, 2L, 3L)));
        BucketedIndex index = new BucketedIndex(store, "ids");

        index.add("cycle", 4000, 4000L);

        assertThat(index.values("cycle", Long.class)).containsExactly(1L, 2L, 3L, 4000L);
        assertThat(index.valuesAfter("cycle", 5000, Long.class)).as("the old list carries no positions")
                .containsExactly(1L, 2L, 3L);
        assertThat(store.getAll(List.of("cycle")).get("cycle").getList("ids", Long.class)).containsExactly(1L, 2L, 3L);
        assertThat(Map.copyOf(store.get("cycle").orElseThrow())).containsKey("buckets");
    }
}
