package org.tradeoffs.benchmark.live;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many STOMP sessions over plain WebSocket, each subscribed to one topic and reporting when each frame arrived. The
 * client is as light as a client can be, since it shares this machine's two cores with the product it measures (real
 * clients are browsers on other machines): the WebSocket handshake and frames are spoken by hand, all sessions are
 * read by one thread through one selector, and a MESSAGE frame is not decoded: only its {@code position} header is
 * found in its bytes. A WebSocket message may carry several STOMP frames, each ended by NUL.
 */
final class StompSessions implements AutoCloseable {

    /** Told of every frame: which session, which position, when (System.nanoTime). */
    interface Arrivals {
        void arrived(int session, long position, long nanoTime);
    }

    private static final byte[] MESSAGE = "MESSAGE\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "ERROR\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POSITION = "\nposition:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];
    private static final byte[] CONTENT_LENGTH = "\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    private final List<Session> sessions = new ArrayList<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final Selector selector;
    private final Thread reader;
    private final URI url;
    private final String user;
    private volatile boolean running = true;

    StompSessions(String url, String user) {
        this.url = URI.create(url);
        this.user = user;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.reader = new Thread(this::read, "stomp-sessions-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int size() {
        return sessions.size();
    }

    /** ERROR frames and failed sockets so far. */
    int errors() {
        return errors.get();
    }

    int closedByServer() {
        return closed.get();
    }

    /** Opens {@code count} more sessions, subscribed to {@code destination} (with since-position when >= 0). */
    void open(int count, String destination, long sincePosition, Arrivals arrivals) throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
            channel.socket().setTcpNoDelay(true);
            handshake(channel);
            send(channel, "CONNECT\naccept-version:1.2\nheart-beat:0,0\nhost:localhost\n\n");
            send(channel, "SUBSCRIBE\nid:0\ndestination:" + destination + "\n"
                    + (sincePosition >= 0 ? "since-position:" + sincePosition + "\n" : "") + "\n");
            channel.configureBlocking(false);
            Session session = new Session(sessions.size(), arrivals);
            sessions.add(session);
            session.channel = channel;
            synchronized (this) {
                selector.wakeup();
                channel.register(selector, SelectionKey.OP_READ, session);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Session session : sessions) {
            try {
                session.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void handshake(SocketChannel channel) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: v12.stomp\r\nAuthorization: " + CommandClient.basic(user) + "\r\n"
                // what every browser offers; the server must decline it (this client does not inflate frames)
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        InputStream in = channel.socket().getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (!response.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("handshake answered " + response.toString(StandardCharsets.US_ASCII));
            }
            response.write(next);
        }
        String head = response.toString(StandardCharsets.US_ASCII);
        String status = head.lines().findFirst().orElse("");
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        if (head.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions")) {
            throw new IOException("the server accepted an extension this client does not speak: " + head);
        }
    }

    /** One masked, final text frame carrying one STOMP frame (NUL added here). */
    private static void send(SocketChannel channel, String stompFrame) throws IOException {
        byte[] payload = (stompFrame + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
        frame.put((byte) 0x81);
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        frame.flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        while (running) {
            try {
                selector.select(100);
                synchronized (this) {
                    // open() registers channels while the reader waits here, not in select
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Session session = (Session) key.attachment();
                    buffer.clear();
                    int read;
                    try {
                        read = session.channel.read(buffer);
                    } catch (IOException e) {
                        read = -1;
                    }
                    if (read < 0) {
                        key.cancel();
                        closed.incrementAndGet();
                        continue;
                    }
                    buffer.flip();
                    session.received(buffer, System.nanoTime());
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (running) {
                    errors.incrementAndGet();
                }
            }
        }
    }

    /** One session's bytes: WebSocket frames, whose text payloads are STOMP frames ended by NUL. */
    private final class Session {

        private final int index;
        private final Arrivals arrivals;
        SocketChannel channel;
        /** Bytes of an incomplete WebSocket frame header or payload, carried to the next read. */
        private byte[] pending = NOTHING;
        /** The STOMP frame being read (its bytes so far), across WebSocket frames. */
        private final ByteArrayOutputStream stomp = new ByteArrayOutputStream();

        Session(int index, Arrivals arrivals) {
            this.index = index;
            this.arrivals = arrivals;
        }

        /** Bytes read from the socket: read where they are (the reader's buffer) unless a frame began in earlier ones. */
        void received(ByteBuffer read, long now) {
            byte[] bytes;
            int at;
            int end;
            if (pending.length == 0) {
                bytes = read.array();
                at = read.arrayOffset() + read.position();
                end = at + read.remaining();
            } else {
                bytes = new byte[pending.length + read.remaining()];
                System.arraycopy(pending, 0, bytes, 0, pending.length);
                read.get(bytes, pending.length, read.remaining());
                at = 0;
                end = bytes.length;
            }
            while (true) {
                if (end - at < 2) {
                    break;
                }
                int opcode = bytes[at] & 0x0F;
                int length = bytes[at + 1] & 0x7F;
                int header = 2;
                if (length == 126) {
                    if (end - at < 4) {
                        break;
                    }
                    length = ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
                    header = 4;
                } else if (length == 127) {
                    if (end - at < 10) {
                        break;
                    }
                    long longLength = 0;
                    for (int i = 0; i < 8; i++) {
                        longLength = (longLength << 8) | (bytes[at + 2 + i] & 0xFF);
                    }
                    length = (int) longLength;
                    header = 10;
                }
                if (end - at - header < length) {
                    break;
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    payload(bytes, at + header, at + header + length, now);
                }
                at += header + length;
            }
            pending = at == end ? NOTHING : Arrays.copyOfRange(bytes, at, end);
        }

        /**
         * Text payload bytes: frames end at NUL; a frame may continue in the next WebSocket frame. A frame that starts
         * here and gives its {@code content-length} is read to its end without looking at its body.
         */
        private void payload(byte[] bytes, int from, int to, long now) {
            int start = from;
            while (start < to) {
                int end = stomp.size() == 0 ? endByLength(bytes, start, to) : -1;
                if (end < 0) {
                    end = indexOfNul(bytes, start, to);
                }
                if (end < 0) {
                    stomp.write(bytes, start, to - start);
                    return;
                }
                if (stomp.size() == 0) {
                    frame(bytes, start, end, now);
                } else {
                    stomp.write(bytes, start, end - start);
                    byte[] whole = stomp.toByteArray();
                    stomp.reset();
                    frame(whole, 0, whole.length, now);
                }
                start = end + 1;
            }
        }

        private void frame(byte[] bytes, int from, int to, long now) {
            while (from < to && (bytes[from] == '\n' || bytes[from] == '\r')) {
                from++; // heart-beats and the end of line after a frame
            }
            if (startsWith(bytes, from, to, MESSAGE)) {
                int header = indexOf(bytes, from, to, POSITION);
                if (header >= 0) {
                    long position = 0;
                    for (int i = header + POSITION.length; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
                        position = position * 10 + (bytes[i] - '0');
                    }
                    arrivals.arrived(index, position, now);
                }
            } else if (startsWith(bytes, from, to, ERROR)) {
                errors.incrementAndGet();
            }
        }
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the frame starting at {@code from} ends (its NUL) as its {@code content-length} header says, or -1: no such
     * header, or the frame does not end before {@code to}, or not with NUL there.
     */
    private static int endByLength(byte[] bytes, int from, int to) {
        int header = indexOf(bytes, from, to, CONTENT_LENGTH);
        if (header < 0) {
            return -1;
        }
        long length = 0;
        int at = header + CONTENT_LENGTH.length;
        for (; at < to && bytes[at] >= '0' && bytes[at] <= '9'; at++) {
            length = length * 10 + (bytes[at] - '0');
        }
        for (; at + 1 < to; at++) {
            if (bytes[at] == '\n' && bytes[at + 1] == '\n') {
                long end = at + 2 + length;
                return end < to && bytes[(int) end] == 0 ? (int) end : -1;
            }
        }
        return -1;
    }

    private static int indexOfNul(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where {@code needle} starts in the frame's headers (before the blank line), or -1. */
    private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            if (bytes[i] != '\n') {
                continue; // every needle starts a line
            }
            if (bytes[i + 1] == '\n') {
                return -1;
            }
            if (startsWith(bytes, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }
}
