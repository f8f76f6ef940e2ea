package org.tradeoffs.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The child process of {@link EmbeddedMongoDurabilityTest}: hosts the on-disk embedded MongoDB, appends
 * events through the real driver and engine (one writer, then {@value #CONCURRENT_WRITERS} at once, each to an
 * aggregate of its own, so that they share commits), reports them as acknowledged, then waits to be killed.
 */
final class KilledWriter {

    static final String ACKNOWLEDGED = "ACKNOWLEDGED ";
    static final int CONCURRENT_WRITERS = 8;

    public static void main(String[] args) throws Exception {
        Path dataDirectory = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, 0);
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
        ExecutorService writers = Executors.newFixedThreadPool(CONCURRENT_WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < CONCURRENT_WRITERS; writer++) {
            String aggregate = "concurrent-" + writer;
            done.add(writers.submit(() -> {
                for (int sequence = 0; sequence < events; sequence++) {
                    engine.appendEvents(List.of(TestStore.deposited(aggregate, sequence)));
                }
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        System.out.println(ACKNOWLEDGED + engine.headPosition());
        System.out.flush();
        new CountDownLatch(1).await();       // never closes the server or the store: only a kill ends this process
    }

    private KilledWriter() {
    }
}
