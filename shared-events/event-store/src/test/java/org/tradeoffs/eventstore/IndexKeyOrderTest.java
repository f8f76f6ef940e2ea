package org.tradeoffs.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexKeyOrderTest {

    private static final int KEYS = 300;

    @Test
    void ordersEveryKindOfKeyExactlyAsH2sSerializedOrderDoes() {
        Random random = new Random(42);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add(new KeyValue(randomValue(random)));
        }
        keys.add(new KeyValue("Ljava/util/List;"));
        keys.add(new KeyValue("a;b"));
        keys.add(new KeyValue("x".repeat(70_000)));
        keys.add(new KeyValue(1.0, "two values"));
        keys.add(new KeyValue(new de.bwaldvogel.mongo.bson.Document("cycle", "c-1").append("n", 3.0)));

        ObjectDataType h2 = new ObjectDataType();
        IndexKeyOrder ours = new IndexKeyOrder();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(ours.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> (double) random.nextInt(2_000_000) - 1_000_000;
            case 1 -> random.nextDouble() * (random.nextBoolean() ? 1e12 : -1e-3);
            case 2 -> List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                    .get(random.nextInt(5));
            case 3 -> Long.MAX_VALUE - random.nextInt(1000);
            case 4 -> asciiString(random);
            default -> random.nextBoolean() ? "é" + asciiString(random) : "nul\0" + asciiString(random);
        };
    }

    private static String asciiString(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            value.append((char) (' ' + random.nextInt(95)));
        }
        return value.toString();
    }

    /**
     * A store file written by mongo-java-server's own H2 backend opens as the embedded store and finds every key; what
     * the embedded store adds, the plain backend finds again.
     */
    @Test
    void aFileWrittenWithH2sDefaultKeyOrderIsReadAndExtendedWithThisOneAndBack(@TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("tradeoffs.mv");
        List<Object> written = new ArrayList<>();
        IntStream.range(0, 500).forEach(n -> written.add((long) n * 7 - 1000));
        IntStream.range(0, 500).forEach(n -> written.add("id-" + Integer.toString(n * 7919, 36)));
        withPlainH2(file, collection -> {
            written.forEach(id -> collection.insertOne(new Document("_id", id).append("n", written.indexOf(id))));
            return null;
        });

        List<Object> added = List.of(1_000_001L, "added-later", -5.5);
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(directory, 0, 16);
             MongoClient client = MongoClients.create(embedded.connectionString("compat"))) {
            MongoCollection<Document> collection = client.getDatabase("compat").getCollection("keys");
            for (Object id : written) {
                assertThat(collection.find(eq("_id", id)).first()).as("_id %s", id).isNotNull();
            }
            assertThat(collection.find(in("_id", written.subList(100, 700))).into(new ArrayList<>())).hasSize(600);
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", written.get(321))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            added.forEach(id -> collection.insertOne(new Document("_id", id)));
        }

        withPlainH2(file, collection -> {
            for (Object id : written) {
                assertThat(collection.find(eq("_id", id)).first()).as("_id %s", id).isNotNull();
            }
            for (Object id : added) {
                assertThat(collection.find(eq("_id", id)).first()).as("_id %s", id).isNotNull();
            }
            assertThat(collection.countDocuments()).isEqualTo(written.size() + added.size());
            return null;
        });
    }

    private static void withPlainH2(Path file, Function<MongoCollection<Document>, Void> work) {
        MongoServer server = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file.toString()).open()));
        try {
            server.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                work.apply(client.getDatabase("compat").getCollection("keys"));
            }
        } finally {
            server.shutdownNow();
        }
    }
}
