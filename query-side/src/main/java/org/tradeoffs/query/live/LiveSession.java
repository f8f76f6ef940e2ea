package org.tradeoffs.query.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One WebSocket session and the cycle-topic frames waiting for it. Only the {@link ChangeFeed}'s thread offers
 * frames; a drain on the executor writes them, in order, all that wait at the moment in one WebSocket message (a
 * STOMP client reads the NUL-terminated frames one after the other), so a client that falls behind gets fewer, larger
 * messages instead of falling further behind. No frame goes out before the session's CONNECTED frame.
 *
 * <p>A client that stops reading never holds up the feed or anyone else: the feed only queues, and once more than the
 * send buffer limit waits here, or one write has been blocked for longer than the send time limit, the session is
 * closed ({@code 1011}, not reliable); the client reconnects and catches up with {@code since-position}. Frames that
 * Spring's broker path sends the session (CONNECTED, receipts, presence, errors, heart-beats) go through the same
 * {@link ConcurrentWebSocketSessionDecorator}, so the two paths never write to the socket at once.
 */
final class LiveSession {

    private static final Logger log = LoggerFactory.getLogger(LiveSession.class);
    /**
     * Waiting frames are joined into one WebSocket message of at most so many bytes: the default message buffer of
     * Java WebSocket clients (Tomcat's, which Spring's STOMP client uses), which close the connection on a longer one.
     * A longer frame goes alone, as it would anyway.
     */
    static final int MESSAGE_BYTES = 8 * 1024;

    private final ConcurrentWebSocketSessionDecorator socket;
    private final Executor executor;
    private final long sendTimeLimitNanos;
    private final int bufferSizeLimit;
    private final Queue<TopicFrame.Encoded> frames = new ArrayDeque<>();
    private long queuedBytes;
    private boolean draining;
    private boolean ready;
    private boolean closing;
    /** When the write in progress started (System.nanoTime), 0 when none is. */
    private volatile long writingSince;
    /** Only the feed's thread numbers frames. */
    private long messageIds;

    LiveSession(WebSocketSession session, int sendTimeLimit, int bufferSizeLimit, Executor executor) {
        this.socket = new ConcurrentWebSocketSessionDecorator(session, sendTimeLimit, bufferSizeLimit) {
            @Override
            public void sendMessage(WebSocketMessage<?> message) throws IOException {
                super.sendMessage(message);
                if (message instanceof TextMessage text && text.getPayload().startsWith("CONNECTED")) {
                    connected();
                }
            }
        };
        this.executor = executor;
        this.sendTimeLimitNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeLimit);
        this.bufferSizeLimit = bufferSizeLimit;
    }

    /** The session every frame to this client goes through. */
    WebSocketSession socket() {
        return socket;
    }

    String id() {
        return socket.getId();
    }

    /** A message id for the next frame, unique within the session. */
    String nextMessageId() {
        return "live-" + messageIds++;
    }

    /**
     * Queues a frame; {@link #flush} sends what is queued. A session that is too far behind is closed instead.
     *
     * @return whether the frame was queued
     */
    boolean offer(TopicFrame.Encoded frame) {
        boolean tooSlow;
        boolean full;
        synchronized (this) {
            if (closing) {
                return false;
            }
            frames.add(frame);
            queuedBytes += frame.bytes();
            long since = writingSince;
            tooSlow = queuedBytes > bufferSizeLimit || since != 0 && System.nanoTime() - since > sendTimeLimitNanos;
            if (tooSlow) {
                dropAll();
            }
            full = !draining && queuedBytes >= MESSAGE_BYTES;
        }
        if (tooSlow) {
            log.debug("Closing WebSocket session {}: it does not read its frames", id());
            executor.execute(this::closeUnreliable);
            return false;
        }
        if (full) {
            flush();
        }
        return true;
    }

    /**
     * Starts writing the queued frames, unless a write is under way (it takes them too) or CONNECTED is not out. The
     * feed calls it at the end of each round, and {@link #offer} once a message's worth waits, so a long round's frames
     * are on their way while the feed still queues the rest.
     */
    void flush() {
        synchronized (this) {
            if (draining || !ready || closing || frames.isEmpty()) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    /** Whether every queued frame has been handed to the socket. */
    synchronized boolean idle() {
        return frames.isEmpty() && !draining;
    }

    /** The connection ended. */
    void closed() {
        synchronized (this) {
            dropAll();
        }
    }

    private void connected() {
        synchronized (this) {
            ready = true;
        }
        flush();
    }

    private void drain() {
        while (true) {
            String message;
            synchronized (this) {
                if (frames.isEmpty() || closing) {
                    draining = false;
                    return;
                }
                message = takeMessage();
            }
            writingSince = System.nanoTime();
            try {
                socket.sendMessage(new TextMessage(message));
            } catch (IOException | RuntimeException e) {
                log.debug("Closing WebSocket session {}: {}", id(), e.toString());
                synchronized (this) {
                    dropAll();
                    draining = false;
                }
                closeUnreliable();
                return;
            } finally {
                writingSince = 0;
            }
        }
    }

    /** The frames that wait, joined, up to {@link #MESSAGE_BYTES}; at least one. */
    private String takeMessage() {
        TopicFrame.Encoded first = frames.poll();
        queuedBytes -= first.bytes();
        if (frames.isEmpty() || first.bytes() + frames.peek().bytes() > MESSAGE_BYTES) {
            return first.text();
        }
        StringBuilder joined = new StringBuilder(MESSAGE_BYTES).append(first.text());
        int bytes = first.bytes();
        while (!frames.isEmpty() && bytes + frames.peek().bytes() <= MESSAGE_BYTES) {
            TopicFrame.Encoded next = frames.poll();
            queuedBytes -= next.bytes();
            bytes += next.bytes();
            joined.append(next.text());
        }
        return joined.toString();
    }

    private void dropAll() {
        closing = true;
        frames.clear();
        queuedBytes = 0;
    }

    private void closeUnreliable() {
        try {
            socket.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing WebSocket session {} failed: {}", id(), e.toString());
        }
    }
}
