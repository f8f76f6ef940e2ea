package org.tradeoffs.benchmark.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradeoffs.command.CommandApplication;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.live.ChangeFeed;
import org.tradeoffs.query.live.CycleTopic;
import org.tradeoffs.query.live.ProcessorTokens;

/**
 * The product as {@code ./run.sh} runs it, in this JVM: the command side and the query side with their
 * configuration, on the embedded MongoDB with its journal in a fresh temporary directory. One setting differs: a user
 * may hold any number of connections, because all the benchmark's sessions sign in as the same demo user.
 */
final class Product implements AutoCloseable {

    final EmbeddedMongo mongo;
    final ConfigurableApplicationContext command;
    final ConfigurableApplicationContext query;
    final Path directory;

    private Product(Path directory, EmbeddedMongo mongo, ConfigurableApplicationContext command,
            ConfigurableApplicationContext query) {
        this.directory = directory;
        this.mongo = mongo;
        this.command = command;
        this.query = query;
    }

    static Product start() throws IOException {
        Path directory = Files.createTempDirectory("tradeoffs-live-benchmark");
        EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
        String[] arguments = {
                "--server.port=0",
                "--tradeoffs.mongodb.uri=" + mongo.connectionString("tradeoffs"),
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off",
                // every session of the benchmark signs in as one demo user, where they stand for as many people
                "--tradeoffs.websocket.max-connections-per-user=0",
        };
        ConfigurableApplicationContext command = CommandApplication.application().run(arguments);
        ConfigurableApplicationContext query = QueryApplication.application().run(arguments);
        return new Product(directory, mongo, command, query);
    }

    String commandUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) command).getWebServer().getPort();
    }

    String queryUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) query).getWebServer().getPort();
    }

    String stompUrl() {
        return queryUrl().replace("http:", "ws:") + "/ws";
    }

    long headPosition() {
        return command.getBean(OrderedMongoEventStorageEngine.class).headPosition();
    }

    /** How far the priority board's processor got, as the token store says. */
    long boardPosition() {
        return query.getBean(ProcessorTokens.class).positions().getOrDefault("priority-board", 0L);
    }

    /** Up to which position the query side's live feed has queued the priorities topic's frames for its sessions. */
    long feedPosition() {
        return query.getBean(ChangeFeed.class).queuedUpTo(CycleTopic.Kind.PRIORITIES);
    }

    /** How far the processor that is furthest behind got, as the token store says. */
    long slowestProcessorPosition() {
        return query.getBean(ProcessorTokens.class).positions().values().stream().mapToLong(Long::longValue).min()
                .orElse(0L);
    }

    @Override
    public void close() throws IOException {
        query.close();
        command.close();
        mongo.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
