package org.tradeoffs.query.live;

import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * This instance's WebSocket sessions, each with the queue of cycle-topic frames on their way to it (see
 * {@link LiveSession}). The {@link ChangeFeed} writes the frames of every change once per subscriber into these
 * queues, and the queues drain on the client outbound channel's threads, each session's frames in order and, when
 * several wait, in one WebSocket message. Everything else a session gets (CONNECTED, receipts, presence, errors,
 * heart-beats) takes Spring's broker path into the same queue, so nothing writes to the socket at the same time.
 * Every fraction of the send time limit, each session whose write has been pending longer than the limit (a client
 * that stopped reading) is closed.
 *
 * <p>A user holds at most {@code tradeoffs.websocket.max-connections-per-user} connections at once on this instance
 * (0: no limit): one beyond gets an ERROR frame {@value #TOO_MANY_CONNECTIONS} as soon as it opens, before anything
 * else, and is closed. Every connection costs the server a buffer, a queue and a share of every broadcast, so one
 * signed-in user could otherwise wear down the instance for everyone.
 */
@Component
public class LiveSessions implements WebSocketHandlerDecoratorFactory {

    /** The ERROR frame's {@code message} for a connection beyond its user's limit. */
    public static final String TOO_MANY_CONNECTIONS = "too-many-connections";

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    /** Open connections by user, the refused ones too until they are closed. */
    private final Map<String, Integer> connectionsByUser = new ConcurrentHashMap<>();
    private final ScheduledExecutorService stallChecks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "live-stall-checks");
        thread.setDaemon(true);
        return thread;
    });
    private final TaskExecutor executor;
    private final int sendTimeLimit;
    private final int bufferSizeLimit;
    private final int maxConnectionsPerUser;

    public LiveSessions(@Lazy @Qualifier("clientOutboundChannelExecutor") TaskExecutor executor,
            @Value("${tradeoffs.websocket.send-time-limit:5000}") int sendTimeLimit,
            @Value("${tradeoffs.websocket.send-buffer-size-limit:1048576}") int bufferSizeLimit,
            @Value("${tradeoffs.websocket.max-connections-per-user:20}") int maxConnectionsPerUser) {
        this.executor = executor;
        this.sendTimeLimit = sendTimeLimit;
        this.bufferSizeLimit = bufferSizeLimit;
        this.maxConnectionsPerUser = maxConnectionsPerUser;
        // a client that stopped reading while nothing more is sent to it is found here, not by the next frame
        long every = Math.max(10, sendTimeLimit / 4);
        stallChecks.scheduleWithFixedDelay(() -> sessions.values().forEach(LiveSession::closeIfStalled),
                every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stallChecks.shutdownNow();
    }

    /** The session, while its WebSocket connection is open. */
    Optional<LiveSession> get(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** Counts a connection of the user opened: the user's connections now open. */
    private int opened(String user) {
        return user == null ? 0 : connectionsByUser.merge(user, 1, Integer::sum);
    }

    private void left(String user) {
        if (user != null) {
            connectionsByUser.computeIfPresent(user, (name, open) -> open > 1 ? open - 1 : null);
        }
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                LiveSession live = new LiveSession(session, sendTimeLimit, bufferSizeLimit, executor);
                sessions.put(session.getId(), live);
                super.afterConnectionEstablished(live.socket());
                if (opened(live.user()) > maxConnectionsPerUser && maxConnectionsPerUser > 0) {
                    live.refuse(TOO_MANY_CONNECTIONS);
                }
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                LiveSession live = sessions.remove(session.getId());
                if (live != null) {
                    live.closed();
                    left(live.user());
                }
                super.afterConnectionClosed(session, status);
            }
        };
    }
}
