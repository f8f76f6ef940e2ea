package org.tradeoffs.endtoend;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradeoffs.command.CommandApplication;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.query.QueryApplication;

import java.util.Arrays;
import java.util.List;

/** Both applications on random ports in this JVM, against one embedded MongoDB. */
final class Services implements AutoCloseable {

    final ConfigurableApplicationContext command;
    final ConfigurableApplicationContext query;
    private final String[] common;

    private Services(ConfigurableApplicationContext command, ConfigurableApplicationContext query, String[] common) {
        this.command = command;
        this.query = query;
        this.common = common;
    }

    static Services start(EmbeddedMongo mongo) {
        return start(mongo, List.of());
    }

    /**
     * @param querySources configuration added to the query side, e.g. {@link SmallSocketBuffers}
     * @param queryArgs    more arguments for the query side, e.g. {@code --tradeoffs.websocket.send-time-limit=10000}
     */
    static Services start(EmbeddedMongo mongo, List<Class<?>> querySources, String... queryArgs) {
        String[] common = {
                "--server.port=0",
                "--tradeoffs.mongodb.uri=" + mongo.connectionString("tradeoffs"),
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
        };
        String[] queryCommon = Arrays.copyOf(common, common.length + queryArgs.length);
        System.arraycopy(queryArgs, 0, queryCommon, common.length, queryArgs.length);
        ConfigurableApplicationContext query = QueryApplication.application()
                .sources(querySources.toArray(Class<?>[]::new)).run(queryCommon);
        // the command side's Location headers point at the query side, as run.sh and compose configure it
        String[] commandArgs = Arrays.copyOf(common, common.length + 1);
        commandArgs[common.length] = "--tradeoffs.query-side.url=" + url(query);
        ConfigurableApplicationContext command = CommandApplication.application().run(commandArgs);
        return new Services(command, query, common);
    }

    /**
     * Another query-side instance on the same store, as {@code ./run.sh --query-instances 2} starts one; the caller
     * closes it. It stores its processors' claims under its own node id: in one JVM both instances would otherwise
     * be the same claim owner (Axon's default is the JVM's name) and both would run every processor.
     *
     * @param moreArgs more arguments for this instance
     */
    ConfigurableApplicationContext startAnotherQuery(String nodeId, String... moreArgs) {
        String[] args = Arrays.copyOf(common, common.length + 1 + moreArgs.length);
        args[common.length] = "--tradeoffs.mongodb.token-store.node-id=" + nodeId;
        System.arraycopy(moreArgs, 0, args, common.length + 1, moreArgs.length);
        return QueryApplication.application().run(args);
    }

    static String url(ConfigurableApplicationContext application) {
        return "http://localhost:" + ((WebServerApplicationContext) application).getWebServer().getPort();
    }

    static String stompUrl(ConfigurableApplicationContext application) {
        return url(application).replace("http:", "ws:") + "/ws";
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
