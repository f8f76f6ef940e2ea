package org.tradeoffs.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link EmbeddedMongoDurabilityTest}: hosts the on-disk embedded MongoDB, appends
 * events through the real driver and engine, reports them as acknowledged, then waits to be killed.
 */
final class KilledWriter {

    static final String ACKNOWLEDGED = "ACKNOWLEDGED ";

    public static void main(String[] args) throws Exception {
        Path dataDirectory = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, 0, 16);
        MongoClient client = MongoClients.create(mongo.connectionString("durable"));
        OrderedMongoEventStorageEngine engine = OrderedMongoEventStorageEngine.builder()
                .database(client.getDatabase("durable"))
                .eventSerializer(TestStore.serializer())
                .snapshotSerializer(TestStore.serializer())
                .build();
        engine.ensureIndexes();
        for (int sequence = 0; sequence < events; sequence++) {
            engine.appendEvents(List.of(TestStore.deposited("durable", sequence)));
        }
        System.out.println(ACKNOWLEDGED + engine.headPosition());
        System.out.flush();
        new CountDownLatch(1).await();       // never closes the server or the store: only a kill ends this process
    }

    private KilledWriter() {
    }
}
