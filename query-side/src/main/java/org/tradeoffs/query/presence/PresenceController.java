package org.tradeoffs.query.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/**
 * Where clients SEND what they view and edit: {@code /app/cycles/{cycleId}/presence} with a {@link PresenceUpdate}.
 * The subscription guard has already checked that the sender is a member of the cycle's district. A body that is not
 * an update, one naming an item that is not one of the cycle's ({@link PresenceItems}), or one more than the
 * connection may send ({@link PresenceRate}), changes nothing and is answered on the sender's
 * {@value PresenceDestinations#ERRORS}; the connection stays open.
 */
@Controller
public class PresenceController {

    private final PresenceSessions sessions;
    private final PresenceItems items;
    private final PresenceRate rate;
    private final ObjectMapper json;

    /** Resolved on first use, so web slice tests of the REST controllers need not provide them. */
    public PresenceController(@Lazy PresenceSessions sessions, @Lazy PresenceItems items, @Lazy PresenceRate rate,
            ObjectMapper json) {
        this.sessions = sessions;
        this.items = items;
        this.rate = rate;
        this.json = json;
    }

    @MessageMapping("/cycles/{cycleId}/presence")
    public void update(@DestinationVariable String cycleId, @Payload(required = false) byte[] body,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId,
            @Header(name = PresenceSessions.RECEIVED, required = false) Long received) {
        PresenceUpdate update = PresenceUpdate.parse(body, json);
        if (!rate.allow(sessionId)) {
            throw InvalidPresence.tooMany("More than " + PresenceRate.BURST + " updates at once, or "
                    + PresenceRate.PER_SECOND + " a second, on this connection; this one was not applied");
        }
        items.check(cycleId, update);
        if (received != null) {
            sessions.update(sessionId, received, cycleId, update);
        }
    }

    @MessageExceptionHandler(InvalidPresence.class)
    @SendToUser(destinations = PresenceDestinations.USER_ERRORS, broadcast = false)
    public PresenceError invalid(InvalidPresence invalid) {
        return invalid.error();
    }
}
