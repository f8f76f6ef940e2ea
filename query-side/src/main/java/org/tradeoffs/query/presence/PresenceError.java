package org.tradeoffs.query.presence;

import org.tradeoffs.query.problem.Problems;

/**
 * The body of the MESSAGE a client gets on {@value PresenceDestinations#ERRORS} when its presence SEND was not
 * applied: shaped like an RFC 9457 problem without an HTTP status. The connection stays open.
 */
public record PresenceError(String type, String title, String code, String detail) {

    public static final String INVALID = "invalid-presence";

    static PresenceError invalid(String detail) {
        return new PresenceError(Problems.TYPE_PREFIX + INVALID, "Invalid presence", INVALID, detail);
    }
}
