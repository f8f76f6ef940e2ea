package org.tradeoffs.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** An embedded in-memory MongoDB, a real driver client on it, and engines built the way the services build them. */
final class TestStore implements AutoCloseable {

    static final String ACCOUNT = "Account";

    private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    private final MongoClient client;
    final MongoDatabase database;
    private final List<EmbeddedEventStore> eventStores = new ArrayList<>();

    TestStore() {
        client = MongoClients.create(mongo.connectionString("test"));
        database = client.getDatabase("test");
    }

    /** One whose client tells the listener every command it sends. */
    TestStore(CommandListener listener) {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString("test")))
                .addCommandListener(listener).build());
        database = client.getDatabase("test");
    }

    static Serializer serializer() {
        return JacksonSerializer.builder().revisionResolver(new EventVersionRevisionResolver()).build();
    }

    OrderedMongoEventStorageEngine.Builder engineBuilder(int batchSize) {
        return OrderedMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer())
                .snapshotSerializer(serializer())
                .batchSize(batchSize);
    }

    OrderedMongoEventStorageEngine engine(int batchSize) {
        OrderedMongoEventStorageEngine engine = engineBuilder(batchSize).build();
        engine.ensureIndexes();
        return engine;
    }

    /** An event store on the engine, as the services have; shut down when this store closes. */
    EmbeddedEventStore eventStore(OrderedMongoEventStorageEngine engine) {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        eventStores.add(eventStore);
        return eventStore;
    }

    static DomainEventMessage<Deposited> deposited(String accountId, long sequence) {
        return new GenericDomainEventMessage<>(ACCOUNT, accountId, sequence,
                new Deposited(accountId, BigDecimal.valueOf(sequence + 1)));
    }

    /** Everything a tracking reader gets from {@code token} on, without blocking. */
    static List<TrackedEventMessage<?>> readFrom(EventStorageEngine engine, TrackingToken token) {
        return engine.readEvents(token, false).<TrackedEventMessage<?>>map(m -> m).toList();
    }

    static long positionOf(TrackedEventMessage<?> message) {
        return message.trackingToken().position().orElseThrow();
    }

    static long sequenceOf(Object message) {
        return ((DomainEventMessage<?>) message).getSequenceNumber();
    }

    static String aggregateOf(Object message) {
        return ((DomainEventMessage<?>) message).getAggregateIdentifier();
    }

    @Override
    public void close() {
        eventStores.forEach(EmbeddedEventStore::shutDown);
        client.close();
        mongo.close();
    }
}
