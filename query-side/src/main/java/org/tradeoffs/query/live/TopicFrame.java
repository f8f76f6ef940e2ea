package org.tradeoffs.query.live;

import java.util.List;

/**
 * The STOMP MESSAGE frame of one change on a cycle topic, encoded once for all its subscribers but for the two headers
 * that differ from one to the next ({@code subscription} and {@code message-id}). Its headers are those Spring's broker
 * sent before: {@code destination}, {@code content-type}, {@code position}, {@code content-length}.
 */
final class TopicFrame {

    private final String head;
    private final String tail;
    /** The UTF-8 length of head and tail. */
    private final int bytes;

    TopicFrame(String destination, long position, String body) {
        int bodyBytes = utf8Length(body);
        this.head = "MESSAGE\ndestination:" + escape(destination) + "\ncontent-type:application/json\n"
                + CatchUps.POSITION + ":" + position + "\ncontent-length:" + bodyBytes + "\n";
        this.tail = "\n" + body + "\0";
        this.bytes = utf8Length(head) + bodyBytes + 2;
    }

    /**
     * The frame for one subscription of one session, and its length in UTF-8; its message id is {@code live-} and the
     * number.
     */
    Encoded to(String subscriptionId, long messageNumber) {
        String escaped = escape(subscriptionId);
        String own = "subscription:" + escaped + "\nmessage-id:live-" + messageNumber + "\n";
        // all of it ASCII but the subscription id
        return new Encoded(this, own, bytes + own.length() - escaped.length() + utf8Length(escaped));
    }

    /**
     * A frame for one subscription: the shared parts and the headers of its own, put together only when it is
     * written ({@link #text}, {@link #addTo}), so that the feed's one thread queues a frame for each of a thousand
     * sessions without copying the frame a thousand times, and the message that joins several frames copies each once.
     */
    record Encoded(TopicFrame frame, String own, int bytes) {

        /** The frame's text. */
        String text() {
            return frame.head + own + frame.tail;
        }

        /** Adds the frame's text to a message's, in parts. */
        void addTo(List<String> parts) {
            parts.add(frame.head);
            parts.add(own);
            parts.add(frame.tail);
        }
    }

    static int utf8Length(String text) {
        int bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    bytes += 2; // with its low surrogate: 4 bytes for two chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
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
