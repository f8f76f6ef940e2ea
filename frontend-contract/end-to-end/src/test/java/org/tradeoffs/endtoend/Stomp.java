package org.tradeoffs.endtoend;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.tradeoffs.contract.Contract;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real STOMP client over WebSocket that records frames and errors. */
final class Stomp implements AutoCloseable {

    final List<String> frames = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    private final StompSession session;
    private final WebSocketStompClient client;

    private Stomp(WebSocketStompClient client, StompSession session) {
        this.client = client;
        this.session = session;
    }

    static Stomp connect(String url, String user) throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new RawJson());
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.add("Authorization", Http.basic(user));
        Recorder recorder = new Recorder();
        StompSession session = client.connectAsync(url, handshake, recorder).get(10, TimeUnit.SECONDS);
        Stomp stomp = new Stomp(client, session);
        recorder.errors = stomp.errors;
        return stomp;
    }

    /** Subscribes; every frame body is checked against the AsyncAPI channel before it is recorded. */
    void subscribe(String destination, String channelTemplate) {
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return String.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                String body = (String) payload;
                List<String> problems = Contract.load().validateFrame(channelTemplate, body);
                frames.add(problems.isEmpty() ? body : "CONTRACT VIOLATION " + problems + " in " + body);
            }
        });
    }

    boolean connected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
        client.stop();
    }

    private static final class Recorder extends StompSessionHandlerAdapter {
        volatile List<String> errors = new CopyOnWriteArrayList<>();

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            errors.add("ERROR " + headers.getFirst("message"));
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return String.class;
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
                                    Throwable exception) {
            errors.add("EXCEPTION " + exception);
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            errors.add("TRANSPORT " + exception);
        }
    }

    /** Hands frame bodies over as the JSON text they are, so tests can validate the raw frame. */
    private static final class RawJson extends AbstractMessageConverter {
        RawJson() {
            super(List.of(MimeTypeUtils.APPLICATION_JSON, MimeTypeUtils.TEXT_PLAIN));
        }

        @Override
        protected boolean supports(Class<?> type) {
            return String.class == type;
        }

        @Override
        protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
            Object payload = message.getPayload();
            return payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : payload.toString();
        }

        @Override
        protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
            return payload.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
