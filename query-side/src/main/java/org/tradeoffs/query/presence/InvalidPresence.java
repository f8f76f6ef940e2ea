package org.tradeoffs.query.presence;

/**
 * A presence SEND that was not applied: its body is not a {@link PresenceUpdate}, it names an item that is not one of
 * the cycle's, or the connection sent too many ({@link PresenceRate}). The sender is answered on its error queue.
 */
public class InvalidPresence extends RuntimeException {

    private final String code;

    public InvalidPresence(String detail) {
        this(PresenceError.INVALID, detail);
    }

    private InvalidPresence(String code, String detail) {
        super(detail);
        this.code = code;
    }

    static InvalidPresence unknownItem(String detail) {
        return new InvalidPresence(PresenceError.UNKNOWN_ITEM, detail);
    }

    static InvalidPresence tooMany(String detail) {
        return new InvalidPresence(PresenceError.TOO_MANY, detail);
    }

    PresenceError error() {
        return switch (code) {
            case PresenceError.UNKNOWN_ITEM -> PresenceError.unknownItem(getMessage());
            case PresenceError.TOO_MANY -> PresenceError.tooMany(getMessage());
            default -> PresenceError.invalid(getMessage());
        };
    }
}
