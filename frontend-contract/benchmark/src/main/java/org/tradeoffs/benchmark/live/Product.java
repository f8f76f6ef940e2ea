package org.tradeoffs.benchmark.live;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradeoffs.command.CommandApplication;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.query.live.ProcessorTokens;

/**
 * The product as {@code ./run.sh} runs it: the command side hosting the embedded MongoDB (with its journal in a fresh
 * temporary directory) in this JVM, beside the benchmark's clients, and the query side in a JVM of its own
 * ({@link QuerySideProcess}). One setting differs: a user may hold any number of connections, because all the
 * benchmark's sessions sign in as the same demo user.
 */
final class Product implements AutoCloseable {

    final EmbeddedMongo mongo;
    final ConfigurableApplicationContext command;
    final QuerySideProcess query;
    final Path directory;
    /** Reads the token store, as the query side's own {@link ProcessorTokens} does. */
    private final MongoClient tokenReader;
    private final ProcessorTokens tokens;

    private Product(Path directory, EmbeddedMongo mongo, ConfigurableApplicationContext command,
            QuerySideProcess query) {
        this.directory = directory;
        this.mongo = mongo;
        this.command = command;
        this.query = query;
        this.tokenReader = MongoClients.create(mongo.connectionString("tradeoffs"));
        this.tokens = new ProcessorTokens(tokenReader.getDatabase("tradeoffs"),
                command.getBean("serializer", Serializer.class));
    }

    static Product start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("tradeoffs-live-benchmark");
        EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory.resolve("store"), 0);
        String[] arguments = {
                "--server.port=0",
                "--tradeoffs.mongodb.uri=" + mongo.connectionString("tradeoffs"),
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off",
        };
        ConfigurableApplicationContext command = CommandApplication.application().run(arguments);
        QuerySideProcess query = QuerySideProcess.start(mongo.connectionString("tradeoffs"), directory);
        return new Product(directory, mongo, command, query);
    }

    String commandUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) command).getWebServer().getPort();
    }

    String queryUrl() {
        return "http://localhost:" + query.port();
    }

    String stompUrl() {
        return queryUrl().replace("http:", "ws:") + "/ws";
    }

    long headPosition() {
        return command.getBean(OrderedMongoEventStorageEngine.class).headPosition();
    }

    /** How far the priority board's processor got, as the token store says. */
    long boardPosition() {
        return tokens.positions().getOrDefault("priority-board", 0L);
    }

    /** How far the processor that is furthest behind got, as the token store says. */
    long slowestProcessorPosition() {
        return tokens.positions().values().stream().mapToLong(Long::longValue).min().orElse(0L);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        query.close();
        tokenReader.close();
        command.close();
        mongo.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
