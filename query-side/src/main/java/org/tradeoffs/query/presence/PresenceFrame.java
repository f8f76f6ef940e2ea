package org.tradeoffs.query.presence;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The body of every MESSAGE on {@code /topic/cycles/{cycleId}/presence}: what changed, for whom, and everyone present
 * in the cycle after the change, so a client can simply replace its list.
 *
 * @param user the user whose connection changed
 * @param connection that connection's opaque id
 * @param present every connection present in the cycle, oldest first
 */
public record PresenceFrame(String cycleId, Change change, String user, String connection, List<Present> present) {

    public enum Change {
        JOINED, LEFT, VIEWING, EDITING;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One connection present in the cycle; a user with two tabs open has two.
     *
     * @param viewing null for nothing
     * @param editing null for nothing
     */
    public record Present(String user, String connection, PresenceItem viewing, PresenceItem editing, Instant since) {
    }
}
