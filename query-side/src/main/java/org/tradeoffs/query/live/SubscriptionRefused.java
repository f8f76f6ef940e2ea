package org.tradeoffs.query.live;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Thrown from the inbound channel; Spring's STOMP handler turns it into an ERROR frame whose
 * {@code message} header is the reason code, and closes the session.
 */
public class SubscriptionRefused extends MessagingException {

    public SubscriptionRefused(Message<?> message, String reason) {
        super(message, reason);
    }
}
