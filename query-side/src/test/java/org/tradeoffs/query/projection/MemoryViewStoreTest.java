package org.tradeoffs.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory store (as-of reads, rebuilds) must answer as MongoDB does, or a view rebuilt in memory differs from the
 * one built in service: the same operations on both stores leave the same documents, which read back alike.
 */
class MemoryViewStoreTest {

    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    record Line(String name, String amount, int count) {
    }

    record View(String title, long version, List<Line> lines, Line total, List<String> tags) {
    }

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final MongoViewStore inMongo = MongoViewStore.plain(mongo.database());
    private final MemoryViewStore inMemory = new MemoryViewStore();

    @AfterEach
    void closeMongo() {
        mongo.close();
    }

    @Test
    void viewsStoredInMemoryReadBackAsFromMongoDbWithNestedObjectsAsDocuments() {
        View view = new View("Coaches", 3, List.of(new Line("staff", "900000.00", 12), new Line("materials", "30000.00", 1)),
                new Line("total", "930000.00", 13), List.of("literacy"));

        onBoth(store -> store.collection("views").put(ViewDocuments.toDocument("v1", view)));

        Document read = inMemory.collection("views").get("v1").orElseThrow();
        assertThat(read.getList("lines", Document.class)).extracting(line -> line.getString("amount"))
                .containsExactly("900000.00", "30000.00");
        assertThat(read.get("total", Document.class).getInteger("count")).isEqualTo(13);
        assertThat(ViewDocuments.fromDocument(read, View.class)).isEqualTo(view);
        assertSameContents("views");
    }

    @Test
    void arraysAndNumericIdsBehaveAsInMongoDb() {
        onBoth(store -> {
            ViewCollection indexes = store.collection("indexes");
            indexes.addToSet("cycle", "positions", 7L);
            indexes.addToSet("cycle", "positions", 9L);
            indexes.addToSet("cycle", "positions", 7L);
            indexes.pull("cycle", "positions", 9L);
            indexes.pull("nobody", "positions", 9L);
            indexes.addToSet(42, "ids", "a");
            indexes.put(ViewDocuments.toDocument(43L, new Line("replaced", "1.00", 1)));
            indexes.put(ViewDocuments.toDocument(43L, new Line("replacing", "2.00", 2)));
        });

        assertThat(inMemory.collection("indexes").get(42L)).isPresent();
        assertThat(inMemory.collection("indexes").getAll(List.of(42, 43L, 44L)).keySet()).hasSize(2);
        assertThat(inMemory.collection("indexes").get("cycle").orElseThrow().getList("positions", Number.class))
                .containsExactly(7L);
        assertSameContents("indexes");
    }

    @Test
    void viewsStoredAsObjectsReadBackAsThemselvesAndAsTheirDocuments() {
        View view = new View("Coaches", 3, List.of(new Line("staff", "900000.00", 12)), new Line("total", "1.00", 1),
                List.of("literacy"));
        Line line = new Line("bus", "2.50", 4);

        onBoth(store -> {
            ViewCollection views = store.collection("objects");
            views.put("v1", view);
            views.put(43, line, Map.of("cycleId", "c1"));
        });

        ViewCollection views = inMemory.collection("objects");
        assertThat(views.get("v1", View.class)).containsSame(view);
        assertThat(views.getAll(List.of("v1", "v2"), View.class)).containsOnlyKeys("v1").containsValue(view);
        assertThat(views.get(43L, Line.class)).containsSame(line);
        assertThat(views.getAll(List.of(43L), Line.class)).containsOnlyKeys(43);
        assertThat(exact(List.of(views.get("v1").orElseThrow())))
                .isEqualTo(exact(List.of(ViewDocuments.toDocument("v1", view))));
        assertThat(exact(List.of(views.get(43).orElseThrow())))
                .isEqualTo(exact(List.of(ViewDocuments.toDocument(43, line).append("cycleId", "c1"))));
        assertThat(inMongo.collection("objects").get("v1", View.class)).contains(view);
        assertSameContents("objects");
    }

    @Test
    void arraysAddedToAViewStoredAsAnObjectChangeItsDocument() {
        Line line = new Line("bus", "2.50", 4);
        onBoth(store -> {
            ViewCollection views = store.collection("mixed");
            views.put("a", line);
            views.addToSet("a", "tags", "x");
            views.put("b", line);
            views.pull("b", "tags", "x");
        });

        ViewCollection views = inMemory.collection("mixed");
        assertThat(views.get("a").orElseThrow().getList("tags", String.class)).containsExactly("x");
        assertThat(views.get("a", Line.class)).contains(line);
        assertThat(views.get("b", Line.class)).containsSame(line);
        assertSameContents("mixed");
    }

    private void onBoth(Consumer<ViewStore> operations) {
        operations.accept(inMongo);
        operations.accept(inMemory);
    }

    private void assertSameContents(String collection) {
        assertThat(exact(inMemory.collection(collection).all())).isEqualTo(exact(inMongo.collection(collection).all()));
        Map<String, List<Document>> contents = inMemory.contents();
        assertThat(contents).containsKey(collection);
    }

    /** The documents as extended JSON, which tells an int from a long and a document from a string. */
    private static List<String> exact(List<Document> documents) {
        List<String> json = new ArrayList<>();
        documents.stream().sorted(Comparator.comparing(document -> String.valueOf(document.get("_id"))))
                .forEach(document -> json.add(document.toJson(EXACT)));
        return json;
    }
}
