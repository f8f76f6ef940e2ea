package org.tradeoffs.query.live;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.tomcat.websocket.EncodedTextMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * One WebSocket session and everything on its way to it: the cycle-topic frames the {@link ChangeFeed} offers, and
 * every frame Spring's broker path sends it (CONNECTED, receipts, presence, errors, heart-beats), which come through
 * {@link #socket()}. A drain on the executor writes them in order, Spring's first: the live frames that wait at the
 * moment go in one WebSocket message (a STOMP client reads the NUL-terminated frames one after the other), so a
 * client that falls behind gets fewer, larger messages instead of falling further behind. No live frame goes out
 * before the session's CONNECTED frame.
 *
 * <p>Writes never block a thread: on a standard (JSR-356) session each message is sent asynchronously, and the next
 * one once it has gone. A client that stops reading therefore holds up no one, not even the executor's threads; its
 * frames wait here, and once more than the send buffer limit waits, or one write has been pending for longer than
 * the send time limit ({@link #closeIfStalled}, checked by {@link LiveSessions} every fraction of it), the session is
 * closed ({@code 1011}, not reliable); the client reconnects and catches up with {@code since-position}. The feed
 * keeps a client that reads from getting there: once half the limit waits ({@link #behind}), it queues no more live
 * frames but sends the rest as a catch-up. A close that Spring asks for (after an ERROR frame) waits until what
 * Spring sent before it has been written.
 */
final class LiveSession {

    private static final Logger log = LoggerFactory.getLogger(LiveSession.class);
    /**
     * Waiting frames are joined into one WebSocket message of at most so many bytes: the default message buffer of
     * Java WebSocket clients (Tomcat's, which Spring's STOMP client uses), which close the connection on a longer one.
     * A longer frame goes alone, as it would anyway.
     */
    static final int MESSAGE_BYTES = 8 * 1024;

    /** Set while this thread sends a message of a drain (see {@link TomcatThreads}). */
    private static final ThreadLocal<Boolean> SENDING = new ThreadLocal<>();

    private final WebSocketSession socket;
    private final Transport transport;
    private final Executor executor;
    private final long sendTimeLimitNanos;
    private final int bufferSizeLimit;
    /** The user who opened the session (the handshake's), null if none: asked for every frame the feed offers. */
    private final String user;
    /** What Spring's broker path sent, in order; it goes before the live frames. */
    private final Queue<WebSocketMessage<?>> control = new ArrayDeque<>();
    private final Queue<TopicFrame.Encoded> frames = new ArrayDeque<>();
    private long queuedBytes;
    private boolean draining;
    private boolean ready;
    /** No more live frames: the session is being closed. */
    private boolean closing;
    /** Nothing more at all: the session is closed, or being closed as not reliable. */
    private boolean done;
    /** A close Spring asked for, done once the control messages before it are written. */
    private CloseStatus closeWhenWritten;
    /** When the write in progress started (System.nanoTime), 0 when none is. */
    private volatile long writingSince;
    /** Only the feed's thread numbers frames. */
    private long messageIds;
    /** The feed's round that last queued a live frame here; only the feed's thread reads or writes it. */
    private long queuedInRound = -1;
    /** The ids of the client's subscriptions (see {@link SubscriptionGuard}). */
    private final Set<String> subscriptions = new HashSet<>();

    LiveSession(WebSocketSession session, int sendTimeLimit, int bufferSizeLimit, Executor executor) {
        this.socket = new WebSocketSessionDecorator(session) {
            @Override
            public void sendMessage(WebSocketMessage<?> message) throws IOException {
                enqueue(message);
            }

            @Override
            public void close(CloseStatus status) throws IOException {
                closeWhenWritten(status);
            }

            @Override
            public void close() throws IOException {
                close(CloseStatus.NORMAL);
            }
        };
        this.transport = Transport.of(session);
        this.executor = executor;
        this.sendTimeLimitNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeLimit);
        this.bufferSizeLimit = bufferSizeLimit;
        this.user = session.getPrincipal() == null ? null : session.getPrincipal().getName();
    }

    /**
     * Whether this thread is sending a message of a drain, its completion not yet handed on: once per send, so that
     * a completion that sends more (the next part of a long message) is handed on as usual.
     */
    static boolean completesOnThisThread() {
        if (SENDING.get() == null) {
            return false;
        }
        SENDING.remove();
        return true;
    }

    /** The session every frame to this client goes through. */
    WebSocketSession socket() {
        return socket;
    }

    String id() {
        return socket.getId();
    }

    /** The number of the next frame's message id, unique within the session. */
    long nextMessageNumber() {
        return messageIds++;
    }

    /**
     * Whether the feed's round queues its first frame here: the feed flushes every session its round queued frames
     * for once, at the round's end. Only the feed's thread calls it.
     */
    boolean firstQueuedInRound(long round) {
        if (queuedInRound == round) {
            return false;
        }
        queuedInRound = round;
        return true;
    }

    /**
     * Queues a frame; {@link #flush} sends what is queued. A session that is too far behind is closed instead.
     *
     * @return whether the frame was queued
     */
    boolean offer(TopicFrame.Encoded frame) {
        boolean full;
        synchronized (this) {
            if (closing) {
                return false;
            }
            frames.add(frame);
            queuedBytes += frame.bytes();
            if (tooFarBehind() || stalled()) {
                return false;
            }
            full = !draining && queuedBytes >= MESSAGE_BYTES;
        }
        if (full) {
            flush();
        }
        return true;
    }

    /**
     * Starts writing what is queued, unless a write is under way (its drain takes the rest too). The feed calls it at
     * the end of each round, and {@link #offer} once a message's worth waits, so a long round's frames are on their
     * way while the feed still queues the rest.
     */
    void flush() {
        synchronized (this) {
            if (draining || control.isEmpty() && (!ready || closing || frames.isEmpty())) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    /** Bytes of frames the feed queues at once at most: half the send buffer limit. */
    int partLimit() {
        return bufferSizeLimit / 2;
    }

    /**
     * Whether more than {@link #partLimit} waits: a burst of frames comes faster than the client reads (the feed sends
     * it the rest as a catch-up).
     */
    synchronized boolean behind() {
        return queuedBytes > partLimit();
    }

    /** The bytes of what waits to be written. */
    synchronized long waitingBytes() {
        return queuedBytes;
    }

    /** Whether everything queued has been written. */
    synchronized boolean idle() {
        return control.isEmpty() && frames.isEmpty() && !draining;
    }

    /** The connection ended. */
    void closed() {
        synchronized (this) {
            dropEverything();
        }
    }

    /**
     * The client subscribes with this id: whether it may, holding at most {@code limit} subscriptions at once (one
     * whose id it holds already replaces that one).
     */
    synchronized boolean subscribed(String subscriptionId, int limit) {
        if (subscriptions.size() >= limit && !subscriptions.contains(subscriptionId)) {
            return false;
        }
        subscriptions.add(subscriptionId);
        return true;
    }

    /**
     * The client ended a subscription: its frames that wait are not sent (a client that subscribes again under the
     * same id with {@code since-position} gets them once, from its catch-up).
     */
    synchronized void unsubscribed(String subscriptionId) {
        subscriptions.remove(subscriptionId);
        frames.removeIf(frame -> {
            boolean ended = frame.subscriptionId().equals(subscriptionId);
            if (ended) {
                queuedBytes -= frame.bytes();
            }
            return ended;
        });
    }

    /** The user who opened the session, null if none. */
    String user() {
        return user;
    }

    /**
     * The user may no longer read what the session follows (see {@link CycleReaders}): no more live frames, an ERROR
     * frame {@code forbidden}, then the connection closes.
     */
    void refuse() {
        refuse(SubscriptionGuard.FORBIDDEN);
    }

    /**
     * A frame of the client is refused (see {@link SubscriptionGuard}): no more live frames, an ERROR frame with the
     * reason as its {@code message}, then the connection closes.
     */
    void refuse(String reason) {
        synchronized (this) {
            if (closing) {
                return; // refused already, or being closed anyway
            }
            dropAll();
        }
        log.debug("Closing WebSocket session {}: {}", id(), reason);
        enqueue(new TextMessage("ERROR\nmessage:" + reason + "\ncontent-length:0\n\n\0"));
        closeWhenWritten(CloseStatus.POLICY_VIOLATION);
    }

    /** Closes the session when a write to it has been pending for longer than the send time limit. */
    void closeIfStalled() {
        synchronized (this) {
            if (!done) {
                stalled();
            }
        }
    }

    /** A frame from Spring's broker path (CONNECTED, a receipt, presence, an error, a heart-beat). */
    private void enqueue(WebSocketMessage<?> message) {
        synchronized (this) {
            if (done) {
                return;
            }
            if (message instanceof TextMessage text && text.getPayload().startsWith("CONNECTED")) {
                ready = true;
            }
            control.add(message);
            queuedBytes += message.getPayloadLength();
            if (tooFarBehind()) {
                return;
            }
        }
        flush();
    }

    private void closeWhenWritten(CloseStatus status) {
        synchronized (this) {
            if (done) {
                return;
            }
            dropAll();
            if (draining || !control.isEmpty()) {
                closeWhenWritten = status;
                return;
            }
        }
        close(status);
    }

    /** Past the buffer limit: drops everything and closes as not reliable. Call holding the lock. */
    private boolean tooFarBehind() {
        return queuedBytes > bufferSizeLimit && closeUnreliably("it does not read its frames");
    }

    /** A write pending for longer than the send time limit: drops everything and closes. Call holding the lock. */
    private boolean stalled() {
        long since = writingSince;
        return since != 0 && System.nanoTime() - since > sendTimeLimitNanos
                && closeUnreliably("a write to it has been pending too long");
    }

    /** Drops everything and has the session closed as not reliable; answers true. Call holding the lock. */
    private boolean closeUnreliably(String reason) {
        dropEverything();
        log.debug("Closing WebSocket session {}: {}", id(), reason);
        executor.execute(this::closeUnreliable);
        return true;
    }

    private void drain() {
        while (true) {
            WebSocketMessage<?> message;
            CloseStatus close = null;
            synchronized (this) {
                message = takeMessage();
                if (message == null) {
                    draining = false;
                    close = closeWhenWritten;
                    closeWhenWritten = null;
                }
            }
            if (message == null) {
                if (close != null) {
                    close(close);
                }
                return;
            }
            Write write = new Write();
            writingSince = System.nanoTime();
            SENDING.set(Boolean.TRUE);
            try {
                transport.send(message, write);
            } finally {
                SENDING.remove();
            }
            if (!write.completedInline()) {
                return; // the write's completion goes on
            }
            if (!written(write.failure)) {
                return;
            }
        }
    }

    /**
     * After a write completed on the container's thread: ends the drain if nothing may go now, as the drain would (most
     * writes are a round's only message to the session), sparing a task on the executor; answers whether it ended.
     */
    private boolean drained() {
        synchronized (this) {
            if (!control.isEmpty() || closeWhenWritten != null || ready && !closing && !frames.isEmpty()) {
                return false;
            }
            draining = false;
            return true;
        }
    }

    /** After a write: answers whether to go on with the next one. */
    private boolean written(Throwable failure) {
        writingSince = 0;
        if (failure == null) {
            return true;
        }
        log.debug("Closing WebSocket session {}: {}", id(), failure.toString());
        synchronized (this) {
            dropEverything();
            draining = false;
        }
        closeUnreliable();
        return false;
    }

    /**
     * The next message: a control message, else the live frames that wait, joined up to {@link #MESSAGE_BYTES} (at
     * least one); null when nothing may go. Call holding the lock.
     */
    private WebSocketMessage<?> takeMessage() {
        WebSocketMessage<?> next = control.poll();
        if (next != null) {
            queuedBytes -= next.getPayloadLength();
            return next;
        }
        if (!ready || closing || frames.isEmpty()) {
            return null;
        }
        TopicFrame.Encoded first = frames.poll();
        queuedBytes -= first.bytes();
        List<TopicFrame.Encoded> joined = new ArrayList<>();
        joined.add(first);
        int bytes = first.bytes();
        while (!frames.isEmpty() && bytes + frames.peek().bytes() <= MESSAGE_BYTES) {
            TopicFrame.Encoded more = frames.poll();
            queuedBytes -= more.bytes();
            bytes += more.bytes();
            joined.add(more);
        }
        // joined once at their exact length: most messages are far shorter than MESSAGE_BYTES
        ByteBuffer payload = ByteBuffer.allocate(bytes);
        joined.forEach(frame -> frame.writeTo(payload));
        return new EncodedText(payload.flip());
    }

    /** No more live frames. Call holding the lock. */
    private void dropAll() {
        closing = true;
        queuedBytes -= frames.stream().mapToLong(TopicFrame.Encoded::bytes).sum();
        frames.clear();
    }

    /** Nothing more goes out. Call holding the lock. */
    private void dropEverything() {
        dropAll();
        done = true;
        control.clear();
        queuedBytes = 0;
        closeWhenWritten = null;
    }

    private void closeUnreliable() {
        close(CloseStatus.SESSION_NOT_RELIABLE);
    }

    private void close(CloseStatus status) {
        try {
            transport.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing WebSocket session {} failed: {}", id(), e.toString());
        }
    }

    /**
     * One write's completion, which may come before {@link Transport#send} returns (the socket took the message at
     * once: the drain goes on) or later, on the container's thread, which hands the drain back to the executor.
     * Draining on the container's thread instead made catch-ups faster but the latency at 1,000 sessions worse (p99
     * 1,094-2,173 against 327-673 ms in three full benchmark runs each; 2,539 against 974 ms in one more pair).
     */
    private final class Write implements Consumer<Throwable> {

        private final AtomicBoolean settled = new AtomicBoolean();
        private Throwable failure;

        @Override
        public void accept(Throwable failure) {
            this.failure = failure;
            if (settled.compareAndSet(false, true)) {
                return; // completed inline: the drain that sent it reads the outcome
            }
            if (written(failure) && !drained()) {
                executor.execute(LiveSession.this::drain);
            }
        }

        /** Called once after send: whether the completion already came. */
        boolean completedInline() {
            return !settled.compareAndSet(false, true);
        }
    }

    /**
     * Live frames joined into one text message, already in UTF-8: Tomcat is given the bytes (see
     * {@link EncodedTextMessages}), not a text it would encode again for every session.
     */
    private record EncodedText(ByteBuffer payload) implements WebSocketMessage<ByteBuffer> {

        @Override
        public ByteBuffer getPayload() {
            return payload;
        }

        @Override
        public int getPayloadLength() {
            return payload.remaining();
        }

        @Override
        public boolean isLast() {
            return true;
        }

        String text() {
            return new String(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(), UTF_8);
        }
    }

    /** How messages reach the client. */
    private interface Transport {

        /** Sends the message; calls {@code done} with null once it has gone, or with what failed. */
        void send(WebSocketMessage<?> message, Consumer<Throwable> done);

        void close(CloseStatus status) throws IOException;

        /**
         * A standard (JSR-356) session sends asynchronously; any other (e.g. a test's) with its blocking
         * {@code sendMessage} on the calling thread.
         */
        static Transport of(WebSocketSession session) {
            Session standard = session instanceof NativeWebSocketSession nativeSession
                    ? nativeSession.getNativeSession(Session.class) : null;
            if (standard == null) {
                return new Transport() {
                    @Override
                    public void send(WebSocketMessage<?> message, Consumer<Throwable> done) {
                        try {
                            session.sendMessage(message instanceof EncodedText encoded
                                    ? new TextMessage(encoded.text()) : message);
                        } catch (IOException | RuntimeException e) {
                            done.accept(e);
                            return;
                        }
                        done.accept(null);
                    }

                    @Override
                    public void close(CloseStatus status) throws IOException {
                        session.close(status);
                    }
                };
            }
            return new Transport() {
                @Override
                public void send(WebSocketMessage<?> message, Consumer<Throwable> done) {
                    SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
                    try {
                        if (message instanceof EncodedText encoded) {
                            if (!EncodedTextMessages.send(standard.getAsyncRemote(), encoded.payload(), handler)) {
                                standard.getAsyncRemote().sendText(encoded.text(), handler);
                            }
                        } else if (message instanceof TextMessage text) {
                            standard.getAsyncRemote().sendText(text.getPayload(), handler);
                        } else if (message instanceof BinaryMessage binary) {
                            standard.getAsyncRemote().sendBinary(binary.getPayload(), handler);
                        } else {
                            throw new IllegalArgumentException("Unexpected WebSocket message " + message);
                        }
                    } catch (RuntimeException e) {
                        done.accept(e);
                    }
                }

                @Override
                public void close(CloseStatus status) throws IOException {
                    session.close(status);
                }
            };
        }
    }
}
