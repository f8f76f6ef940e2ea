package org.apache.tomcat.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.nio.ByteBuffer;

/**
 * Sends a WebSocket text message whose UTF-8 bytes are already at hand. The standard API takes text only, and Tomcat
 * encodes every message it is given again, one character at a time (its encoder cannot read a {@code String}'s array):
 * in the live benchmark two thirds of the CPU that writing frames to 1,000 sessions took, for the same bytes in every
 * session's message but its two headers. The live feed encodes each frame once instead (see
 * {@code org.tradeoffs.query.live.TopicFrame}) and hands the bytes to Tomcat's own send of a whole message here,
 * the method Tomcat's text and binary sends end in. It lives in Tomcat's package because that method is package-private;
 * a Tomcat that changed it would fail to compile this, not fail at run time.
 */
public final class EncodedTextMessages {

    private EncodedTextMessages() {
    }

    /**
     * Starts sending the bytes as one whole text message; {@code done} is called as for
     * {@link RemoteEndpoint.Async#sendText(String, SendHandler)}. The caller sends one message at a time per session
     * (the next once {@code done} was called) and never changes the bytes meanwhile.
     *
     * @return false, having sent nothing, when the endpoint is not Tomcat's: send the text instead
     */
    public static boolean send(RemoteEndpoint.Async remote, ByteBuffer utf8, SendHandler done) {
        if (!(remote instanceof WsRemoteEndpointBase tomcat)) {
            return false;
        }
        tomcat.base.startMessage(Constants.OPCODE_TEXT, utf8, true, done);
        return true;
    }
}
