package org.tradeoffs.query.presence;

import org.tradeoffs.query.problem.Problems;

/**
 * The body of the MESSAGE a client gets on {@value PresenceDestinations#ERRORS} when its presence SEND was not
 * applied: shaped like an RFC 9457 problem without an HTTP status. The connection stays open.
 */
public record PresenceError(String type, String title, String code, String detail) {

    /** The body is not a presence update. */
    public static final String INVALID = "invalid-presence";
    /** The update names an item that is not a priority, opportunity or tradeoff of the cycle, as its kind says. */
    public static final String UNKNOWN_ITEM = "unknown-item";
    /** The connection sent more updates than {@link PresenceRate} allows. */
    public static final String TOO_MANY = "too-many-updates";

    static PresenceError invalid(String detail) {
        return new PresenceError(Problems.TYPE_PREFIX + INVALID, "Invalid presence", INVALID, detail);
    }

    static PresenceError unknownItem(String detail) {
        return new PresenceError(Problems.TYPE_PREFIX + UNKNOWN_ITEM, "Unknown item", UNKNOWN_ITEM, detail);
    }

    static PresenceError tooMany(String detail) {
        return new PresenceError(Problems.TYPE_PREFIX + TOO_MANY, "Too many updates", TOO_MANY, detail);
    }
}
