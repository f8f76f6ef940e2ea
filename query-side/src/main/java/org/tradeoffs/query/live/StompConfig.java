package org.tradeoffs.query.live;

import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP over plain WebSocket at {@code /ws} with an in-memory broker for {@code /topic}. The
 * handshake is an authenticated HTTP request (see the security configuration), so every STOMP
 * session carries the user who opened it.
 */
@Configuration
@EnableWebSocketMessageBroker
public class StompConfig implements WebSocketMessageBrokerConfigurer {

    /** Server and client heart-beat intervals, in milliseconds. */
    static final long[] HEARTBEAT = {10_000, 10_000};

    private final SubscriptionGuard guard;
    private final CatchUps catchUps;
    private final int sendBufferSizeLimit;
    private final int sendTimeLimit;
    private final List<String> allowedOrigins;
    private TaskScheduler heartbeatScheduler;

    public StompConfig(SubscriptionGuard guard, CatchUps catchUps,
            @Value("${tradeoffs.websocket.allowed-origins:http://localhost:*}") List<String> allowedOrigins,
            @Value("${tradeoffs.websocket.send-buffer-size-limit:524288}") int sendBufferSizeLimit,
            @Value("${tradeoffs.websocket.send-time-limit:5000}") int sendTimeLimit) {
        this.guard = guard;
        this.catchUps = catchUps;
        this.sendBufferSizeLimit = sendBufferSizeLimit;
        this.sendTimeLimit = sendTimeLimit;
        this.allowedOrigins = allowedOrigins;
    }

    @Autowired
    void setHeartbeatScheduler(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
        this.heartbeatScheduler = scheduler;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns(allowedOrigins.toArray(String[]::new));
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic").setHeartbeatValue(HEARTBEAT).setTaskScheduler(heartbeatScheduler);
        // Frames to one session leave in the order they were sent: positions stay increasing on every topic.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard, catchUps);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(catchUps);
    }

    /**
     * A client that stops reading is disconnected once {@code send-buffer-size-limit} bytes wait for it or a send to
     * it blocks for {@code send-time-limit} ms; it reconnects and catches up with {@code since-position}. Its frames
     * never hold up anyone else's: each session has its own buffer, and sends to it never block the feed.
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setSendBufferSizeLimit(sendBufferSizeLimit).setSendTimeLimit(sendTimeLimit);
    }
}
