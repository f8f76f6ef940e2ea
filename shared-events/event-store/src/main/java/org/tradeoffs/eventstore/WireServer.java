package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * mongo-java-server's wire protocol on loopback, with the same pipeline as its {@code MongoServer}, except that
 * requests are handled on threads of their own, not on the network event loops.
 *
 * <p>A write to the event log answers only once the store has committed it ({@link GroupCommit}). On an event loop that
 * wait stalled every other connection the loop serves (four loops share all connections): a tracking processor's read
 * queued behind a command's commit, and the live views fell seconds behind the event log. Here each connection's
 * requests run in order on one of {@value #HANDLER_THREADS} handler threads (started as connections need them), so a
 * request waits only for the requests of its own connection.
 */
final class WireServer implements AutoCloseable {

    private static final int HANDLER_THREADS = 64;

    private final MongoBackend backend;
    private final EventLoopGroup network = new NioEventLoopGroup(0, new MongoThreadFactory("mongo-server-io-"));
    private final EventExecutorGroup handlers =
            new DefaultEventExecutorGroup(HANDLER_THREADS, new MongoThreadFactory("mongo-server-handler-"));
    private final ChannelGroup clients;
    private final Channel listening;

    WireServer(MongoBackend backend, String host, int port) {
        this.backend = backend;
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
                                    .addLast(new MongoWireReplyEncoder())
                                    .addLast(new MongoWireMessageEncoder())
                                    .addLast(new MongoWireProtocolHandler())
                                    .addLast(handlers, new MongoDatabaseHandler(backend, clients))
                                    .addLast(handlers, new MongoExceptionHandler());
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

    /** Stops listening, closes every client connection, then the backend. */
    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        shutDownThreads();
        backend.close();
    }

    private void shutDownThreads() {
        handlers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        network.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
