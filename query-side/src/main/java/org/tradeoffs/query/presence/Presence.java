package org.tradeoffs.query.presence;

import java.time.Instant;

/**
 * One STOMP session present in one cycle, as every query-side instance reads it from the shared
 * {@link PresenceStore}.
 *
 * @param id {@code instance/sessionId/cycleId}: session ids are only unique within one process
 * @param connection the opaque id clients see for the session (never the session id itself)
 * @param instance the query-side instance holding the session, which keeps {@code seenAt} fresh
 * @param viewing null when the client said it views nothing (or said nothing yet)
 * @param editing null when the client said it edits nothing (or said nothing yet)
 * @param since when the session joined the cycle
 * @param seenAt when its instance last said the session is still there
 */
public record Presence(String id, String cycleId, String user, String connection, String instance,
        PresenceItem viewing, PresenceItem editing, Instant since, Instant seenAt) {

    Presence with(PresenceUpdate update, Instant now) {
        return new Presence(id, cycleId, user, connection, instance, update.viewing(), update.editing(), since, now);
    }

    /** How presence frames list it. */
    PresenceFrame.Present present() {
        return new PresenceFrame.Present(user, connection, viewing, editing, since);
    }
}
