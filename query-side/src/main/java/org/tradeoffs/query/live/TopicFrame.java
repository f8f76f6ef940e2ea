package org.tradeoffs.query.live;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;

/**
 * The STOMP MESSAGE frame of one change on a cycle topic, encoded to UTF-8 once for all its subscribers but for the two
 * headers that differ from one to the next ({@code subscription} and {@code message-id}). Its headers are those
 * Spring's broker sent before: {@code destination}, {@code content-type}, {@code position}, {@code content-length}.
 */
final class TopicFrame {

    private final byte[] head;
    /** The blank line, the body and the NUL that ends the frame. */
    private final byte[] tail;

    TopicFrame(String destination, long position, String body) {
        byte[] bodyBytes = body.getBytes(UTF_8);
        this.head = ("MESSAGE\ndestination:" + escape(destination) + "\ncontent-type:application/json\n"
                + CatchUps.POSITION + ":" + position + "\ncontent-length:" + bodyBytes.length + "\n").getBytes(UTF_8);
        this.tail = new byte[bodyBytes.length + 2];
        tail[0] = '\n';
        System.arraycopy(bodyBytes, 0, tail, 1, bodyBytes.length);
        tail[tail.length - 1] = 0;
    }

    /** The frame for one subscription of one session; its message id is {@code live-} and the number. */
    Encoded to(String subscriptionId, long messageNumber) {
        return new Encoded(this, subscriptionId, ("subscription:" + escape(subscriptionId) + "\nmessage-id:live-"
                + messageNumber + "\n").getBytes(UTF_8));
    }

    /**
     * A frame for one subscription: the shared parts and the headers of its own, put together only when it is
     * written ({@link #writeTo}), so that the feed's one thread queues a frame for each of a thousand sessions without
     * copying the frame a thousand times, and the message that joins several frames copies each once.
     */
    record Encoded(TopicFrame frame, String subscriptionId, byte[] own) {

        /** The frame's length in UTF-8. */
        int bytes() {
            return frame.head.length + own.length + frame.tail.length;
        }

        /** Adds the frame's bytes to a message's. */
        void writeTo(ByteBuffer message) {
            message.put(frame.head).put(own).put(frame.tail);
        }

        /** The frame's text. */
        String text() {
            ByteBuffer bytes = ByteBuffer.allocate(bytes());
            writeTo(bytes);
            return new String(bytes.array(), UTF_8);
        }
    }

    /** STOMP 1.2 header value escaping. */
    static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf(':') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ':' -> escaped.append("\\c");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
