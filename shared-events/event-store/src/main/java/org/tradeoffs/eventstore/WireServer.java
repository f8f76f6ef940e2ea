package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * mongo-java-server's wire protocol on loopback, with the same pipeline as its {@code MongoServer}, except that a
 * request that waits for the store's commit is handled off the network event loop, and that replies are written by
 * {@link BsonReplies}, which writes the documents a query found as the bytes they are stored as.
 *
 * <p>A write to the event log answers only once the store has written it to its journal ({@link GroupCommit}; an H2
 * commit until 2026-11-29). mongo-java-server handles every request on the event loop that reads its connection, and
 * a few loops (two per core) serve all connections: a loop waiting for a commit stalled every other connection it
 * serves, so a tracking processor's read queued behind a command's commit, and the live views fell seconds behind the
 * event log at 100 commands/s. Such
 * requests now run on a thread of their own; every other request is still handled on the event loop, which costs no
 * thread hand-off. A connection's requests keep their order: while one of them is off the loop, the next ones queue
 * behind it.
 */
final class WireServer implements AutoCloseable {

    private final MongoBackend backend;
    private final Predicate<Document> waitsForCommit;
    private final EventLoopGroup network = new NioEventLoopGroup(0, new MongoThreadFactory("mongo-server-worker"));
    private final ExecutorService waiting = Executors.newCachedThreadPool(new MongoThreadFactory("mongo-server-commit"));
    private final ChannelGroup clients;
    private final Channel listening;
    /** Requests arrived so far, by command and collection (see {@link #requestCounts}). */
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    /**
     * @param waitsForCommit whether a request (the command document) waits for a commit before it answers
     */
    WireServer(MongoBackend backend, Predicate<Document> waitsForCommit, String host, int port) {
        this.backend = backend;
        this.waitsForCommit = waitsForCommit;
        this.clients = new DefaultChannelGroup("mongodb-clients", network.next());
        try {
            listening = new ServerBootstrap()
                    .group(network)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .localAddress(new InetSocketAddress(host, port))
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(new BsonReplies.Replies())
                                    .addLast(new BsonReplies.Messages())
                                    .addLast(new MongoWireProtocolHandler())
                                    .addLast(new Requests())
                                    .addLast(new MongoExceptionHandler());
                        }
                    })
                    .bind().syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutDownThreads();
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listening.localAddress();
    }

    /**
     * How many requests arrived so far, by command and the collection it names ({@code "update trackingtokens"}; the
     * command alone when it names none): how many round trips the services make for their work, which the live
     * benchmark counts per command.
     */
    Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    /** The command and collection of a request, as {@link #requestCounts} counts them. */
    private static String kindOf(Document command) {
        if (command.isEmpty()) {
            return "(empty)";
        }
        String name = command.keySet().iterator().next();
        Object collection = "getMore".equals(name) ? command.get("collection") : command.get(name);
        return collection instanceof String named ? name + " " + named : name;
    }

    /** Stops listening, closes every client connection, then the backend. */
    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        shutDownThreads();
        backend.close();
    }

    private void shutDownThreads() {
        waiting.shutdown();
        network.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection's requests: mongo-java-server's handler, with the requests that wait handled off the loop. */
    private final class Requests extends MongoDatabaseHandler {

        /** The last request handed off the loop; only the event loop reads or replaces it. */
        private CompletableFuture<Void> offLoop = CompletableFuture.completedFuture(null);

        Requests() {
            super(backend, clients);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, ClientRequest request) {
            boolean waits = false;
            if (request instanceof MongoMessage message) {
                requests.computeIfAbsent(kindOf(message.getDocument()), kind -> new LongAdder()).increment();
                waits = waitsForCommit.test(message.getDocument());
            }
            if (!waits && offLoop.isDone()) {
                super.channelRead0(context, request);
                return;
            }
            // handle, not then: a request whose handling failed must not keep the next ones from being handled
            offLoop = offLoop.handleAsync((previous, failure) -> {
                try {
                    super.channelRead0(context, request);
                } catch (RuntimeException e) {
                    context.fireExceptionCaught(e);
                }
                return null;
            }, waiting);
        }
    }
}
