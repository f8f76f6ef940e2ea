package org.tradeoffs.query.presence;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A bare STOMP 1.2 client on the JDK's WebSocket, writing frames as text: a test can send any body, stop sending
 * heart-beats, or drop the connection without a DISCONNECT, as a crashed browser would.
 */
public final class RawStomp implements WebSocket.Listener {

    /** A frame from the server; heart-beats are not kept. */
    public record Frame(String command, Map<String, String> headers, String body) {
    }

    public final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closed;
    private WebSocket socket;

    /**
     * Opens a connection as {@code username} (password {@code demo}) and waits for CONNECTED.
     *
     * @param heartBeat the CONNECT frame's {@code heart-beat} header, e.g. {@code 0,0} for none
     */
    public static RawStomp connect(String url, String username, String heartBeat) throws Exception {
        RawStomp stomp = open(url, username);
        stomp.write("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:" + heartBeat + "\n\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> !stomp.withCommand("CONNECTED").isEmpty());
        return stomp;
    }

    /** The WebSocket only, authenticated as the user; the caller writes the CONNECT frame. */
    public static RawStomp open(String url, String username) throws Exception {
        RawStomp stomp = new RawStomp();
        String credentials = Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8));
        stomp.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Basic " + credentials)
                .subprotocols("v12.stomp")
                .buildAsync(URI.create(url), stomp)
                .get(10, TimeUnit.SECONDS);
        return stomp;
    }

    public void subscribe(String id, String destination) {
        write("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n");
    }

    void unsubscribe(String id) {
        write("UNSUBSCRIBE\nid:" + id + "\n\n");
    }

    public void send(String destination, String jsonBody) {
        write("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + jsonBody);
    }

    /** Drops the TCP connection at once: no DISCONNECT, no WebSocket close handshake. */
    void kill() {
        socket.abort();
    }

    /** Closes the WebSocket as a browser closing its tab would (a close frame, no DISCONNECT), unless it is closed. */
    public void close() {
        if (!closed && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(closedMeanwhile -> null).join();
        }
    }

    public boolean closed() {
        return closed;
    }

    /** The bodies of the MESSAGE frames of one subscription, in order. */
    public List<String> messages(String subscriptionId) {
        return frames.stream()
                .filter(frame -> frame.command().equals("MESSAGE"))
                .filter(frame -> subscriptionId.equals(frame.headers().get("subscription")))
                .map(Frame::body)
                .toList();
    }

    public List<Frame> withCommand(String command) {
        return frames.stream().filter(frame -> frame.command().equals(command)).toList();
    }

    /** Writes a frame as given (command, headers, blank line, body), NUL-terminated. */
    public void write(String frame) {
        socket.sendText(frame + "\0", true).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (!text.isBlank()) {
                frames.add(parse(text));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
    }

    private static Frame parse(String text) {
        String frame = text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
        int blank = frame.indexOf("\n\n");
        String[] head = frame.substring(0, blank).split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.putIfAbsent(head[i].substring(0, colon), head[i].substring(colon + 1));
        }
        return new Frame(head[0], headers, frame.substring(blank + 2));
    }
}
