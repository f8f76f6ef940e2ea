package org.tradeoffs.query.projection;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A throw-away MongoDB (mongo-java-server, in memory) for plain projection tests. */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;

    public InMemoryMongo() {
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    /** One whose client tells the listener every command it sends (to count requests). */
    public InMemoryMongo(CommandListener listener) {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(listener)
                .build());
    }

    public MongoDatabase database() {
        return client.getDatabase("query-test");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
