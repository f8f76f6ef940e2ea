package org.tradeoffs.query.live;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP over plain WebSocket at {@code /ws} with an in-memory broker for {@code /topic} (and {@code /queue}, for
 * replies to one session such as {@code /user/queue/errors}); SENDs to {@code /app} go to {@code @MessageMapping}
 * handlers (presence). The handshake is an authenticated HTTP request (see the security configuration), so every
 * STOMP session carries the user who opened it.
 */
@Configuration
@EnableWebSocketMessageBroker
public class StompConfig implements WebSocketMessageBrokerConfigurer {

    private final SubscriptionGuard guard;
    private final CatchUps catchUps;
    private final LiveSessions sessions;
    private final int sendBufferSizeLimit;
    private final int sendTimeLimit;
    private final List<String> allowedOrigins;
    /** Server and client heart-beat intervals, in milliseconds. */
    private final long[] heartbeat;
    private TaskScheduler heartbeatScheduler;

    public StompConfig(SubscriptionGuard guard, CatchUps catchUps, LiveSessions sessions,
            @Value("${tradeoffs.websocket.allowed-origins:http://localhost:*}") List<String> allowedOrigins,
            @Value("${tradeoffs.websocket.send-buffer-size-limit:1048576}") int sendBufferSizeLimit,
            @Value("${tradeoffs.websocket.send-time-limit:5000}") int sendTimeLimit,
            @Value("${tradeoffs.websocket.heartbeat:5s}") Duration heartbeat) {
        this.guard = guard;
        this.catchUps = catchUps;
        this.sessions = sessions;
        this.sendBufferSizeLimit = sendBufferSizeLimit;
        this.sendTimeLimit = sendTimeLimit;
        this.allowedOrigins = allowedOrigins;
        // A client that sends nothing for three intervals is disconnected: its presence goes within seconds.
        this.heartbeat = new long[] {heartbeat.toMillis(), heartbeat.toMillis()};
    }

    @Autowired
    void setHeartbeatScheduler(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
        this.heartbeatScheduler = scheduler;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setHandshakeHandler(new DefaultHandshakeHandler(new WithoutExtensions()))
                .setAllowedOriginPatterns(allowedOrigins.toArray(String[]::new));
    }

    /**
     * Declines every WebSocket extension a client offers. Every browser offers permessage-deflate, which Tomcat would
     * accept: each frame of a topic would then be compressed once per session following it, by a compressor each
     * session keeps (zlib's state, about a quarter of a MiB of native memory per session), where now one encoded frame
     * goes to all of them. Tomcat negotiates extensions from the request's header itself, whatever Spring selected, so
     * the upgrade does not show it the header.
     */
    static final class WithoutExtensions extends StandardWebSocketUpgradeStrategy {

        private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

        @Override
        public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
            return List.of();
        }

        @Override
        protected void upgradeHttpToWebSocket(HttpServletRequest request, HttpServletResponse response,
                ServerEndpointConfig endpointConfig, Map<String, String> pathParams) throws Exception {
            HttpServletRequest withoutOffers = new HttpServletRequestWrapper(request) {
                @Override
                public String getHeader(String name) {
                    return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
                }
            };
            super.upgradeHttpToWebSocket(withoutOffers, response, endpointConfig, pathParams);
        }
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic", "/queue")
                .setHeartbeatValue(heartbeat)
                .setTaskScheduler(heartbeatScheduler);
        registry.setApplicationDestinationPrefixes("/app");
        // Frames to one session leave in the order they were sent: positions stay increasing on every topic.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard, catchUps);
    }

    /**
     * A client that stops reading is disconnected once {@code send-buffer-size-limit} bytes wait for it or a send to
     * it has been pending for {@code send-time-limit} ms; it reconnects and catches up with {@code since-position}.
     * Its frames never hold up anyone else's: each session has its own buffer, and writes to it are asynchronous.
     *
     * <p>The time limit is what catches a stalled client: a write to a client that reads completes at once. The
     * buffer limit (1 MiB by default) bounds the memory one slow client can take. Neither a burst nor a catch-up fills
     * it: once half of it waits, the feed sends a client the rest of a burst as a catch-up, and a catch-up goes in
     * parts of at most 128 KiB, each once the previous part has gone to the client.
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setSendBufferSizeLimit(sendBufferSizeLimit).setSendTimeLimit(sendTimeLimit)
                .addDecoratorFactory(sessions);
    }
}
