package org.tradeoffs.endtoend;

import org.tradeoffs.contract.Contract;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A STOMP 1.2 client on a bare TCP socket that speaks WebSocket by hand, for what a library client hides: it sees
 * each MESSAGE frame's {@code position} header, can drop its connection abruptly (no DISCONNECT, no close frame: a
 * TCP reset, as when a laptop lid closes), and can stop reading altogether with a small receive buffer, as a stalled
 * browser tab does. Frames are read only after {@link #startReading()}; every MESSAGE body is checked against the
 * AsyncAPI channel of its subscription before it is recorded.
 */
final class RawStomp implements AutoCloseable {

    /** A MESSAGE frame as received; {@code body} is prefixed with "CONTRACT VIOLATION" when it breaks the contract. */
    record Message(String subscription, long position, String body) {
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean ended;
    private int subscriptions;

    private RawStomp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Opens the WebSocket, sends CONNECT (no heart-beats) and reads the CONNECTED frame; later frames are not read
     * until {@link #startReading()}.
     */
    static RawStomp connect(String wsUrl, String user) throws IOException {
        return connect(wsUrl, user, 0);
    }

    /** @param receiveBufferBytes the socket's receive buffer, set before connecting; 0 for the system default */
    static RawStomp connect(String wsUrl, String user, int receiveBufferBytes) throws IOException {
        URI uri = URI.create(wsUrl);
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        RawStomp stomp = new RawStomp(socket);
        stomp.handshake(uri, user);
        stomp.sendFrame("CONNECT\naccept-version:1.2\nhost:" + uri.getHost() + "\nheart-beat:0,0\n\n");
        // as STOMP clients do: SUBSCRIBE only once CONNECTED (the server registers the session's user then)
        String connected = stomp.readMessage();
        if (connected == null || !connected.startsWith("CONNECTED")) {
            throw new IOException("CONNECT answered " + connected);
        }
        return stomp;
    }

    /** SUBSCRIBE to a destination, with {@code since-position} when {@code since} is not null. */
    void subscribe(String destination, String channelTemplate, Long since) throws IOException {
        subscribeWithSince(destination, channelTemplate, since == null ? null : since.toString());
    }

    /** SUBSCRIBE with a raw {@code since-position} header value, valid or not; none when null. */
    void subscribeWithSince(String destination, String channelTemplate, String since) throws IOException {
        String id = "sub-" + subscriptions++;
        channels.put(id, channelTemplate);
        sendFrame("SUBSCRIBE\nid:" + id + "\ndestination:" + destination
                + (since == null ? "" : "\nsince-position:" + since) + "\n\n");
    }

    /** SUBSCRIBE without the {@code id} header STOMP requires: the server refuses it. */
    void subscribeWithoutId(String destination) throws IOException {
        sendFrame("SUBSCRIBE\ndestination:" + destination + "\n\n");
    }

    /** Reads frames on a thread of its own until the connection ends. */
    void startReading() {
        startReading(Duration.ZERO);
    }

    /** The same, pausing after each WebSocket message: a client that reads more slowly than a burst comes. */
    void startReading(Duration pauseAfterEachMessage) {
        Thread reader = new Thread(() -> read(pauseAfterEachMessage.toMillis()), "raw-stomp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The positions of the MESSAGE frames received, in the order received. */
    List<Long> positions() {
        return messages.stream().map(Message::position).toList();
    }

    /** The position of the last MESSAGE frame received; {@code otherwise} when none came. */
    long lastPosition(long otherwise) {
        return messages.isEmpty() ? otherwise : messages.get(messages.size() - 1).position();
    }

    /** Whether the server closed or reset the connection (seen only while reading). */
    boolean ended() {
        return ended;
    }

    /** Drops the connection with a TCP reset: no DISCONNECT, no WebSocket close frame. */
    void kill() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        if (!socket.isClosed()) {
            kill();
        }
    }

    private void handshake(URI uri, String user) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n"
                + "Authorization: " + Http.basic(user) + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (!response.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("handshake answered " + response.toString(StandardCharsets.US_ASCII));
            }
            response.write(next);
        }
        String status = response.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
    }

    /** One masked, final text frame carrying a STOMP frame (the NUL terminator is added here). */
    private synchronized void sendFrame(String stompFrame) throws IOException {
        byte[] payload = (stompFrame + "\0").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private void read(long pauseMillis) {
        try {
            for (String message = readMessage(); message != null; message = readMessage()) {
                received(message);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (IOException e) {
            // reset or closed: the connection is over either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended = true;
        }
    }

    /** The next WebSocket text message, its fragments joined; null once the server sent a close frame. */
    private String readMessage() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int first = readByte();
            int second = readByte();
            int opcode = first & 0x0F;
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException("connection ended inside a frame");
            }
            if (opcode == 0x8) {
                return null;
            }
            if (opcode == 0x1 || opcode == 0x0) {
                message.write(payload);
                if ((first & 0x80) != 0) {
                    return message.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }

    private int readByte() throws IOException {
        int next = in.read();
        if (next < 0) {
            throw new EOFException();
        }
        return next;
    }

    /** One WebSocket message: one or more frames, each ended by NUL (JSON bodies hold none), or a heart-beat. */
    private void received(String text) {
        for (String frame : text.split("\0")) {
            if (!frame.isBlank()) {
                receivedFrame(frame.stripLeading());
            }
        }
    }

    private void receivedFrame(String frame) {
        int bodyStart = frame.indexOf("\n\n");
        String[] head = (bodyStart < 0 ? frame : frame.substring(0, bodyStart)).split("\n");
        String body = bodyStart < 0 ? "" : frame.substring(bodyStart + 2);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(head[i].substring(0, colon), unescape(head[i].substring(colon + 1)));
            }
        }
        switch (head[0]) {
            case "MESSAGE" -> {
                String subscription = headers.get("subscription");
                List<String> problems = Contract.load().validateFrame(channels.getOrDefault(subscription, "?"), body);
                long position = headers.containsKey("position") ? Long.parseLong(headers.get("position")) : -1;
                messages.add(new Message(subscription, position,
                        problems.isEmpty() ? body : "CONTRACT VIOLATION " + problems + " in " + body));
            }
            case "ERROR" -> errors.add(headers.get("message"));
            default -> {
                // CONNECTED, RECEIPT
            }
        }
    }

    private static String unescape(String value) {
        return value.replace("\\c", ":").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
    }
}
