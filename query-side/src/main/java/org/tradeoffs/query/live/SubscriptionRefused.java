package org.tradeoffs.query.live;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Thrown from the inbound channel for a session that is not one of this instance's {@link LiveSessions} (a unit
 * test's); Spring's STOMP handler turns it into an ERROR frame whose {@code message} header is the reason code, and
 * closes the session. A live session is refused through its own queue instead (see {@link SubscriptionGuard}).
 */
public class SubscriptionRefused extends MessagingException {

    public SubscriptionRefused(Message<?> message, String reason) {
        super(message, reason);
    }
}
