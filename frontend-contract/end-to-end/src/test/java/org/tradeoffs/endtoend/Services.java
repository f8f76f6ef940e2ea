package org.tradeoffs.endtoend;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradeoffs.command.CommandApplication;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.query.QueryApplication;

/** Both applications on random ports in this JVM, against one embedded MongoDB. */
final class Services implements AutoCloseable {

    final ConfigurableApplicationContext command;
    final ConfigurableApplicationContext query;

    private Services(ConfigurableApplicationContext command, ConfigurableApplicationContext query) {
        this.command = command;
        this.query = query;
    }

    static Services start(EmbeddedMongo mongo) {
        String[] common = {
                "--server.port=0",
                "--tradeoffs.mongodb.uri=" + mongo.connectionString("tradeoffs"),
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
        };
        ConfigurableApplicationContext command = CommandApplication.application().run(common);
        ConfigurableApplicationContext query = QueryApplication.application().run(common);
        return new Services(command, query);
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

    /** The highest global position handed out: unchanged means nothing was stored. */
    long headPosition() {
        return command.getBean(OrderedMongoEventStorageEngine.class).headPosition();
    }

    @Override
    public void close() {
        query.close();
        command.close();
    }
}
