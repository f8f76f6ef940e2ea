package org.tradeoffs.benchmark.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many STOMP sessions over plain WebSocket (the JDK client, one selector for all), each subscribed to one topic and
 * reporting when each frame arrived. STOMP is spoken directly: CONNECT, SUBSCRIBE, then MESSAGE frames whose
 * {@code position} header is all that is read.
 */
final class StompSessions implements AutoCloseable {

    /** Told of every frame: which session, which position, when (System.nanoTime). */
    interface Arrivals {
        void arrived(int session, long position, long nanoTime);
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().executor(executor).build();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final String url;
    private final String user;

    StompSessions(String url, String user) {
        this.url = url;
        this.user = user;
    }

    int size() {
        return sockets.size();
    }

    /** ERROR frames and failed sockets so far. */
    int errors() {
        return errors.get();
    }

    int closedByServer() {
        return closed.get();
    }

    /** Opens {@code count} more sessions, subscribed to {@code destination} (with since-position when >= 0). */
    void open(int count, String destination, long sincePosition, Arrivals arrivals) {
        for (int from = 0; from < count; from += 100) {
            List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 100); i++) {
                int index = sockets.size() + i - from;
                Listener listener = new Listener(index, arrivals);
                batch.add(http.newWebSocketBuilder().header("Authorization", CommandClient.basic(user))
                        .buildAsync(URI.create(url), listener)
                        .thenCompose(socket -> socket.sendText(
                                "CONNECT\naccept-version:1.2\nheart-beat:0,0\nhost:localhost\n\n\0", true))
                        .thenCompose(socket -> socket.sendText("SUBSCRIBE\nid:0\ndestination:" + destination + "\n"
                                + (sincePosition >= 0 ? "since-position:" + sincePosition + "\n" : "") + "\n\0", true)));
            }
            for (CompletableFuture<WebSocket> socket : batch) {
                sockets.add(socket.orTimeout(30, TimeUnit.SECONDS).join());
            }
        }
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        executor.shutdownNow();
    }

    private final class Listener implements WebSocket.Listener {

        private final int index;
        private final Arrivals arrivals;
        private final StringBuilder text = new StringBuilder();

        Listener(int index, Arrivals arrivals) {
            this.index = index;
            this.arrivals = arrivals;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long now = System.nanoTime();
                frames(text, now);
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** A WebSocket message may carry several frames, each ended by NUL (and heart-beats, bare newlines). */
        private void frames(CharSequence message, long now) {
            int start = 0;
            while (start < message.length()) {
                while (start < message.length() && (message.charAt(start) == '\n' || message.charAt(start) == '\r')) {
                    start++;
                }
                int end = start;
                while (end < message.length() && message.charAt(end) != '\0') {
                    end++;
                }
                if (end > start) {
                    frame(message.subSequence(start, end).toString(), now);
                }
                start = end + 1;
            }
        }

        private void frame(String frame, long now) {
            if (frame.startsWith("MESSAGE")) {
                int header = frame.indexOf("\nposition:");
                if (header >= 0) {
                    int end = frame.indexOf('\n', header + 1);
                    arrivals.arrived(index, Long.parseLong(frame.substring(header + 10, end).trim()), now);
                }
            } else if (frame.startsWith("ERROR")) {
                errors.incrementAndGet();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.incrementAndGet();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            errors.incrementAndGet();
        }
    }
}
