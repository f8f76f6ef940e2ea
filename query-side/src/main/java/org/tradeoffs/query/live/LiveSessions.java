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
 */
@Component
public class LiveSessions implements WebSocketHandlerDecoratorFactory {

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService stallChecks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "live-stall-checks");
        thread.setDaemon(true);
        return thread;
    });
    private final TaskExecutor executor;
    private final int sendTimeLimit;
    private final int bufferSizeLimit;

    public LiveSessions(@Lazy @Qualifier("clientOutboundChannelExecutor") TaskExecutor executor,
            @Value("${tradeoffs.websocket.send-time-limit:5000}") int sendTimeLimit,
            @Value("${tradeoffs.websocket.send-buffer-size-limit:1048576}") int bufferSizeLimit) {
        this.executor = executor;
        this.sendTimeLimit = sendTimeLimit;
        this.bufferSizeLimit = bufferSizeLimit;
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

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                LiveSession live = new LiveSession(session, sendTimeLimit, bufferSizeLimit, executor);
                sessions.put(session.getId(), live);
                super.afterConnectionEstablished(live.socket());
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                LiveSession live = sessions.remove(session.getId());
                if (live != null) {
                    live.closed();
                }
                super.afterConnectionClosed(session, status);
            }
        };
    }
}
