package org.tradeoffs.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

class LiveSessionTest {

    private static final String DESTINATION = "/topic/cycles/c-1/priorities";

    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void framesWaitForTheConnectedFrameAndThenArriveInOrderWhoeverSentThem() throws Exception {
        Socket socket = new Socket();
        LiveSession session = new LiveSession(socket, 5_000, 1 << 20, Runnable::run);
        session.offer(frame(1, "sub-0", session));
        session.flush();
        assertThat(socket.sent).isEmpty();

        session.socket().sendMessage(new TextMessage("CONNECTED\nversion:1.2\n\n\0"));
        session.offer(frame(2, "sub-0", session));
        session.flush();

        List<Message<byte[]>> frames = decode(socket.sent);
        assertThat(frames).extracting(LiveSessionTest::command).containsExactly("CONNECTED", "MESSAGE", "MESSAGE");
        assertThat(frames.subList(1, 3)).extracting(frame -> header(frame, "position")).containsExactly("1", "2");
        assertThat(session.idle()).isTrue();
    }

    /** After UNSUBSCRIBE no frame of that subscription goes out, also none that waited for the socket. */
    @Test
    void theWaitingFramesOfAnEndedSubscriptionAreNotSent() throws Exception {
        Socket socket = new Socket();
        LiveSession session = new LiveSession(socket, 5_000, 1 << 20, Runnable::run);
        assertThat(session.subscribed("sub-0", 100)).isTrue();
        assertThat(session.subscribed("sub-1", 100)).isTrue();
        session.offer(frame(1, "sub-0", session));
        session.offer(frame(2, "sub-1", session));
        session.offer(frame(3, "sub-0", session));

        session.unsubscribed("sub-0");
        session.socket().sendMessage(new TextMessage("CONNECTED\nversion:1.2\n\n\0"));
        session.flush();

        List<Message<byte[]>> frames = decode(socket.sent);
        assertThat(frames.subList(1, frames.size())).extracting(frame -> header(frame, "position")).containsExactly("2");
        assertThat(session.idle()).isTrue();
        assertThat(session.waitingBytes()).isZero();
    }

    @Test
    void framesThatWaitTogetherGoInMessagesOfAtMost8KiBThatStompClientsSplitBackIntoEveryFrame() throws Exception {
        Socket socket = new Socket();
        LiveSession session = connected(socket, Runnable::run);
        for (int position = 1; position <= 40; position++) {
            session.offer(frame(position, "sub-0", session));
        }
        session.flush();

        List<String> messages = socket.sent.subList(1, socket.sent.size());
        assertThat(messages).hasSizeBetween(2, 39);
        assertThat(messages).allSatisfy(message ->
                assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024));
        List<Message<byte[]>> frames = decode(messages);
        assertThat(frames).extracting(frame -> Long.parseLong(header(frame, "position")))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(frames).extracting(frame -> header(frame, "message-id")).doesNotHaveDuplicates();
    }

    @Test
    void aFrameIsEncodedAsSpringsStompDecoderReadsItNonAsciiBodyAndEscapedNonAsciiSubscriptionIncluded() {
        String body = "{\"title\":\"Lecture précoce — 読書 📚\"}";
        TopicFrame.Encoded encoded = new TopicFrame(DESTINATION, 42, body).to("a:b\\c-é", 7);

        assertThat(encoded.bytes()).isEqualTo(encoded.text().getBytes(StandardCharsets.UTF_8).length);
        Message<byte[]> frame = decode(List.of(encoded.text())).get(0);
        assertThat(command(frame)).isEqualTo("MESSAGE");
        assertThat(header(frame, "destination")).isEqualTo(DESTINATION);
        assertThat(header(frame, "subscription")).isEqualTo("a:b\\c-é");
        assertThat(header(frame, "message-id")).isEqualTo("live-7");
        assertThat(header(frame, "position")).isEqualTo("42");
        assertThat(header(frame, "content-type")).isEqualTo("application/json");
        assertThat(new String(frame.getPayload(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void aClientWithMoreThanTheBufferLimitWaitingIsClosedAsNotReliableAndGetsNothingMore() throws Exception {
        Socket socket = new Socket();
        LiveSession session = blockedOnItsFirstFrame(socket, 5_000);

        boolean accepted = true;
        for (int position = 2; position <= 200 && accepted; position++) {
            accepted = session.offer(frame(position, "sub-0", session));
        }

        assertThat(accepted).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> socket.closedWith != null);
        assertThat(socket.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(session.offer(frame(201, "sub-0", session))).isFalse();
        socket.release.countDown();
    }

    @Test
    void aWriteBlockedLongerThanTheSendTimeLimitClosesTheSessionAtTheNextFrame() throws Exception {
        Socket socket = new Socket();
        LiveSession session = blockedOnItsFirstFrame(socket, 1_000);

        assertThat(session.offer(frame(2, "sub-0", session))).isTrue();
        Thread.sleep(1_200);
        assertThat(session.offer(frame(3, "sub-0", session))).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> socket.closedWith != null);
        assertThat(socket.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
        socket.release.countDown();
    }

    /** A session whose first frame's write blocks, as a client that stopped reading makes it, until released. */
    private LiveSession blockedOnItsFirstFrame(Socket socket, int sendTimeLimit) throws Exception {
        socket.blockAfter = 1;
        LiveSession session = connected(socket, executor, sendTimeLimit);
        session.offer(frame(1, "sub-0", session));
        session.flush();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> socket.blocked);
        return session;
    }

    private static LiveSession connected(Socket socket, Executor executor) throws Exception {
        return connected(socket, executor, 5_000);
    }

    /** A session whose CONNECTED frame went out, with a send buffer limit of 64 KiB. */
    private static LiveSession connected(Socket socket, Executor executor, int sendTimeLimit) throws Exception {
        LiveSession session = new LiveSession(socket, sendTimeLimit, 64 * 1024, executor);
        session.socket().sendMessage(new TextMessage("CONNECTED\nversion:1.2\n\n\0"));
        return session;
    }

    private static TopicFrame.Encoded frame(long position, String subscription, LiveSession session) {
        String body = "{\"position\":" + position + ",\"view\":\"" + "x".repeat(900) + "\"}";
        return new TopicFrame(DESTINATION, position, body).to(subscription, session.nextMessageNumber());
    }

    private static List<Message<byte[]>> decode(List<String> messages) {
        StompDecoder decoder = new StompDecoder();
        List<Message<byte[]>> frames = new ArrayList<>();
        for (String message : messages) {
            frames.addAll(decoder.decode(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8))));
        }
        return frames;
    }

    private static String command(Message<byte[]> frame) {
        return StompHeaderAccessor.wrap(frame).getCommand().name();
    }

    private static String header(Message<byte[]> frame, String name) {
        return StompHeaderAccessor.wrap(frame).getFirstNativeHeader(name);
    }

    /** A WebSocket session that records what is sent, and can block a send as a client that stopped reading. */
    private static final class Socket implements WebSocketSession {
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile int blockAfter = Integer.MAX_VALUE;
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean blocked;
        volatile CloseStatus closedWith;

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            sent.add(((TextMessage) message).getPayload());
            if (sent.size() > blockAfter) {
                blocked = true;
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close(CloseStatus status) {
            closedWith = status;
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }

        @Override
        public String getId() {
            return "session-1";
        }

        @Override
        public URI getUri() {
            return URI.create("ws://localhost/ws");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return "v12.stomp";
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 8 * 1024;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 8 * 1024;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }
    }
}
