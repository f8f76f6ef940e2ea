package org.tradeoffs.query.presence;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Adds {@link PresenceSessions} to the frames from clients (the STOMP endpoint, broker and guard are configured in
 * {@code StompConfig}): it numbers presence SENDs as they arrive and hears when the broker added a presence
 * subscription; and {@link WelcomeFirst} to the frames to clients.
 */
@Configuration
public class PresenceStompConfig implements WebSocketMessageBrokerConfigurer {

    private final PresenceSessions sessions;
    private final WelcomeFirst welcomeFirst;

    public PresenceStompConfig(PresenceSessions sessions, WelcomeFirst welcomeFirst) {
        this.sessions = sessions;
        this.welcomeFirst = welcomeFirst;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(sessions);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(welcomeFirst);
    }
}
